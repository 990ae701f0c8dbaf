package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * An image configuration ({@code application/vnd.oci.image.config.v1+json}, the same shape as Docker's):
 * read accessors over the JSON tree, which stays available for anything not covered here.
 */
public final class ImageConfig {
    private final ObjectNode root;
    private final byte[] bytes;

    private ImageConfig(ObjectNode root, byte[] bytes) {
        this.root = root;
        this.bytes = bytes;
    }

    public static ImageConfig parse(byte[] bytes) throws IOException {
        JsonNode node = Json.mapper().readTree(bytes);
        if (!(node instanceof ObjectNode o)) {
            throw new IOException("an image config is a JSON object");
        }
        return new ImageConfig(o, bytes.clone());
    }

    /** A config built in memory; serialised compactly in the tree's insertion order. */
    public static ImageConfig of(ObjectNode root) {
        return new ImageConfig(root.deepCopy(), Json.compact(root).getBytes(StandardCharsets.UTF_8));
    }

    /** A copy of the tree, to build a new config from. */
    public ObjectNode json() {
        return root.deepCopy();
    }

    public byte[] bytes() {
        return bytes.clone();
    }

    public String digest() {
        return Digests.of(bytes);
    }

    public String architecture() {
        return root.path("architecture").asText(null);
    }

    public Platform platform() {
        return Platform.fromJson(root);
    }

    public String created() {
        return root.path("created").asText(null);
    }

    private JsonNode config() {
        return root.path("config");
    }

    public List<String> env() {
        return strings(config().get("Env"));
    }

    /** Null when the image sets none (which differs from an empty list). */
    public List<String> entrypoint() {
        JsonNode n = config().get("Entrypoint");
        return n == null || n.isNull() ? null : strings(n);
    }

    public List<String> cmd() {
        JsonNode n = config().get("Cmd");
        return n == null || n.isNull() ? null : strings(n);
    }

    public String user() {
        return config().path("User").asText("");
    }

    public String workingDir() {
        return config().path("WorkingDir").asText("");
    }

    public Map<String, String> labels() {
        Map<String, String> out = new LinkedHashMap<>();
        config().path("Labels").properties().forEach(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }

    /** Such as {@code 8080/tcp}. */
    public Set<String> exposedPorts() {
        Set<String> out = new TreeSet<>();
        config().path("ExposedPorts").fieldNames().forEachRemaining(out::add);
        return out;
    }

    public Set<String> volumes() {
        Set<String> out = new TreeSet<>();
        config().path("Volumes").fieldNames().forEachRemaining(out::add);
        return out;
    }

    /** The history entries as JSON objects ({@code created}, {@code created_by}, {@code comment}, {@code empty_layer}). */
    public List<JsonNode> history() {
        List<JsonNode> out = new ArrayList<>();
        root.path("history").forEach(out::add);
        return out;
    }

    /** {@code rootfs.diff_ids}: the digests of the uncompressed layers, bottom first. */
    public List<String> diffIds() {
        return strings(root.path("rootfs").get("diff_ids"));
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        if (array != null && array.isArray()) {
            array.forEach(n -> out.add(n.asText()));
        }
        return out;
    }
}
