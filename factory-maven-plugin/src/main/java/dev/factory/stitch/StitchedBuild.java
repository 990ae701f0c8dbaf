package dev.factory.stitch;

import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code target/factory/builds.json}: everything the later goals need to build, test and
 * record one variant, without reading the manifests again. Paths are relative to the project directory. Bound by
 * Jackson (see {@link dev.factory.io.Json}): the components are the entry's keys, in order; schema
 * {@code builds.schema.json}.
 *
 * @param base the base reference as the Dockerfile names it, after factory.mirror (without the pinned digest)
 * @param baseDigest what {@code base} resolved to when stitched: the index digest of a multi-platform base, else its
 *     manifest digest; null when it could not be resolved (offline, registry down)
 * @param baseDigests the base's image manifest digest per platform of this build ({@code linux/amd64 -> sha256:...});
 *     a platform is missing when its digest is unknown. Part of the variant key (see {@link VariantKey})
 */
public record StitchedBuild(
        String build,
        String manifestId,
        String manifestFile,
        String plan,
        String planFile,
        Map<String, String> variant,
        String base,
        String image,
        List<String> tags,
        List<String> platforms,
        String pool,
        String template,
        List<FragmentUse> fragments,
        String dockerfile,
        Map<String, String> labels,
        Map<String, String> buildArgs,
        String fingerprint,
        String baseDigest,
        Map<String, String> baseDigests) {

    public StitchedBuild {
        // a key the file lacks reads as empty, as the hand-written reader had it
        variant = variant == null ? Map.of() : variant;
        tags = tags == null ? List.of() : tags;
        platforms = platforms == null ? List.of() : platforms;
        fragments = fragments == null ? List.of() : fragments;
        labels = labels == null ? Map.of() : labels;
        buildArgs = buildArgs == null ? Map.of() : buildArgs;
        baseDigests = baseDigests == null ? Map.of() : Collections.unmodifiableMap(new LinkedHashMap<>(baseDigests));
    }

    /** A build whose base digests are not known (yet). */
    public StitchedBuild(String build, String manifestId, String manifestFile, String plan, String planFile,
            Map<String, String> variant, String base, String image, List<String> tags, List<String> platforms,
            String pool, String template, List<FragmentUse> fragments, String dockerfile,
            Map<String, String> labels, Map<String, String> buildArgs, String fingerprint) {
        this(build, manifestId, manifestFile, plan, planFile, variant, base, image, tags, platforms, pool, template,
                fragments,
                dockerfile, labels, buildArgs, fingerprint, null, Map.of());
    }

    /** The same build with the digests its base resolved to. */
    public StitchedBuild withBaseDigests(String digest, Map<String, String> perPlatform) {
        return new StitchedBuild(build, manifestId, manifestFile, plan, planFile, variant, base, image, tags, platforms,
                pool,
                template, fragments, dockerfile, labels, buildArgs, fingerprint, digest, perPlatform);
    }

    /** A fragment as used by a build. */
    public record FragmentUse(String slot, String name, String version, String source, String sha256) {}
}
