package dev.factory.bake;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.docker.BuilderInfo;
import dev.factory.docker.Docker;
import dev.factory.docker.EngineInfo;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Json;
import dev.factory.manifest.Platforms;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import dev.factory.stitch.VariantKey;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.stream.Collectors;

/**
 * Builds every stitched variant in one {@code docker buildx bake} graph. A target that fails does not
 * stop the others: buildx cancels the whole graph on the first error, so Baker notes which target
 * failed, runs bake again for the targets still unfinished (their finished steps come from cache),
 * and repeats until every target has built or failed (a base that cannot be resolved fails every target
 * built on it at once, as another run would only fail them the same way). Then it writes each build's image.json, joins
 * per-platform images into multi-arch tags after a push, and fails with a table if anything failed.
 */
public final class Baker {
    public static final String METADATA = "bake-metadata.json";

    private final Docker docker;

    public Baker(Docker docker) {
        this.docker = docker;
    }

    /** Time spent waiting for buildx processes, so the log can tell Factory's own share apart. */
    private long bakeNanos;
    /** What each buildx run printed, read for the cache exports that failed without failing the build. */
    private final List<BakeOutput> outputs = new ArrayList<>();

    public BakeResult bake(BakeRequest request) {
        long started = System.nanoTime();
        Instant bakeStart = Instant.now();
        bakeNanos = 0;
        if (request.platform() != null) {
            String problem = Platforms.problem(request.platform());
            if (problem != null) {
                throw new BadInputException(
                        "factory.platform: " + problem + ". Use os/arch, such as linux/amd64 or linux/arm64.");
            }
        }
        // the engine and builder probes (docker CLI runs) overlap with reading builds.json; when records may vouch for
        // every target, the builder (a buildx process) is asked only once a target turns out to need baking
        CompletableFuture<EngineInfo> engineCheck = docker.checkAsync();
        boolean mayReuse = request.vouchers().available();
        CompletableFuture<BuilderInfo> builderProbe = mayReuse ? null : docker.builderAsync(request.builder());
        List<StitchedBuild> stitched = BuildsFile.read(request.outputDir());
        request.rebuild().check(stitched);
        List<StitchedBuild> builds = new BuildSelector(request.manifestId()).select(stitched,
                request.outputDir().resolve(BuildsFile.NAME));
        EngineInfo engine = Docker.await(engineCheck);
        CacheMode cache = request.cache().resolve(request.cacheRepository());
        String nativePlatform = request.push() ? null : engine.platform();
        boolean reset = cache == CacheMode.LOCAL && LocalCache.buildxResets(engine);

        BakeFile plan = BakeFile.of(builds, request, nativePlatform, request.cacheRepository(), reset);
        if (plan.targets().isEmpty()) {
            throw new BadInputException(
                    "factory.platform=" + request.platform() + ": no build has that platform. Platforms of "
                            + "the stitched builds: " + builds.stream().flatMap(b -> b.platforms().stream())
                                    .collect(Collectors.toCollection(TreeSet::new))
                            + ".");
        }
        Map<String, String> keys = keys(plan, request);
        Map<String, Vouchers.Voucher> reused = mayReuse ? reusable(request, plan, keys) : new LinkedHashMap<>();
        Set<String> toBake = new LinkedHashSet<>();
        plan.targets().stream().map(BakeTarget::name).filter(t -> !reused.containsKey(t)).forEach(toBake::add);

        Path bakeFile = request.outputDir().resolve(BakeFile.NAME);
        Map<String, JsonNode> metadata = new LinkedHashMap<>();
        Map<String, String> failures = new LinkedHashMap<>();
        outputs.clear();
        BakeFile file = plan;
        if (toBake.isEmpty()) {
            write(bakeFile, plan.bytes());
            request.log()
                    .accept("Nothing to bake: passing records vouch for all " + plan.targets().size() + " target(s) of "
                            + builds.size() + " build(s), and their images are still "
                            + (request.push() ? "in the registry" : "in the local engine")
                            + " (-D" + Rebuild.PROPERTY + "=all bakes and tests them again).");
        } else {
            BuilderInfo builder = Docker
                    .await(builderProbe != null ? builderProbe : docker.builderAsync(request.builder()));
            request.log()
                    .accept("Builder " + builder.describe() + ", buildx " + engine.buildxVersion() + ", Docker Engine "
                            + engine.dockerVersion() + (engine.containerdStore() ? " (containerd image store)" : ""));
            checkExporter(request, engine, builder, cache);
            String cacheRepository = cacheRepository(request, cache);
            if (request.push()) {
                checkPushRegistries(builds.stream().filter(b -> plan.targets().stream()
                        .anyMatch(t -> t.build() == b && toBake.contains(t.name()))).toList());
            }
            file = BakeFile.of(builds, request, nativePlatform, cacheRepository, reset);
            write(bakeFile, file.bytes());
            if (cache == CacheMode.LOCAL) {
                createCacheFolder(request.localCacheDirectory());
            }
            request.log().accept("Baking " + toBake.size() + " target(s) of " + builds.size() + " build(s)"
                    + (reused.isEmpty() ? "" : " (" + reused.size() + " more reused)") + " with docker buildx bake ("
                    + (request.push() ? "push" : "load into the local engine") + ", cache "
                    + describe(cache, cacheRepository, request)
                    + (request.builder() != null ? ", builder " + request.builder() : "") + "); bake file " + bakeFile);
            failUnreachableNodes(request, builder, file, toBake, failures);
            List<String> allow = allowFlags(engine, file);
            if (!allow.isEmpty()) {
                request.log().accept(
                        "Filesystem entitlements for bake (paths outside the project): " + String.join(" ", allow));
            }
            run(request, bakeFile, file, toBake, allow, metadata, failures);
            warnCacheExports(request, file, failures);
            write(request.outputDir().resolve(METADATA), Json.bytes(merged(metadata)));
            if (cache == CacheMode.LOCAL) {
                new LocalCache(request.localCacheDirectory(), request.localCacheMaxBytes(), request.log(),
                        request.warn())
                        .maintain(
                                file.targets().stream().filter(t -> toBake.contains(t.name()))
                                        .map(LocalCache::folderName).toList(),
                                !reset, bakeStart);
            }
        }
        Map<String, Vouchers.Voucher> rebuiltSame = reproducible(request, file, keys, metadata, failures);

        Map<String, String> indexDigests = request.push() ? merge(request, builds, file, failures, reused) : Map.of();
        List<ImageJson> images = writeImages(request, builds, file, metadata, failures, indexDigests, keys, reused,
                rebuiltSame);
        BakeResult result = new BakeResult(images, failures);
        // line by line: one multi-line message would print its rows without the log's level prefix
        result.table().lines().forEach(request.log());
        long total = System.nanoTime() - started;
        request.log().accept(String.format(
                "Bake took %.1f s, of which buildx %.1f s and Factory's own work %d ms (engine probes included).",
                total / 1e9, bakeNanos / 1e9, (total - bakeNanos) / 1_000_000));
        if (!failures.isEmpty()) {
            StringBuilder message = new StringBuilder(result.summary()).append('\n').append(result.table());
            result.hints().forEach(hint -> message.append("\nHint: ").append(hint));
            throw new BuildFailuresException(message.toString());
        }
        return result;
    }

    /** Each target's variant key; a target without one (no base digest) has none and is always baked. */
    private static Map<String, String> keys(BakeFile file, BakeRequest request) {
        Map<String, String> keys = new LinkedHashMap<>();
        for (BakeTarget t : file.targets()) {
            String key = VariantKey.of(t.build(), t.platform(), request.buildArgs());
            if (key != null) {
                keys.put(t.name(), key);
            }
        }
        return keys;
    }

    /**
     * The targets a passing record vouches for whose image is still where it went (the engine's image id, or the
     * registry's digest of the per-platform tag, equals the record's image digest): they are not baked. Says why for
     * every target that has a passing record but is baked all the same.
     */
    private Map<String, Vouchers.Voucher> reusable(BakeRequest request, BakeFile file, Map<String, String> keys) {
        Map<BakeTarget, Map<String, Vouchers.Voucher>> candidates = new LinkedHashMap<>();
        Set<String> forced = new LinkedHashSet<>();
        for (BakeTarget t : file.targets()) {
            String key = keys.get(t.name());
            if (key == null) {
                continue;
            }
            Map<String, Vouchers.Voucher> byDigest = request.vouchers().forKey(key);
            if (byDigest.isEmpty()) {
                continue;
            }
            if (request.rebuild().forces(t.build().build())) {
                forced.add(t.name());
                continue;
            }
            candidates.put(t, byDigest);
        }
        if (!forced.isEmpty()) {
            request.log()
                    .accept("Baking and testing again " + forced.size() + " target(s) that passing records vouch for ("
                            + Rebuild.PROPERTY + "): " + String.join(", ", forced));
        }
        Map<String, Vouchers.Voucher> reused = new LinkedHashMap<>();
        if (candidates.isEmpty()) {
            return reused;
        }
        List<String> refs = candidates.keySet().stream().map(BakeTarget::platformRef).toList();
        long t0 = System.nanoTime();
        Map<String, String> present = request.push() ? Presence.inRegistry(request.registries().get(), refs)
                : Presence.inEngine(docker, refs);
        bakeNanos += System.nanoTime() - t0;
        candidates.forEach((t, byDigest) -> {
            String now = present.get(t.platformRef());
            Vouchers.Voucher v = now == null ? null : byDigest.get(now);
            if (v != null) {
                reused.put(t.name(), v);
            } else {
                Vouchers.Voucher any = byDigest.values().iterator().next();
                request.log().accept(t.name() + ": a passing record (" + any.created() + ", run " + any.run()
                        + ") has its key, but "
                        + t.platformRef()
                        + (now == null ? " is no longer " + (request.push() ? "in the registry" : "in the local engine")
                                : " now names " + now + ", not " + any.digest())
                        + ": baking it again (with the same digest it is not tested again)");
            }
        });
        if (!reused.isEmpty()) {
            request.log()
                    .accept("Reusing " + reused.size() + " of " + file.targets().size()
                            + " target(s): a passing record of the "
                            + "same key vouches for each, and its image is still "
                            + (request.push() ? "in the registry" : "in the local engine")
                            + "; they are not baked, tested, SBOM'd or recorded again (-D" + Rebuild.PROPERTY
                            + "=all or =<build> forces).");
        }
        return reused;
    }

    /**
     * Targets baked again whose key a passing record has: the same digest means a reproducible build, vouched for
     * all the same; another digest means it is not, and the variant counts as changed (said, with both digests).
     */
    private static Map<String, Vouchers.Voucher> reproducible(BakeRequest request, BakeFile file,
            Map<String, String> keys,
            Map<String, JsonNode> metadata, Map<String, String> failures) {
        Map<String, Vouchers.Voucher> same = new LinkedHashMap<>();
        for (BakeTarget t : file.targets()) {
            JsonNode meta = metadata.get(t.name());
            String key = keys.get(t.name());
            if (meta == null || key == null || failures.containsKey(t.name())
                    || request.rebuild().forces(t.build().build())) {
                continue;
            }
            Map<String, Vouchers.Voucher> byDigest = request.vouchers().forKey(key);
            if (byDigest.isEmpty()) {
                continue;
            }
            String digest = meta.path("containerimage.digest").asText(null);
            Vouchers.Voucher v = byDigest.get(digest);
            if (v != null) {
                same.put(t.name(), v);
                request.log().accept(t.name() + ": baked again with the digest its passing record names (" + v.created()
                        + ", run " + v.run() + "): a reproducible build, not tested again");
            } else {
                Vouchers.Voucher any = byDigest.values().iterator().next();
                request.log().accept(t.name() + ": changed although its inputs are not: the passing record of "
                        + any.created()
                        + " (run " + any.run() + ") has the same key, but bake made " + digest + ", not " + any.digest()
                        + ". The build is not reproducible (timestamps or labels differ; see docs/records.md), so the image is "
                        + "tested and recorded again.");
            }
        }
        return same;
    }

    /** Cache export and attestations need the containerd image store when the builder is the engine's own. */
    private static void checkExporter(BakeRequest request, EngineInfo engine, BuilderInfo builder, CacheMode cache) {
        boolean exports = cache == CacheMode.REGISTRY || cache == CacheMode.LOCAL;
        boolean attests = request.push() && request.provenance();
        // docker-container, remote and kubernetes builders keep their own store: no engine feature needed
        if ((!exports && !attests) || engine.containerdStore() || !builder.engineBuilder()) {
            return;
        }
        String what = exports ? "Cache export (factory.cache=" + cache.name().toLowerCase() + ")"
                : "Provenance attestation on push";
        throw new EnvironmentException(what + " needs the containerd image store when buildx uses the engine's own "
                + "builder (driver 'docker'), and this engine stores images the classic way. Either turn the store on: add "
                + "{\"features\": {\"containerd-snapshotter\": true}} to /etc/docker/daemon.json and restart dockerd; or create "
                + "a builder that has its own store: docker buildx create --name factory --driver docker-container, then run "
                + "with -Dfactory.builder=factory. To build without cache instead: -Dfactory.cache=none"
                + (attests ? " (and -Dfactory.provenance=false)" : "") + ".");
    }

    /** The registry cache repository, or null (with a warning) when it cannot be reached: cache only saves time. */
    private static String cacheRepository(BakeRequest request, CacheMode cache) {
        if (cache != CacheMode.REGISTRY) {
            return null;
        }
        if (request.cacheRepository() == null || request.cacheRepository().isBlank()) {
            throw new BadInputException("factory.cache=registry needs factory.cache.repository, e.g. "
                    + "-Dfactory.cache.repository=registry.example.com/team/cache; or use factory.cache=local.");
        }
        String repo = request.cacheRepository().trim();
        String problem = RegistryProbe.problem(RegistryProbe.host(repo));
        if (problem != null) {
            request.warn().accept("Cache registry " + RegistryProbe.host(repo) + " is unreachable (" + problem
                    + "): building "
                    + "without remote cache; refs " + repo + ":<build>-<os>-<arch> were neither read nor written.");
            return null;
        }
        return repo;
    }

    private static void checkPushRegistries(List<StitchedBuild> builds) {
        Set<String> hosts = builds.stream().map(b -> RegistryProbe.host(b.image()))
                .collect(Collectors.toCollection(LinkedHashSet::new));
        for (String host : hosts) {
            String problem = RegistryProbe.problem(host);
            if (problem != null) {
                String images = builds.stream().filter(b -> RegistryProbe.host(b.image()).equals(host))
                        .map(StitchedBuild::image)
                        .distinct().collect(Collectors.joining(", "));
                throw new EnvironmentException(
                        "Cannot push to registry " + host + ": it is unreachable (" + problem + "). "
                                + "Images " + images
                                + " would go there. Check that the registry runs and is reachable from here, "
                                + "or change 'image' in the manifest; to build without pushing, drop -Dfactory.push.");
            }
        }
    }

    private void run(BakeRequest request, Path bakeFile, BakeFile file, Set<String> toBake, List<String> allow,
            Map<String, JsonNode> metadata, Map<String, String> failures) {
        Set<String> remaining = new LinkedHashSet<>();
        Set<String> retried = new java.util.HashSet<>();
        file.targets().stream().map(BakeTarget::name).filter(t -> toBake.contains(t) && !failures.containsKey(t))
                .forEach(remaining::add);
        for (int attempt = 1; !remaining.isEmpty(); attempt++) {
            if (attempt > 1) {
                request.log().accept("Baking again the " + remaining.size() + " target(s) that the failure cancelled: "
                        + String.join(", ", remaining));
            }
            Path meta = request.outputDir().resolve(".bake-metadata-" + attempt + ".json");
            List<String> args = bakeArgs(request, bakeFile, meta, allow, remaining);
            BakeOutput output = new BakeOutput(remaining);
            outputs.add(output);
            List<String> tail = new ArrayList<>();
            long t0 = System.nanoTime();
            ProcessRunner.Result r = docker.stream(args, request.projectDir(), request.timeout(), line -> {
                output.line(line);
                request.log().accept("[bake] " + line);
                synchronized (tail) {
                    tail.add(line);
                    if (tail.size() > 30) {
                        tail.remove(0);
                    }
                }
            });
            bakeNanos += System.nanoTime() - t0;
            readMetadata(meta, remaining, metadata);
            if (r.timedOut()) {
                remaining.forEach(
                        t -> failures.putIfAbsent(t, "bake did not finish within " + request.timeout().toMinutes()
                                + " min (factory.bake.timeout)"));
                break;
            }
            if (r.exitCode() == 0) {
                remaining.removeIf(metadata::containsKey);
                // a successful run that reports no digest for a target is still a failure to explain
                remaining.forEach(t -> failures.put(t, "buildx reported success but no image digest"));
                break;
            }
            Map<String, String> failed = output.failures();
            if (failed.isEmpty() && remaining.size() > 1) {
                // buildx named no target (e.g. a Dockerfile that does not parse): build the rest one by one,
                // where every failure belongs to the only target; finished steps come from cache
                request.log().accept("The failure names no target; baking the " + remaining.size()
                        + " unfinished target(s) one at a time to find it.");
                for (String target : List.copyOf(remaining)) {
                    if (!metadata.containsKey(target)) {
                        bakeAlone(request, bakeFile, allow, target, metadata, failures);
                    }
                }
                break;
            }
            if (failed.isEmpty()) {
                String error = String.join("\n",
                        tail.stream().filter(l -> l.contains("ERROR") || l.startsWith("error")).toList());
                remaining.stream().filter(t -> !metadata.containsKey(t))
                        .forEach(t -> failures.put(t,
                                error.isBlank() ? "docker buildx bake failed (exit " + r.exitCode() + ")" : error));
                break;
            }
            // a registry or daemon hiccup (HTTP 5xx, a dropped connection) earns a target one more try
            failed.forEach((target, error) -> {
                if (transientError(error) && retried.add(target)) {
                    request.warn().accept("Target " + target + " failed on what looks transient (" + error
                            + "); trying it once more.");
                } else {
                    failures.put(target, error);
                    remaining.remove(target);
                }
            });
            remaining.removeIf(metadata::containsKey);
            failSameBase(request, file, output, failed, remaining, metadata, failures);
        }
    }

    /**
     * A base that buildx could not resolve (an unreachable registry, a missing tag) fails every target built on
     * it the same way: fail them now rather than bake them again one cancellation at a time.
     */
    private static void failSameBase(BakeRequest request, BakeFile file, BakeOutput output, Map<String, String> failed,
            Set<String> remaining, Map<String, JsonNode> metadata, Map<String, String> failures) {
        String base = output.unresolvedBase();
        if (base == null || remaining.isEmpty()) {
            return;
        }
        // only once a target has failed on it for good (a transient error earns its target one more try first)
        String error = failed.keySet().stream().filter(t -> failures.containsKey(t) && failures.get(t).contains(base))
                .map(failures::get).findFirst().orElse(null);
        if (error == null) {
            return;
        }
        // buildx names registry-1.docker.io/library/x as written, the builds' busybox:1.35 as docker.io/library/...
        String normalized = BaseImages.normalize(base);
        Map<StitchedBuild, Set<String>> bases = new java.util.HashMap<>();
        List<String> same = new ArrayList<>();
        for (BakeTarget t : file.targets()) {
            if (remaining.contains(t.name()) && !metadata.containsKey(t.name())
                    && bases.computeIfAbsent(t.build(), b -> BaseImages.of(b.base(), dockerfile(request, b)))
                            .contains(normalized)) {
                same.add(t.name());
            }
        }
        if (same.isEmpty()) {
            return;
        }
        same.forEach(t -> {
            failures.put(t, error);
            remaining.remove(t);
        });
        request.log().accept("Not baking again the " + same.size() + " target(s) that also start from " + base
                + ", which could not be resolved: " + String.join(", ", same));
    }

    /** The build's Dockerfile text, or null when it cannot be read (then only its builds.json base counts). */
    private static String dockerfile(BakeRequest request, StitchedBuild build) {
        try {
            return Files.readString(request.projectDir().resolve(build.dockerfile()));
        } catch (IOException e) {
            return null;
        }
    }

    /** Cache is an optimisation: a cache that could not be written is a warning naming where it should have gone. */
    private void warnCacheExports(BakeRequest request, BakeFile file, Map<String, String> failures) {
        Map<String, String> failed = new LinkedHashMap<>();
        outputs.forEach(o -> o.cacheExportErrors().forEach(failed::putIfAbsent));
        failed.keySet().removeAll(failures.keySet());
        failed.forEach((target, error) -> {
            String to = file.cacheDestination(target);
            request.warn()
                    .accept("The cache of " + target + " was not written to " + to + " (" + error + "); the image was "
                            + "built all the same, and its next build may take longer.");
        });
    }

    /** One target in a bake of its own: whatever fails there is that target's failure. */
    private void bakeAlone(BakeRequest request, Path bakeFile, List<String> allow, String target,
            Map<String, JsonNode> metadata,
            Map<String, String> failures) {
        Path meta = request.outputDir().resolve(".bake-metadata-" + target + ".json");
        BakeOutput output = new BakeOutput(Set.of(target));
        outputs.add(output);
        List<String> errors = new ArrayList<>();
        long t0 = System.nanoTime();
        ProcessRunner.Result r = docker.stream(bakeArgs(request, bakeFile, meta, allow, Set.of(target)),
                request.projectDir(),
                request.timeout(), line -> {
                    output.line(line);
                    if (line.startsWith("ERROR")) {
                        errors.add(line);
                    }
                    request.log().accept("[bake] " + line);
                });
        bakeNanos += System.nanoTime() - t0;
        readMetadata(meta, Set.of(target), metadata);
        if (r.timedOut()) {
            failures.put(target,
                    "bake did not finish within " + request.timeout().toMinutes() + " min (factory.bake.timeout)");
        } else if (!metadata.containsKey(target)) {
            String error = output.failures().getOrDefault(target, String.join("\n", errors));
            failures.put(target, error.isBlank() ? "docker buildx bake failed (exit " + r.exitCode() + ")"
                    : error.replaceFirst("^ERROR: ", ""));
        }
    }

    /** buildx runs in the project directory: the bake file's relative paths resolve there. */
    private static List<String> bakeArgs(BakeRequest request, Path bakeFile, Path meta, List<String> allow,
            Set<String> targets) {
        List<String> args = new ArrayList<>(List.of("buildx", "bake", "-f", relative(request.projectDir(), bakeFile),
                "--metadata-file", meta.toAbsolutePath().toString(), "--progress", "plain"));
        args.addAll(allow);
        if (request.push() && request.zstd()) {
            args.addAll(List.of("--set",
                    "*.output=type=registry,compression=zstd,force-compression=true,oci-mediatypes=true"));
        } else if (request.push()) {
            args.add("--push");
        } else {
            // --load with OCI media types: the loaded image manifest is then byte for byte the one a push of the
            // same build writes (a push with attestations is OCI), so the image tested is the image published
            args.addAll(List.of("--set", "*.output=type=docker,oci-mediatypes=true"));
        }
        if (request.builder() != null && !request.builder().isBlank()) {
            args.add("--builder");
            args.add(request.builder());
        }
        args.addAll(targets);
        return args;
    }

    /**
     * The local cache folder exists before bake runs: buildx 0.20+ grants an entitlement to a path that exists, and
     * asks for the nearest existing parent otherwise (the whole home folder, say), which Factory does not pass.
     */
    private static void createCacheFolder(Path folder) {
        try {
            Files.createDirectories(folder);
        } catch (IOException e) {
            throw new EnvironmentException("The local cache folder " + folder + " cannot be created (" + e + "). Point "
                    + "factory.cache.directory at a writable folder, or build without cache: -Dfactory.cache=none.", e);
        }
    }

    /** A path as bake is given it, from the project directory: relative when inside it. */
    static String relative(Path projectDir, Path path) {
        Path project = projectDir.toAbsolutePath().normalize();
        Path p = path.toAbsolutePath().normalize();
        return p.startsWith(project) ? project.relativize(p).toString() : p.toString();
    }

    /**
     * {@code --allow} flags for exactly the paths outside the project that bake reads or writes, when the buildx in use
     * checks them (0.19 warns, 0.20 and later refuse); older buildx does not know the flag. Never a blanket allowance.
     */
    static List<String> allowFlags(EngineInfo engine, BakeFile file) {
        if (!engine.buildxAtLeast(0, 19)) {
            return List.of();
        }
        List<String> flags = new ArrayList<>();
        file.entitlements().forEach(e -> flags.add("--allow=" + e));
        return flags;
    }

    /**
     * A remote builder's node that is not running would stall the whole graph (buildx waits 20 s for it, then fails every
     * target, built or not): its platforms' targets fail now, naming the node, and the others bake as usual.
     */
    static void failUnreachableNodes(BakeRequest request, BuilderInfo builder, BakeFile file,
            Map<String, String> failures) {
        failUnreachableNodes(request, builder, file,
                file.targets().stream().map(BakeTarget::name).collect(Collectors.toSet()), failures);
    }

    /** The same, for the targets that are baked. */
    static void failUnreachableNodes(BakeRequest request, BuilderInfo builder, BakeFile file, Set<String> toBake,
            Map<String, String> failures) {
        if (builder.nodesStartOnDemand()) {
            return;
        }
        Map<String, String> down = new LinkedHashMap<>();
        for (BakeTarget t : file.targets()) {
            if (!toBake.contains(t.name())) {
                continue;
            }
            java.util.Optional<BuilderInfo.Node> node = builder.nodeFor(t.platform());
            String problem;
            if (node.isEmpty()) {
                problem = "builder " + builder.name() + " has no node for " + t.platform() + " (nodes: "
                        + builder.nodes().stream().map(n -> n.name() + " " + String.join(",", n.platforms()))
                                .collect(Collectors.joining("; "))
                        + "); add one with docker buildx create --append --name " + builder.name() + " --platform "
                        + t.platform() + " ...";
            } else if (!node.get().running()) {
                BuilderInfo.Node n = node.get();
                problem = "node " + n.name() + " (" + n.endpoint() + ") of builder " + builder.name() + " is "
                        + n.status()
                        + ": it does not answer. Start the BuildKit daemon there (docker buildx inspect --bootstrap "
                        + builder.name()
                        + " shows its error), or build without this platform (-Dfactory.platform=...)";
            } else {
                continue;
            }
            failures.put(t.name(), problem);
            down.putIfAbsent(t.platform(), problem);
        }
        down.forEach((platform, problem) -> request.warn()
                .accept("Not baking the " + platform + " targets: " + problem + "."));
    }

    static boolean transientError(String error) {
        return error.matches(
                "(?s).*(5\\d\\d Internal Server Error|502 Bad Gateway|503 Service Unavailable|connection reset by peer"
                        + "|: unavailable$|i/o timeout|TLS handshake timeout).*");
    }

    private static void readMetadata(Path meta, Set<String> targets, Map<String, JsonNode> metadata) {
        if (!Files.isRegularFile(meta)) {
            return;
        }
        try {
            JsonNode root = Json.read(meta);
            for (String t : targets) {
                JsonNode entry = root.get(t);
                if (entry != null && entry.hasNonNull("containerimage.digest")) {
                    metadata.put(t, entry);
                }
            }
            Files.deleteIfExists(meta);
        } catch (IOException e) {
            throw new EnvironmentException("buildx wrote an unreadable metadata file " + meta + ": " + e.getMessage(),
                    e);
        }
    }

    private static ObjectNode merged(Map<String, JsonNode> metadata) {
        ObjectNode root = Json.object();
        metadata.forEach(root::set);
        return root;
    }

    /** After a push: one multi-arch tag per build tag, joining its per-platform images. */
    private Map<String, String> merge(BakeRequest request, List<StitchedBuild> builds, BakeFile file,
            Map<String, String> failures,
            Map<String, Vouchers.Voucher> reused) {
        Map<String, String> indexDigests = new LinkedHashMap<>();
        if (request.platform() != null) {
            if (reused.size() < file.targets().size()) {
                request.log().accept("Built only " + request.platform()
                        + " (factory.platform): the multi-arch tags are joined later by factory:merge.");
            }
            return indexDigests;
        }
        Map<StitchedBuild, List<String>> toJoin = new LinkedHashMap<>();
        Map<StitchedBuild, String> untouched = new LinkedHashMap<>();
        for (StitchedBuild b : builds) {
            List<BakeTarget> targets = file.targets().stream().filter(t -> t.build() == b).toList();
            if (targets.stream().anyMatch(t -> failures.containsKey(t.name()))) {
                request.warn().accept(
                        "Not creating the multi-arch tag of " + b.build() + ": a platform failed to build or push.");
                continue;
            }
            if (targets.stream().allMatch(t -> reused.containsKey(t.name()))) {
                // nothing of it was pushed this run: its multi-arch tag is still the one joined when it was
                untouched.put(b, b.image() + ":" + b.tags().get(0));
                continue;
            }
            toJoin.put(b, targets.stream().map(BakeTarget::platform).toList());
        }
        long t0 = System.nanoTime();
        if (!untouched.isEmpty()) {
            Map<String, String> tags = Presence.inRegistry(request.registries().get(), untouched.values());
            untouched.forEach((b, tag) -> {
                if (tags.containsKey(tag)) {
                    indexDigests.put(b.build(), tags.get(tag));
                } else {
                    toJoin.put(b,
                            file.targets().stream().filter(t -> t.build() == b).map(BakeTarget::platform).toList());
                }
            });
        }
        indexDigests.putAll(Merger.joinAll(docker, toJoin, request.log()));
        bakeNanos += System.nanoTime() - t0;
        return indexDigests;
    }

    private static List<ImageJson> writeImages(BakeRequest request, List<StitchedBuild> builds, BakeFile file,
            Map<String, JsonNode> metadata,
            Map<String, String> failures, Map<String, String> indexDigests, Map<String, String> keys,
            Map<String, Vouchers.Voucher> reused, Map<String, Vouchers.Voucher> rebuiltSame) {
        List<ImageJson> images = new ArrayList<>();
        for (StitchedBuild b : builds) {
            List<ImageJson.PlatformImage> platforms = new ArrayList<>();
            for (BakeTarget t : file.targets()) {
                if (t.build() != b) {
                    continue;
                }
                Vouchers.Voucher kept = reused.get(t.name());
                if (kept != null) {
                    platforms.add(new ImageJson.PlatformImage(t.platform(), t.platformRef(), kept.digest(), "built",
                            null, null,
                            keys.get(t.name()),
                            new ImageJson.Reused(kept.record(), kept.created(), kept.run(), false)));
                    continue;
                }
                JsonNode meta = metadata.get(t.name());
                String digest = meta == null ? null : meta.path("containerimage.digest").asText(null);
                String error = failures.get(t.name());
                Vouchers.Voucher same = rebuiltSame.get(t.name());
                platforms.add(new ImageJson.PlatformImage(t.platform(), t.platformRef(), digest,
                        error == null && digest != null ? "built" : "failed", error, builtBy(meta), keys.get(t.name()),
                        same == null ? null : new ImageJson.Reused(same.record(), same.created(), same.run(), true)));
            }
            if (platforms.isEmpty()) {
                continue;
            }
            images.add(new ImageJson(b.build(), b.manifestId(), b.image(), b.tags().get(0), b.fingerprint(),
                    request.push(),
                    indexDigests.get(b.build()), platforms));
        }
        // one small file per build: on a slow file system the creates and renames add up, so use both cores
        images.parallelStream()
                .forEach(image -> image.write(request.outputDir().resolve("builds").resolve(image.build())));
        return images;
    }

    /** {@code builder/node} from buildx's {@code buildx.build.ref} ({@code builder/node/ref}), or null. */
    static String builtBy(JsonNode meta) {
        String ref = meta == null ? null : meta.path("buildx.build.ref").asText(null);
        if (ref == null) {
            return null;
        }
        int last = ref.lastIndexOf('/');
        return last > 0 ? ref.substring(0, last) : null;
    }

    private static String describe(CacheMode cache, String cacheRepository, BakeRequest request) {
        switch (cache) {
            case REGISTRY :
                return cacheRepository == null ? "none (registry unreachable)"
                        : "registry " + cacheRepository + ":<build>-<os>-<arch>";
            case LOCAL :
                return "local " + request.localCacheDirectory();
            default :
                return "none";
        }
    }

    private static void write(Path file, byte[] bytes) {
        try {
            AtomicFiles.write(file, bytes);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
