package dev.factory.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import dev.factory.oci.Digests;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

/**
 * An in-toto statement: which artifacts (by digest) a predicate speaks about, and what it says. Factory writes
 * Statement v1; it reads v1 and v0.1 (what {@code cosign attest} writes).
 *
 * @param subjects the sha256 digests ({@code sha256:<hex>}) the statement names
 */
public record Statement(String predicateType, List<String> subjects, JsonNode predicate) {
    private static final String V01 = "https://in-toto.io/Statement/v0.1";

    /**
     * The payload bytes of a statement about one image.
     *
     * @param name the subject's name (the repository), or null to leave it out as {@code cosign sign} does
     * @param digest {@code sha256:<hex>}
     */
    public static byte[] payload(String predicateType, String name, String digest, JsonNode predicate) {
        ObjectNode o = Json.object();
        o.put("_type", BundleFormat.STATEMENT_V1);
        ObjectNode subject = o.putArray("subject").addObject();
        if (name != null) {
            subject.put("name", name);
        }
        subject.putObject("digest").put("sha256", Digests.hex(digest));
        o.put("predicateType", predicateType);
        o.set("predicate", predicate == null ? Json.object() : predicate);
        return Json.compact(o).getBytes(StandardCharsets.UTF_8);
    }

    /** Parses a payload; null when it is not an in-toto statement. */
    public static Statement parse(byte[] payload) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(payload);
        } catch (IOException e) {
            return null;
        }
        if (root == null || !root.isObject()) {
            return null;
        }
        String type = root.path("_type").asText("");
        if (!BundleFormat.STATEMENT_V1.equals(type) && !V01.equals(type)) {
            return null;
        }
        List<String> subjects = new ArrayList<>();
        for (JsonNode s : root.path("subject")) {
            String hex = s.path("digest").path("sha256").asText("");
            if (hex.matches("[0-9a-f]{64}")) {
                subjects.add("sha256:" + hex);
            }
        }
        return new Statement(root.path("predicateType").asText(""), subjects, root.path("predicate"));
    }

    public boolean isAbout(String digest) {
        return subjects.contains(digest);
    }
}
