package dev.factory.bake;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import dev.factory.manifest.Platforms;
import dev.factory.stitch.StitchedBuild;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * {@code target/factory/docker-bake.json}: one target per build and platform, groups per manifest,
 * per plan and per fragment, and {@code default} with everything. Holds no credentials: registries
 * authenticate through the user's Docker config, never through this file.
 *
 * <p>Portable: contexts and Dockerfiles are relative to the project directory, where Factory runs bake, so
 * {@code docker buildx bake -f target/factory/docker-bake.json} run there (or docker/bake-action pointed at it)
 * builds the same targets, and buildx 0.20+ asks no filesystem entitlement for them. What lies outside the project
 * (the embedded local cache, an output folder elsewhere) is listed in {@link #entitlements()}.
 */
public final class BakeFile {
    public static final String NAME = "docker-bake.json";

    private final List<BakeTarget> targets = new ArrayList<>();
    private final ObjectNode root = Json.object();
    /** Bake's filesystem entitlements for paths outside the project: {@code fs.read=<path>} or {@code fs=<path>}. */
    private final Set<String> entitlements = new java.util.LinkedHashSet<>();
    private boolean resetLocalCache;

    private BakeFile() {}

    /**
     * @param nativePlatform in load mode, the platform that also gets the plain tags (so that
     *     {@code docker run repo:tag} runs the native build); null in push mode
     * @param cacheRepository the registry cache repository, or null when not caching in a registry
     */
    public static BakeFile of(List<StitchedBuild> builds, BakeRequest request, String nativePlatform,
            String cacheRepository) {
        return of(builds, request, nativePlatform, cacheRepository, false);
    }

    /**
     * @param resetLocalCache add {@code reset=true} to local cache exports: buildx 0.35+ then deletes the blobs the
     *     folder's index.json no longer references (older buildx ignores it silently, and Factory collects them itself)
     */
    public static BakeFile of(List<StitchedBuild> builds, BakeRequest request, String nativePlatform,
            String cacheRepository,
            boolean resetLocalCache) {
        BakeFile file = new BakeFile();
        file.resetLocalCache = resetLocalCache;
        ObjectNode groups = file.root.putObject("group");
        ObjectNode targets = file.root.putObject("target");
        Map<String, List<String>> groupMembers = new LinkedHashMap<>();
        List<String> all = new ArrayList<>();
        for (StitchedBuild b : builds) {
            List<String> platforms = platformsOf(b, request.platform());
            String plainTagPlatform = nativePlatform == null ? null
                    : platforms.contains(nativePlatform) ? nativePlatform
                            : platforms.isEmpty() ? null : platforms.get(0);
            for (String platform : platforms) {
                String name = BakeTarget.name(b.build(), platform);
                List<String> refs = new ArrayList<>();
                for (String tag : b.tags()) {
                    refs.add(b.image() + ":" + tag + "-" + Platforms.slug(platform));
                }
                if (platform.equals(plainTagPlatform)) {
                    b.tags().forEach(tag -> refs.add(b.image() + ":" + tag));
                }
                BakeTarget target = new BakeTarget(name, b, platform, refs, refs.get(0));
                file.targets.add(target);
                targets.set(name, file.target(target, request, cacheRepository));
                all.add(name);
                groupMembers.computeIfAbsent(BakeTarget.safe("manifest-" + b.manifestId()), k -> new ArrayList<>())
                        .add(name);
                if (b.plan() != null) {
                    groupMembers.computeIfAbsent(BakeTarget.safe("plan-" + b.manifestId() + "-" + b.plan()),
                            k -> new ArrayList<>()).add(name);
                }
                for (StitchedBuild.FragmentUse f : b.fragments()) {
                    groupMembers.computeIfAbsent(BakeTarget.safe("fragment-" + f.slot() + "-" + f.name()),
                            k -> new ArrayList<>()).add(name);
                }
            }
        }
        ArrayNode def = groups.putObject("default").putArray("targets");
        all.forEach(def::add);
        groupMembers.forEach((group, members) -> {
            ArrayNode list = groups.putObject(group).putArray("targets");
            members.forEach(list::add);
        });
        return file;
    }

    /** The build's platforms, or only the one requested by factory.platform (if the build has it). */
    static List<String> platformsOf(StitchedBuild b, String only) {
        if (only == null) {
            return b.platforms();
        }
        return b.platforms().contains(only) ? List.of(only) : List.of();
    }

    private ObjectNode target(BakeTarget t, BakeRequest request, String cacheRepository) {
        StitchedBuild b = t.build();
        ObjectNode o = Json.object();
        Path project = request.projectDir().toAbsolutePath().normalize();
        Path dockerfile = project.resolve(b.dockerfile()).normalize();
        o.put("context", ".");
        if (dockerfile.startsWith(project)) {
            // relative to the context, which is the project directory
            o.put("dockerfile", project.relativize(dockerfile).toString());
        } else {
            o.put("dockerfile", dockerfile.toString());
            entitlements.add("fs.read=" + dockerfile.getParent());
        }
        o.putArray("platforms").add(t.platform());
        ArrayNode tags = o.putArray("tags");
        t.refs().forEach(tags::add);
        ObjectNode labels = o.putObject("labels");
        request.labels().forEach(labels::put);
        b.labels().forEach(labels::put);
        labels.put("dev.factory.manifest-id", b.manifestId());
        labels.put("dev.factory.build", b.build());
        labels.put("dev.factory.fingerprint", b.fingerprint());
        ObjectNode args = o.putObject("args");
        request.buildArgs().forEach(args::put);
        b.buildArgs().forEach(args::put);
        String arch = b.build() + "-" + Platforms.slug(t.platform());
        CacheMode cache = request.cache().resolve(request.cacheRepository());
        if (cache == CacheMode.REGISTRY && cacheRepository != null) {
            String ref = cacheRepository + ":" + arch;
            o.putArray("cache-from").add("type=registry,ref=" + ref);
            // ignore-error: a cache that cannot be written costs the next build time, never this build
            o.putArray("cache-to").add("type=registry,ref=" + ref + ",mode=max,ignore-error=true");
        } else if (cache == CacheMode.LOCAL) {
            Path root = request.localCacheDirectory().toAbsolutePath().normalize();
            Path dir = root.resolve(arch);
            o.putArray("cache-from").add("type=local,src=" + dir);
            o.putArray("cache-to").add(
                    "type=local,dest=" + dir + ",mode=max,ignore-error=true" + (resetLocalCache ? ",reset=true" : ""));
            // read and written: Factory's own cache folder, nothing wider
            if (!root.startsWith(project)) {
                entitlements.add("fs=" + root);
            }
        }
        o.putArray("attest").add(
                request.push() && request.provenance() ? "type=provenance,mode=max" : "type=provenance,disabled=true");
        return o;
    }

    public List<BakeTarget> targets() {
        return targets;
    }

    /**
     * The filesystem entitlements bake asks for (buildx 0.19 warns without them, 0.20+ refuses): one per path outside
     * the project directory, as {@code --allow} takes them.
     */
    public Set<String> entitlements() {
        return entitlements;
    }

    /** Where a target's cache goes: the registry ref or the local folder of its cache-to; "its cache" when it has none. */
    String cacheDestination(String target) {
        String to = root.path("target").path(target).path("cache-to").path(0).asText("");
        for (String part : to.split(",")) {
            if (part.startsWith("ref=") || part.startsWith("dest=")) {
                return part.substring(part.indexOf('=') + 1);
            }
        }
        return "its cache";
    }

    public byte[] bytes() {
        return Json.bytes(root);
    }
}
