package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * An OCI content descriptor: what a manifest or index says about a blob it refers to.
 *
 * @param platform only in index entries, else null
 * @param annotations never null; written sorted by key
 * @param artifactType only for artifacts (referrers), else null
 */
public record Descriptor(String mediaType, String digest, long size, Platform platform, Map<String, String> annotations,
        String artifactType) {

    public Descriptor {
        annotations = annotations == null ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(annotations));
    }

    public static Descriptor of(String mediaType, String digest, long size) {
        return new Descriptor(mediaType, digest, size, null, Map.of(), null);
    }

    public Descriptor withPlatform(Platform p) {
        return new Descriptor(mediaType, digest, size, p, annotations, artifactType);
    }

    public Descriptor withAnnotations(Map<String, String> a) {
        return new Descriptor(mediaType, digest, size, platform, a, artifactType);
    }

    public Descriptor withArtifactType(String type) {
        return new Descriptor(mediaType, digest, size, platform, annotations, type);
    }

    public static Descriptor fromJson(JsonNode node) {
        Map<String, String> annotations = new TreeMap<>();
        node.path("annotations").properties().forEach(e -> annotations.put(e.getKey(), e.getValue().asText()));
        return new Descriptor(node.path("mediaType").asText(null), node.path("digest").asText(null),
                node.path("size").asLong(), Platform.fromJson(node.get("platform")), annotations,
                node.hasNonNull("artifactType") ? node.get("artifactType").asText() : null);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("mediaType", mediaType);
        if (artifactType != null) {
            o.put("artifactType", artifactType);
        }
        o.put("digest", digest);
        o.put("size", size);
        if (platform != null) {
            o.set("platform", platform.toJson());
        }
        if (!annotations.isEmpty()) {
            ObjectNode a = o.putObject("annotations");
            annotations.forEach(a::put);
        }
        return o;
    }
}
