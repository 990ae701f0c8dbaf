package dev.factory.bake;

import dev.factory.manifest.Platforms;
import dev.factory.stitch.StitchedBuild;
import java.util.List;

/**
 * One bake target: one build on one platform.
 *
 * @param name the bake target name (letters, digits, '_' and '-' only, as bake requires)
 * @param refs every image reference this target is tagged with
 * @param platformRef the per-platform reference ({@code repo:tag-os-arch}) that later goals run and pull
 */
public record BakeTarget(String name, StitchedBuild build, String platform, List<String> refs, String platformRef) {

    public static String name(String build, String platform) {
        return safe(build + "-" + Platforms.slug(platform));
    }

    /** Bake names allow [a-zA-Z0-9_-]; build ids may also hold '.'. */
    static String safe(String id) {
        return id.replaceAll("[^A-Za-z0-9_-]", "_");
    }
}
