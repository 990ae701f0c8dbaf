package dev.factory.stitch;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One entry of {@code target/factory/builds.json}: everything the later goals need to build, test and
 * record one variant, without reading the manifests again. Paths are relative to the project directory.
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
        baseDigests = baseDigests == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(baseDigests));
    }

    /** A build whose base digests are not known (yet). */
    public StitchedBuild(String build, String manifestId, String manifestFile, String plan, String planFile,
                         Map<String, String> variant, String base, String image, List<String> tags, List<String> platforms,
                         String pool, String template, List<FragmentUse> fragments, String dockerfile,
                         Map<String, String> labels, Map<String, String> buildArgs, String fingerprint) {
        this(build, manifestId, manifestFile, plan, planFile, variant, base, image, tags, platforms, pool, template, fragments,
                dockerfile, labels, buildArgs, fingerprint, null, Map.of());
    }

    /** The same build with the digests its base resolved to. */
    public StitchedBuild withBaseDigests(String digest, Map<String, String> perPlatform) {
        return new StitchedBuild(build, manifestId, manifestFile, plan, planFile, variant, base, image, tags, platforms, pool,
                template, fragments, dockerfile, labels, buildArgs, fingerprint, digest, perPlatform);
    }

    /** A fragment as used by a build. */
    public record FragmentUse(String slot, String name, String version, String source, String sha256) {}

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("build", build);
        o.put("manifest_id", manifestId);
        o.put("manifest_file", manifestFile);
        o.put("plan", plan);
        o.put("plan_file", planFile);
        ObjectNode v = o.putObject("variant");
        variant.forEach(v::put);
        o.put("base", base);
        o.put("image", image);
        ArrayNode t = o.putArray("tags");
        tags.forEach(t::add);
        ArrayNode p = o.putArray("platforms");
        platforms.forEach(p::add);
        o.put("pool", pool);
        o.put("template", template);
        ArrayNode f = o.putArray("fragments");
        for (FragmentUse use : fragments) {
            ObjectNode u = f.addObject();
            u.put("slot", use.slot());
            u.put("name", use.name());
            u.put("version", use.version());
            u.put("source", use.source());
            u.put("sha256", use.sha256());
        }
        o.put("dockerfile", dockerfile);
        ObjectNode l = o.putObject("labels");
        labels.forEach(l::put);
        ObjectNode a = o.putObject("build_args");
        buildArgs.forEach(a::put);
        o.put("fingerprint", fingerprint);
        o.put("base_digest", baseDigest);
        ObjectNode d = o.putObject("base_digests");
        baseDigests.forEach(d::put);
        return o;
    }

    public static StitchedBuild fromJson(JsonNode o) {
        List<FragmentUse> fragments = new ArrayList<>();
        for (JsonNode u : o.path("fragments")) {
            fragments.add(new FragmentUse(u.path("slot").asText(), u.path("name").asText(), u.path("version").asText(),
                    u.path("source").asText(), u.path("sha256").asText()));
        }
        return new StitchedBuild(o.path("build").asText(), o.path("manifest_id").asText(), o.path("manifest_file").asText(),
                Json.textOrNull(o, "plan"), Json.textOrNull(o, "plan_file"), strings(o.path("variant")), o.path("base").asText(),
                o.path("image").asText(), list(o.path("tags")), list(o.path("platforms")), Json.textOrNull(o, "pool"),
                o.path("template").asText(), fragments, o.path("dockerfile").asText(), strings(o.path("labels")),
                strings(o.path("build_args")), o.path("fingerprint").asText(), Json.textOrNull(o, "base_digest"),
                strings(o.path("base_digests")));
    }


    private static List<String> list(JsonNode a) {
        List<String> out = new ArrayList<>();
        a.forEach(n -> out.add(n.asText()));
        return out;
    }

    private static Map<String, String> strings(JsonNode o) {
        Map<String, String> out = new LinkedHashMap<>();
        o.fields().forEachRemaining(e -> out.put(e.getKey(), e.getValue().asText()));
        return out;
    }
}
