package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.BadInputException;
import dev.factory.io.Json;

/**
 * An image platform such as {@code linux/arm64/v8}. Matching follows the engines: a request without
 * a variant accepts any variant, and {@code arm64} means {@code arm64/v8}.
 */
public record Platform(String os, String architecture, String variant) {

    public static Platform parse(String text) {
        String[] parts = text == null ? new String[0] : text.trim().split("/");
        if (parts.length < 2 || parts.length > 3 || parts[0].isBlank() || parts[1].isBlank()) {
            throw new BadInputException("'" + text + "' is not a platform: write os/architecture[/variant], such as "
                    + "linux/amd64 or linux/arm64.");
        }
        return new Platform(parts[0], parts[1], parts.length == 3 ? parts[2] : null);
    }

    /** The platform object of an index entry or an image config ({@code os}, {@code architecture}, {@code variant}). */
    public static Platform fromJson(JsonNode node) {
        if (node == null || !node.hasNonNull("os") || !node.hasNonNull("architecture")) {
            return null;
        }
        String variant = node.hasNonNull("variant") ? node.get("variant").asText() : null;
        return new Platform(node.get("os").asText(), node.get("architecture").asText(), variant);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("architecture", architecture);
        o.put("os", os);
        if (variant != null) {
            o.put("variant", variant);
        }
        return o;
    }

    /** Whether an image of platform {@code candidate} satisfies this request. */
    public boolean accepts(Platform candidate) {
        if (candidate == null || !os.equals(candidate.os) || !architecture.equals(candidate.architecture)) {
            return false;
        }
        return variant == null || variant.equals(normalVariant(candidate));
    }

    /** Attestation manifests in buildx indexes carry {@code unknown/unknown}. */
    public boolean isUnknown() {
        return "unknown".equals(os) || "unknown".equals(architecture);
    }

    private static String normalVariant(Platform p) {
        if (p.variant == null && "arm64".equals(p.architecture)) {
            return "v8";
        }
        return p.variant;
    }

    /** A form safe in tags and file names: {@code linux-arm64-v8}. */
    public String slug() {
        return toString().replace('/', '-');
    }

    @Override
    public String toString() {
        return os + "/" + architecture + (variant == null ? "" : "/" + variant);
    }
}
