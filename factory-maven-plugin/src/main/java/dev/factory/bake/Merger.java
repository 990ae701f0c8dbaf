package dev.factory.bake;

import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.manifest.Platforms;
import dev.factory.stitch.StitchedBuild;
import java.time.Duration;
import dev.factory.docker.ProcessRunner;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Consumer;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Joins pushed per-platform images ({@code repo:tag-linux-amd64}, {@code repo:tag-linux-arm64}) into
 * the multi-arch tags ({@code repo:tag}) with {@code docker buildx imagetools create}: right after a
 * push, or in a last CI job after per-architecture jobs ({@code factory:merge}).
 */
public final class Merger {
    private static final Pattern DIGEST = Pattern.compile("\"digest\"\\s*:\\s*\"(sha256:[0-9a-f]{64})\"");
    private static final Pattern PUSHED = Pattern.compile("pushing (sha256:[0-9a-f]{64}) to ");
    private static final Duration TIMEOUT = Duration.ofMinutes(10);
    /** joins at once: each is mostly waiting for the registry */
    private static final int PARALLEL = 4;

    private Merger() {}

    /**
     * Joins several builds at once (each join is two short registry round trips in its own buildx process, so
     * they overlap well), logging in the builds' order; returns build id → index digest. The first failure in
     * that order is thrown once all have ended.
     */
    public static Map<String, String> joinAll(Docker docker, Map<StitchedBuild, List<String>> platforms, Consumer<String> log) {
        List<StitchedBuild> builds = List.copyOf(platforms.keySet());
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, builds.size())), task -> {
            Thread t = new Thread(task, "factory-merge");
            t.setDaemon(true);
            return t;
        });
        try {
            List<Future<String>> digests = new ArrayList<>();
            for (StitchedBuild b : builds) {
                digests.add(pool.submit(() -> create(docker, b, platforms.get(b))));
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
                            : new EnvironmentException("Joining the platforms of " + b.build() + " failed: " + e.getCause(), e.getCause());
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
        String what = "Joining the platforms of " + build.build() + " into " + build.image() + ":" + build.tags().get(0);
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
