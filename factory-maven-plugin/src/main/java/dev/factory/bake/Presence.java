package dev.factory.bake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.FactoryException;
import dev.factory.docker.Docker;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.Json;
import dev.factory.oci.ImageReference;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

/**
 * Where the images of earlier runs are now: the digest each per-platform reference names in the local engine (after a
 * load) or in its registry (after a push). A reference that is not there, or cannot be asked, has no entry: its target
 * is baked.
 */
final class Presence {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Presence() {}

    /**
     * The engine's image id per reference, in one {@code docker image inspect}. With the containerd image store the id of
     * a loaded image is its manifest digest, which is what bake's metadata and the records name.
     */
    static Map<String, String> inEngine(Docker docker, Collection<String> refs) {
        Map<String, String> found = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return found;
        }
        List<String> args = new ArrayList<>(List.of("image", "inspect", "--format", "{{json .RepoTags}}|{{.Id}}"));
        args.addAll(refs);
        ProcessRunner.Result r;
        try {
            // images that are missing make it exit 1; the lines of those it found are printed all the same
            r = docker.run(args, TIMEOUT);
        } catch (FactoryException e) {
            return found;
        }
        if (r.timedOut()) {
            return found;
        }
        Map<String, String> idByTag = new LinkedHashMap<>();
        for (String line : r.stdout().split("\n")) {
            int bar = line.lastIndexOf('|');
            if (bar < 0) {
                continue;
            }
            String id = line.substring(bar + 1).trim();
            try {
                for (JsonNode tag : Json.mapper().readTree(line.substring(0, bar))) {
                    idByTag.put(normalize(tag.asText()), id);
                }
            } catch (IOException e) {
                // not a line of ours
            }
        }
        for (String ref : refs) {
            String id = idByTag.get(normalize(ref));
            if (id != null && id.startsWith("sha256:")) {
                found.put(ref, id);
            }
        }
        return found;
    }

    /** The digest each reference's tag names in its registry now; asked four at a time, within one deadline. */
    static Map<String, String> inRegistry(Registries registries, Collection<String> refs) {
        Map<String, String> found = new LinkedHashMap<>();
        if (refs.isEmpty()) {
            return found;
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.min(4, refs.size()), r -> {
            Thread t = new Thread(r, "factory-presence");
            t.setDaemon(true);
            return t;
        });
        try {
            Map<String, Future<Optional<String>>> futures = new LinkedHashMap<>();
            for (String ref : refs) {
                futures.put(ref, pool.submit(() -> {
                    try {
                        ImageReference parsed = ImageReference.parse(ref);
                        RegistryClient client = registries.client(parsed.registry());
                        return client.getManifest(parsed.repository(), parsed.reference())
                                .map(RegistryClient.Manifest::digest);
                    } catch (FactoryException e) {
                        return Optional.empty();
                    }
                }));
            }
            long deadline = System.nanoTime() + TIMEOUT.toNanos();
            for (Map.Entry<String, Future<Optional<String>>> f : futures.entrySet()) {
                try {
                    f.getValue().get(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
                            .ifPresent(d -> found.put(f.getKey(), d));
                } catch (InterruptedException e) {
                    Thread.currentThread().interrupt();
                    break;
                } catch (Exception e) {
                    // no answer in time, or a failure: the target is baked
                }
            }
            return found;
        } finally {
            pool.shutdownNow();
        }
    }

    private static String normalize(String ref) {
        try {
            return ImageReference.parse(ref).toString();
        } catch (FactoryException e) {
            return ref;
        }
    }
}
