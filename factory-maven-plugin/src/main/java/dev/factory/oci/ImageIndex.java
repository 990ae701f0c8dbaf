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

/** An image index (OCI) or manifest list (Docker). Read ones keep their bytes; built ones serialise reproducibly. */
public final class ImageIndex {
    private final String mediaType;
    private final List<Descriptor> manifests;
    private final Map<String, String> annotations;
    private final byte[] bytes;

    private ImageIndex(String mediaType, List<Descriptor> manifests, Map<String, String> annotations, byte[] bytes) {
        this.mediaType = mediaType;
        this.manifests = List.copyOf(manifests);
        this.annotations = Collections.unmodifiableMap(new TreeMap<>(annotations));
        this.bytes = bytes != null ? bytes : serialise();
    }

    public static ImageIndex oci(List<Descriptor> manifests, Map<String, String> annotations) {
        return new ImageIndex(MediaTypes.OCI_INDEX, manifests, annotations, null);
    }

    /** An index of the given media type: {@link MediaTypes#OCI_INDEX} or {@link MediaTypes#DOCKER_MANIFEST_LIST}. */
    public static ImageIndex of(String mediaType, List<Descriptor> manifests, Map<String, String> annotations) {
        return new ImageIndex(mediaType, manifests, annotations, null);
    }

    public static ImageIndex parse(byte[] bytes, String mediaTypeHint) throws IOException {
        JsonNode root = Json.mapper().readTree(bytes);
        if (!root.path("manifests").isArray()) {
            throw new IOException("not an image index (no manifests)");
        }
        List<Descriptor> list = new ArrayList<>();
        root.path("manifests").forEach(n -> list.add(Descriptor.fromJson(n)));
        Map<String, String> annotations = new TreeMap<>();
        root.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new ImageIndex(root.path("mediaType").asText(mediaTypeHint == null ? MediaTypes.OCI_INDEX : mediaTypeHint),
                list, annotations, bytes.clone());
    }

    private byte[] serialise() {
        ObjectNode o = Json.object();
        o.put("schemaVersion", 2);
        o.put("mediaType", mediaType);
        ArrayNode list = o.putArray("manifests");
        manifests.forEach(m -> list.add(m.toJson()));
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
        return Json.compact(o).getBytes(StandardCharsets.UTF_8);
    }

    public String mediaType() {
        return mediaType;
    }

    public List<Descriptor> manifests() {
        return manifests;
    }

    public Map<String, String> annotations() {
        return annotations;
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String digest() {
        return Digests.of(bytes);
    }

    public Descriptor descriptor() {
        return Descriptor.of(mediaType, digest(), bytes.length);
    }

    /** Image entries with a known platform (buildx attestation manifests, {@code unknown/unknown}, are left out). */
    public List<Descriptor> platformManifests() {
        List<Descriptor> out = new ArrayList<>();
        for (Descriptor d : manifests) {
            if (d.platform() != null && !d.platform().isUnknown()
                    && !"attestation-manifest".equals(d.annotations().get("vnd.docker.reference.type"))) {
                out.add(d);
            }
        }
        return out;
    }
}
