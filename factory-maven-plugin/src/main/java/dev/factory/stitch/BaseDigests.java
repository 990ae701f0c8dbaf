package dev.factory.stitch;

import dev.factory.FactoryException;
import dev.factory.docker.Docker;
import dev.factory.docker.MissingToolException;
import dev.factory.docker.ProcessRunner;
import dev.factory.oci.Descriptor;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CancellationException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.function.Supplier;

/**
 * Resolves each base reference (after the mirror) to the digest it names now, per platform: from its registry, the
 * registries every goal shares; for a base that is only in the local engine (built there, never pushed), the engine's
 * image id. All bases are asked at once, within one deadline, so an unreachable registry costs the deadline at most.
 *
 * <p>A base that cannot be resolved (offline, the mirror down) is not an error: stitch says so once and goes on, and
 * its variants have no key, so no earlier record vouches for them.
 */
public final class BaseDigests {
    /** Where a digest came from. */
    public enum Source {
        REGISTRY, ENGINE
    }

    /**
     * One base, resolved.
     *
     * @param digest what the reference names: an index digest for a multi-platform base, else the manifest digest
     * @param platforms the image manifest digest per requested platform it has
     */
    public record Resolved(String reference, String digest, Map<String, String> platforms, Source source) {}

    /**
     * What a resolution found.
     *
     * @param unresolved reference to why it has no digest (one line)
     */
    public record Result(Map<String, Resolved> resolved, Map<String, String> unresolved) {
        public static final Result NONE = new Result(Map.of(), Map.of());
    }

    private final Supplier<Registries> registries;
    private final Docker docker;
    private final Duration timeout;

    /**
     * @param docker the engine asked for bases that are not in their registry; null to ask only registries
     * @param timeout the most all lookups together may take
     */
    public BaseDigests(Supplier<Registries> registries, Docker docker, Duration timeout) {
        this.registries = registries;
        this.docker = docker;
        this.timeout = timeout;
    }

    /**
     * Starts, on a thread of its own, what the first lookup would wait for: the registry settings, Java's HTTP client and
     * a connection to the registry most bases come from (the mirror's). Stitch calls it before it reads its inputs, so
     * that this overlaps with reading and rendering rather than following them.
     *
     * @param registry the registry to connect to, or null
     * @return the thread, for the caller to wait for before it returns (it must not outlive the goal: Maven closes the
     *     plugin's class loader after a failed goal, and a class loaded later fails)
     */
    public Thread warmUp(String registry) {
        Thread t = new Thread(() -> {
            try {
                Registries clients = registries.get();
                if (registry != null) {
                    clients.client(registry).ping();
                }
            } catch (RuntimeException | LinkageError e) {
                // only a head start: resolve() meets the same problem and says it
            }
        }, "factory-base-warm-up");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** @param platforms per base reference, the platforms its builds need */
    public Result resolve(Map<String, Set<String>> platforms) {
        if (platforms.isEmpty()) {
            return Result.NONE;
        }
        Registries clients;
        try {
            clients = registries.get();
        } catch (FactoryException e) {
            Map<String, String> why = new LinkedHashMap<>();
            platforms.keySet().forEach(ref -> why.put(ref, oneLine(e.getMessage())));
            return new Result(Map.of(), why);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, platforms.size()), r -> {
            Thread t = new Thread(r, "factory-base-digests");
            t.setDaemon(true);
            return t;
        });
        Map<String, Future<Object>> futures = new LinkedHashMap<>();
        try {
            platforms.forEach((ref, wanted) -> futures.put(ref, pool.submit(() -> {
                try {
                    return one(clients, ref, wanted);
                } catch (FactoryException | IOException e) {
                    return oneLine(e.getMessage());
                }
            })));
            long deadline = System.nanoTime() + timeout.toNanos();
            Map<String, Resolved> resolved = new LinkedHashMap<>();
            Map<String, String> unresolved = new LinkedHashMap<>();
            for (Map.Entry<String, Future<Object>> f : futures.entrySet()) {
                Object outcome;
                try {
                    outcome = f.getValue().get(Math.max(0, deadline - System.nanoTime()),
                            java.util.concurrent.TimeUnit.NANOSECONDS);
                } catch (java.util.concurrent.TimeoutException | CancellationException e) {
                    outcome = "no answer within " + timeout.toSeconds() + " s (factory.base.timeout)";
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    outcome = "interrupted";
                } catch (ExecutionException e) {
                    outcome = oneLine(String.valueOf(e.getCause()));
                }
                if (outcome instanceof Resolved r) {
                    resolved.put(f.getKey(), r);
                } else {
                    unresolved.put(f.getKey(), String.valueOf(outcome));
                }
            }
            return new Result(resolved, unresolved);
        } finally {
            pool.shutdownNow();
        }
    }

    /** One base: its registry first; the engine when the registry does not have it, or for a local-only image. */
    private Object one(Registries clients, String reference, Set<String> wanted) throws IOException {
        ImageReference ref = ImageReference.parse(reference);
        Optional<RegistryClient.Manifest> top;
        try {
            top = clients.client(ref.registry()).getManifest(ref.repository(), ref.reference());
        } catch (FactoryException e) {
            // offline or refused: only an image that never came from a registry may stand in
            Resolved local = fromEngine(reference, wanted, true);
            return local != null ? local : "registry " + ref.registry() + ": " + oneLine(e.getMessage());
        }
        if (top.isEmpty()) {
            Resolved local = fromEngine(reference, wanted, false);
            return local != null ? local : "not in the registry " + ref.registry() + " (nor in the local engine)";
        }
        RegistryClient.Manifest m = top.get();
        Map<String, String> perPlatform = new LinkedHashMap<>();
        if (MediaTypes.isIndex(m.mediaType())) {
            ImageIndex index = ImageIndex.parse(m.bytes(), m.mediaType());
            for (String p : wanted) {
                Platform platform = Platform.parse(p);
                index.platformManifests().stream().filter(d -> platform.accepts(d.platform())).map(Descriptor::digest)
                        .findFirst().ifPresent(d -> perPlatform.put(p, d));
            }
        } else {
            // a single image: it serves whichever platform it is built for; buildx says so if it does not fit
            wanted.forEach(p -> perPlatform.put(p, m.digest()));
        }
        return new Resolved(reference, m.digest(), perPlatform, Source.REGISTRY);
    }

    /**
     * The engine's image id (with the containerd image store, the manifest or index digest the image was built or
     * pulled as), for bases the registry cannot answer for.
     *
     * @param localOnly only an image without repository digests (built here, never pulled or pushed)
     */
    private Resolved fromEngine(String reference, Set<String> wanted, boolean localOnly) {
        if (docker == null) {
            return null;
        }
        ProcessRunner.Result r;
        try {
            r = docker.run(List.of("image", "inspect", "--format", "{{.Id}}|{{len .RepoDigests}}", reference),
                    Duration.ofSeconds(5));
        } catch (MissingToolException e) {
            return null;
        }
        if (r.timedOut() || r.exitCode() != 0) {
            return null;
        }
        String[] parts = r.stdout().trim().split("\\|");
        if (parts.length != 2 || !parts[0].startsWith("sha256:") || (localOnly && !"0".equals(parts[1].trim()))) {
            return null;
        }
        Map<String, String> perPlatform = new LinkedHashMap<>();
        wanted.forEach(p -> perPlatform.put(p, parts[0]));
        return new Resolved(reference, parts[0], perPlatform, Source.ENGINE);
    }

    /** The unresolved bases, grouped by why, as one paragraph for the log. */
    public static String describeUnresolved(Map<String, String> unresolved) {
        Map<String, List<String>> byWhy = new LinkedHashMap<>();
        unresolved.forEach((ref, why) -> byWhy.computeIfAbsent(why, w -> new ArrayList<>()).add(ref));
        List<String> parts = new ArrayList<>();
        byWhy.forEach((why, refs) -> parts.add(String.join(", ", new LinkedHashSet<>(refs)) + " (" + why + ")"));
        return String.join("; ", parts);
    }

    static String oneLine(String message) {
        if (message == null) {
            return "unknown error";
        }
        String t = message.strip();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl);
    }
}
