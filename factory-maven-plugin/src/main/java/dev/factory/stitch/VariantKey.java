package dev.factory.stitch;

import dev.factory.io.Hashing;
import java.util.Map;
import java.util.TreeMap;

/**
 * The key of one variant on one platform: what its image is built from. Two builds with the same key build the same
 * thing, so a passing record with the same key (and the same image digest) vouches for the variant.
 *
 * <p>It is {@code sha256} over the stitch fingerprint (manifest, template, fragments, Dockerfile, dockerignore), the
 * base image's digest on that platform, every build argument bake passes (the manifest's and the project's, such as
 * {@code SOURCE_DATE_EPOCH}), and the platform. Without a base digest (offline) there is no key: nothing can vouch.
 * Labels are not in it (the revision and creation time would make every run differ): a reused image keeps the labels
 * of the run that built it.
 */
public final class VariantKey {
    private VariantKey() {}

    /**
     * @param projectArgs build arguments the project adds to every target (bake's request), overridden by the manifest's
     * @return {@code sha256:<hex>}, or null when the base digest of this platform is unknown
     */
    public static String of(StitchedBuild build, String platform, Map<String, String> projectArgs) {
        String base = build.baseDigests().get(platform);
        if (base == null || build.fingerprint() == null || build.fingerprint().isBlank()) {
            return null;
        }
        // the same merge as the bake file: project arguments first, the manifest's win
        Map<String, String> args = new TreeMap<>(projectArgs);
        args.putAll(build.buildArgs());
        StringBuilder text = new StringBuilder("factory.key/v1\n");
        text.append("fingerprint ").append(build.fingerprint()).append('\n');
        text.append("base ").append(base).append('\n');
        args.forEach((k, v) -> text.append("arg ").append(k).append('=').append(v.replace("\n", "\\n")).append('\n'));
        text.append("platform ").append(platform).append('\n');
        return "sha256:" + Hashing.sha256(text.toString());
    }
}
