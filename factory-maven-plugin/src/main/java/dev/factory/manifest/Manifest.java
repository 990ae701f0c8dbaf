package dev.factory.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * One image family, as written in {@code src/main/factory/manifests/<file>.yaml}. Its {@code id} is the
 * manifest id that builds, records and reports refer to.
 *
 * @param fragments the slot choices in slot order
 * @param tests the raw {@code tests:} mapping (read by the smoke package), or null
 * @param sha256 of the file's bytes, part of every build's stitch fingerprint
 */
public record Manifest(
        String id,
        String description,
        String base,
        String template,
        String image,
        List<String> tags,
        List<String> platforms,
        String pool,
        Map<Slot, FragmentRef> fragments,
        List<String> context,
        Map<String, String> labels,
        Map<String, String> buildArgs,
        YamlNode tests,
        Path file,
        String displayFile,
        String sha256,
        YamlNode root) {

    public static final String DEFAULT_TEMPLATE = "layered";
    public static final List<String> DEFAULT_PLATFORMS = List.of("linux/amd64");

    /** The image repository; defaults to {@code factory/<id>} for local builds. */
    public String imageRepository() {
        return image != null ? image : "factory/" + id;
    }
}
