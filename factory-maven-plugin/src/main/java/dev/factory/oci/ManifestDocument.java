package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.nio.charset.StandardCharsets;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * What an image manifest and an image index share: a media type, annotations, and the exact bytes the digest is over.
 * Read documents keep the bytes they were read from; built ones serialise compactly in a fixed key order, so the same
 * content always gives the same digest.
 */
public abstract sealed class ManifestDocument permits ImageIndex, ImageManifest {
    private final String mediaType;
    private final Map<String, String> annotations;
    private byte[] bytes;

    ManifestDocument(String mediaType, Map<String, String> annotations) {
        this.mediaType = mediaType;
        this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    /** Called last by each constructor, once the subclass's fields are set: the bytes read, or the serialised ones. */
    final void setBytes(byte[] read) {
        bytes = read != null ? read.clone() : serialise();
    }

    /** The JSON of a built document; {@link #finish} adds the annotations and makes the bytes. */
    abstract byte[] serialise();

    /** The document's own fields written, adds the annotations (when there are any) and gives the compact bytes. */
    final byte[] finish(ObjectNode document) {
        if (!annotations.isEmpty()) {
            ObjectNode a = document.putObject("annotations");
            annotations.forEach(a::put);
        }
        return Json.compact(document).getBytes(StandardCharsets.UTF_8);
    }

    /** The annotations of a read document. */
    static Map<String, String> annotationsOf(JsonNode root) {
        Map<String, String> annotations = new TreeMap<>();
        root.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return annotations;
    }

    public String mediaType() {
        return mediaType;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    /** The exact bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String digest() {
        return Digests.of(bytes);
    }

    /** A descriptor of this document, for an index or a referrer. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest(), bytes.length);
    }
}
