package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * An image manifest (OCI or Docker schema 2). Read ones keep their exact bytes, since the digest is
 * over those bytes; built ones serialise compactly in a fixed key order, so the same content always
 * gives the same digest.
 */
public final class ImageManifest {
    private final String mediaType;
    private final Descriptor config;
    private final List<Descriptor> layers;
    private final Map<String, String> annotations;
    private final Descriptor subject;
    private final String artifactType;
    private final byte[] bytes;

    private ImageManifest(String mediaType, Descriptor config, List<Descriptor> layers, Map<String, String> annotations,
                          Descriptor subject, String artifactType, byte[] bytes) {
        this.mediaType = mediaType;
        this.config = config;
        this.layers = List.copyOf(layers);
        this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        this.subject = subject;
        this.artifactType = artifactType;
        this.bytes = bytes != null ? bytes : serialise();
    }

    /** A new OCI image manifest. */
    public static ImageManifest oci(Descriptor config, List<Descriptor> layers, Map<String, String> annotations) {
        return new ImageManifest(MediaTypes.OCI_MANIFEST, config, layers, annotations, null, null, null);
    }

    /** A new OCI artifact manifest pointing at {@code subject} (a referrer). */
    public static ImageManifest artifact(String artifactType, Descriptor config, List<Descriptor> layers,
                                         Descriptor subject, Map<String, String> annotations) {
        return new ImageManifest(MediaTypes.OCI_MANIFEST, config, layers, annotations, subject, artifactType, null);
    }

    /** Parses manifest bytes; {@code mediaTypeHint} (e.g. a Content-Type) is used when the JSON has none. */
    public static ImageManifest parse(byte[] bytes, String mediaTypeHint) throws IOException {
        JsonNode root = Json.mapper().readTree(bytes);
        String mediaType = root.path("mediaType").asText(mediaTypeHint == null ? MediaTypes.OCI_MANIFEST : mediaTypeHint);
        if (!root.has("config") || !root.path("layers").isArray()) {
            throw new IOException("not an image manifest (no config or layers)");
        }
        List<Descriptor> layers = new ArrayList<>();
        root.path("layers").forEach(n -> layers.add(Descriptor.fromJson(n)));
        Map<String, String> annotations = new TreeMap<>();
        root.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        Descriptor subject = root.has("subject") ? Descriptor.fromJson(root.get("subject")) : null;
        String artifactType = root.hasNonNull("artifactType") ? root.get("artifactType").asText() : null;
        return new ImageManifest(mediaType, Descriptor.fromJson(root.get("config")), layers, annotations, subject,
                artifactType, bytes.clone());
    }

    private byte[] serialise() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType);
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        o.set("config", config.toJson());
        ArrayNode list = o.putArray("layers");
        layers.forEach(l -> list.add(l.toJson()));
        if (subject != null) {
            o.set("subject", subject.toJson());
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
        return Json.compact(o).getBytes(StandardCharsets.UTF_8);
    }

    public String mediaType() {
        return mediaType;
    }

    public Descriptor config() {
        return config;
    }

    public List<Descriptor> layers() {
        return layers;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public Descriptor subject() {
        return subject;
    }

    public String artifactType() {
        return artifactType;
    }

    /** The exact bytes (a copy). */
    public byte[] bytes() {
        return bytes.clone();
    }

    public String digest() {
        return Digests.of(bytes);
    }

    /** A descriptor of this manifest, for an index or a referrer. */
    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest(), bytes.length);
    }
}
