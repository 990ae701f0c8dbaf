package dev.factory.sbom;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.bake.ImageJson;
import dev.factory.io.Hashing;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Where SBOMs go and how they are attached. A build with one platform keeps the documented
 * {@code builds/<build>/sbom.cdx.json}; a build with several gets one file per platform,
 * {@code builds/<build>/sbom-<os>-<arch>[-<variant>].cdx.json}. The choice follows the platforms listed
 * in image.json (not those that happened to build), so a file's name never changes between runs.
 */
public final class SbomFiles {
    public static final String SINGLE = "sbom.cdx.json";
    /** The Maven artifact type of attached SBOMs. */
    public static final String TYPE = "json";

    private SbomFiles() {}

    public static Path path(Path buildDir, ImageJson image, String platform) {
        if (image.platforms().size() <= 1) {
            return buildDir.resolve(SINGLE);
        }
        return buildDir.resolve("sbom-" + slug(platform) + ".cdx.json");
    }

    /** The attached artifact's classifier: {@code <build>-<os>-<arch>[-<variant>]-sbom}, always with the platform. */
    public static String classifier(String build, String platform) {
        return build + "-" + slug(platform) + "-sbom";
    }

    /** {@code linux/arm/v7} → {@code linux-arm-v7}. */
    public static String slug(String platform) {
        return platform.replace('/', '-');
    }

    /**
     * What a record needs about an SBOM already on disk: its sha256 and component count (the length of
     * the top-level {@code components} array).
     */
    public static SbomResult describe(String build, String platform, Path file) throws IOException {
        byte[] bytes = Files.readAllBytes(file);
        JsonNode root = Json.mapper().readTree(bytes);
        String generator = null;
        for (JsonNode p : root.path("metadata").path("properties")) {
            if (SbomProperties.GENERATOR.equals(p.path("name").asText())) {
                generator = p.path("value").asText();
            }
        }
        return new SbomResult(build, platform, file, Hashing.sha256(bytes), root.path("components").size(), generator,
                classifier(build, platform), null);
    }
}
