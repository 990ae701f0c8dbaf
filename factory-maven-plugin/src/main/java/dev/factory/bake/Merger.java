package dev.factory.bake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.Json;
import dev.factory.manifest.Platforms;
import dev.factory.oci.Descriptor;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.BiFunction;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins pushed per-platform images ({@code repo:tag-linux-amd64}, {@code repo:tag-linux-arm64}) into
 * the multi-arch tags ({@code repo:tag}): right after a push, or in a last CI job after per-architecture
 * jobs ({@code factory:merge}).
 *
 * <p>factory:merge joins through Factory's own registry client ({@link #joinAll(Registries, Map, Consumer)}): it
 * reads each platform's manifest, takes its entries (an index's image and attestation manifests as they are, a
 * single image manifest with the platform of its config), and puts one index under every tag. Nothing is copied:
 * the per-platform images are in the same repository. That way settings.xml credentials, Maven's proxies and
 * factory.insecureRegistries apply to merge as to every other goal, which {@code docker buildx imagetools create}
 * (Docker's config only) could not give. bake's own join right after its push still runs imagetools
 * ({@link #joinAll(Docker, Map, Consumer)}): it pushed with Docker's credentials a moment before, so the same
 * credentials reach the same registry.
 */
public final class Merger {
    private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
    private static final Pattern PUSHED = Pattern.compile("pushing (sha256:[0-9a-f]{64}) to ");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** joins at once: each is mostly waiting for the registry */
    private static final int PARALLEL = 4;
    /** an image config is a few KiB; anything this large is not one */
    private static final long MAX_CONFIG = 4L * 1024 * 1024;

    private Merger() {}

    /**
     * factory:merge: joins the platforms of each selected build of builds.json (in {@code outputDir}) through the
     * registry client; returns build id → index digest.
     */
    public static Map<String, String> merge(Registries registries, Path outputDir, String manifestId,
            Consumer<String> log) {
        Map<StitchedBuild, List<String>> builds = new LinkedHashMap<>();
        for (StitchedBuild b : new BuildSelector(manifestId).read(outputDir)) {
            builds.put(b, b.platforms());
        }
        return joinAll(registries, builds, log);
    }

    /**
     * Joins several builds at once through the registry client, logging in the builds' order; returns build id →
     * index digest. The first failure in that order is thrown once all have ended.
     */
    public static Map<String, String> joinAll(Registries registries, Map<StitchedBuild, List<String>> platforms,
            Consumer<String> log) {
        return joinAll(platforms, log, (b, p) -> () -> join(registries, b, p));
    }

    /**
     * Joins several builds at once with {@code docker buildx imagetools create} (each join is two short registry round
     * trips in its own buildx process, so they overlap well), logging in the builds' order; returns build id → index
     * digest. The first failure in that order is thrown once all have ended.
     */
    public static Map<String, String> joinAll(Docker docker, Map<StitchedBuild, List<String>> platforms,
            Consumer<String> log) {
        return joinAll(platforms, log, (b, p) -> () -> create(docker, b, p));
    }

    private static Map<String, String> joinAll(Map<StitchedBuild, List<String>> platforms, Consumer<String> log,
            BiFunction<StitchedBuild, List<String>, Callable<String>> joiner) {
        List<StitchedBuild> builds = List.copyOf(platforms.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, builds.size())), task -> {
            Thread t = new Thread(task, "factory-merge");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> digests = new ArrayList<>();
            for (StitchedBuild b : builds) {
                digests.add(pool.submit(joiner.apply(b, platforms.get(b))));
            }
            Map<String, String> joined = new LinkedHashMap<>();
            RuntimeException first = null;
            for (int i = 0; i < builds.size(); i++) {
                StitchedBuild b = builds.get(i);
                try {
                    String digest = digests.get(i).get();
                    joined.put(b.build(), digest);
                    log.accept("multi-arch " + b.image() + ":" + String.join(",", b.tags()) + " = " + digest + " ("
                            + String.join(", ", platforms.get(b)) + ")");
                } catch (ExecutionException e) {
                    RuntimeException cause = e.getCause() instanceof RuntimeException r ? r
                            : new EnvironmentException(
                                    "Joining the platforms of " + b.build() + " failed: " + e.getCause(), e.getCause());
                    first = first == null ? cause : first;
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    throw new EnvironmentException("Interrupted while joining the platforms of " + b.build() + ".", e);
                }
            }
            if (first != null) {
                throw first;
            }
            return joined;
        } finally {
            pool.shutdownNow();
        }
    }

    /**
     * Puts one index over the build's per-platform images under every tag of the build; returns its digest. A
     * platform's image missing from the registry (its job did not push) is a {@link BadInputException}.
     */
    static String join(Registries registries, StitchedBuild build, List<String> platforms) {
        ImageReference image = ImageReference.parse(build.image());
        RegistryClient client = registries.client(image.registry());
        String repository = image.repository();
        String first = build.tags().get(0);
        List<Descriptor> entries = new ArrayList<>();
        Set<String> seen = new LinkedHashSet<>();
        boolean oci = false;
        for (String platform : platforms) {
            String tag = first + "-" + Platforms.slug(platform);
            String ref = build.image() + ":" + tag;
            RegistryClient.Manifest m = client.getManifest(repository, tag).orElseThrow(() -> new BadInputException(
                    "The " + platform + " image of " + build.build() + " (" + ref + ") is not in the registry "
                            + image.registry() + ", so factory:merge cannot join it into " + build.image() + ":" + first
                            + ". "
                            + "Run the " + platform + " job first (factory:bake -Dfactory.push=true -Dfactory.platform="
                            + platform
                            + "), or merge only what was built."));
            Platform wanted = Platform.parse(platform);
            if (MediaTypes.isIndex(m.mediaType())) {
                ImageIndex index = parseIndex(m, ref, image.registry());
                if (index.platformManifests().stream().noneMatch(d -> wanted.accepts(d.platform()))) {
                    throw new BadInputException(ref + " in the registry " + image.registry() + " holds no " + platform
                            + " image, so it cannot be the " + platform + " part of " + build.image() + ":" + first
                            + ". Push it again from the " + platform + " job (factory:bake -Dfactory.platform="
                            + platform + ").");
                }
                // the image and its attestations (unknown/unknown, pointing at the image) go over as they are
                for (Descriptor d : index.manifests()) {
                    if (seen.add(d.digest())) {
                        entries.add(d);
                    }
                }
                oci |= MediaTypes.OCI_INDEX.equals(m.mediaType());
            } else if (MediaTypes.isManifest(m.mediaType())) {
                Platform actual = configPlatform(client, repository, m, ref);
                if (actual != null && !wanted.accepts(actual)) {
                    throw new BadInputException(ref + " in the registry " + image.registry() + " is a " + actual
                            + " image, not " + platform + ". Push it again from the " + platform + " job.");
                }
                if (seen.add(m.digest())) {
                    entries.add(Descriptor.of(m.mediaType(), m.digest(), m.bytes().length)
                            .withPlatform(actual != null ? actual : wanted));
                }
                oci |= MediaTypes.OCI_MANIFEST.equals(m.mediaType());
            } else {
                throw new EnvironmentException("The registry " + image.registry() + " served " + ref + " as "
                        + m.mediaType() + ", which is neither an image nor an index.");
            }
        }
        ImageIndex index = ImageIndex.of(oci ? MediaTypes.OCI_INDEX : MediaTypes.DOCKER_MANIFEST_LIST, entries,
                Map.of());
        for (String tag : build.tags()) {
            client.putManifest(repository, tag, index.bytes(), index.mediaType());
        }
        return index.digest();
    }

    private static ImageIndex parseIndex(RegistryClient.Manifest m, String ref, String registry) {
        try {
            return ImageIndex.parse(m.bytes(), m.mediaType());
        } catch (IOException e) {
            throw new EnvironmentException(
                    "The registry " + registry + " served " + ref + " as an index that cannot be "
                            + "read (" + e.getMessage() + ").",
                    e);
        }
    }

    /** The platform an image's config declares, or null when it declares none. */
    private static Platform configPlatform(RegistryClient client, String repository, RegistryClient.Manifest m,
            String ref) {
        try {
            Descriptor config = ImageManifest.parse(m.bytes(), m.mediaType()).config();
            if (config == null || config.size() > MAX_CONFIG) {
                return null;
            }
            try (InputStream in = client.openBlob(repository, config)) {
                JsonNode json = Json.mapper().readTree(in);
                return Platform.fromJson(json);
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the image config of " + ref + " from the registry "
                    + client.registry() + " (" + e.getMessage() + "); push the image again.", e);
        }
    }

    /** Creates every tag of the build as an index over the given platforms; returns the index digest. */
    static String create(Docker docker, StitchedBuild build, List<String> platforms) {
        List<String> args = new ArrayList<>(List.of("buildx", "imagetools", "create", "--progress", "plain"));
        for (String tag : build.tags()) {
            args.add("-t");
            args.add(build.image() + ":" + tag);
        }
        for (String platform : platforms) {
            args.add(build.image() + ":" + build.tags().get(0) + "-" + Platforms.slug(platform));
        }
        String what = "Joining the platforms of " + build.build() + " into " + build.image() + ":"
                + build.tags().get(0);
        ProcessRunner.Result r = docker.run(args, TIMEOUT);
        Docker.requireOk(r, args, TIMEOUT, what);
        // "pushing sha256:<index> to <ref>" in its progress saves asking the registry again
        Matcher pushed = PUSHED.matcher(r.stderr() + "\n" + r.stdout());
        return pushed.find() ? pushed.group(1) : indexDigest(docker, build.image() + ":" + build.tags().get(0));
    }

    static String indexDigest(Docker docker, String ref) {
        String out = docker.require(List.of("buildx", "imagetools", "inspect", ref, "--format", "{{json .Manifest}}"),
                Duration.ofMinutes(2), "Reading the digest of " + ref);
        Matcher m = DIGEST.matcher(out);
        if (!m.find()) {
            throw new EnvironmentException("docker buildx imagetools inspect " + ref + " printed no digest: " + out);
        }
        return m.group(1);
    }
}
