package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.factory.oci.Credentials;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.FakeRegistry;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import org.junit.jupiter.api.Test;

/** Base references resolved against a registry that speaks the distribution API over HTTP on 127.0.0.1. */
class BaseDigestsTest {
    private static final Registries REGISTRIES = new Registries(Credentials.Provider.NONE, Set.of(), 0);

    /** A single-platform image manifest; returns its digest. */
    static String image(RegistryClient client, String repository, String tag, String arch) {
        byte[] config = ("{\"architecture\":\"" + arch + "\",\"os\":\"linux\"}").getBytes(StandardCharsets.UTF_8);
        client.pushBlob(repository, config);
        ImageManifest m = ImageManifest.oci(Descriptor.of(MediaTypes.OCI_CONFIG, Digests.of(config), config.length),
                List.of(), Map.of());
        return client.putManifest(repository, tag, m.bytes(), m.mediaType());
    }

    /** An index over amd64 and arm64 images; returns {index, amd64, arm64}. */
    static String[] multiPlatform(FakeRegistry registry, String repository, String tag) {
        RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
        String amd = image(client, repository, tag + "-amd64", "amd64");
        String arm = image(client, repository, tag + "-arm64", "arm64");
        ImageIndex index = ImageIndex.oci(List.of(
                Descriptor.of(MediaTypes.OCI_MANIFEST, amd, registry.manifests.get(repository + "@" + amd).length)
                        .withPlatform(Platform.parse("linux/amd64")),
                Descriptor.of(MediaTypes.OCI_MANIFEST, arm, registry.manifests.get(repository + "@" + arm).length)
                        .withPlatform(new Platform("linux", "arm64", "v8"))),
                Map.of());
        return new String[]{client.putManifest(repository, tag, index.bytes(), index.mediaType()), amd, arm};
    }

    private static Map<String, Set<String>> wanting(String ref, String... platforms) {
        Map<String, Set<String>> m = new LinkedHashMap<>();
        m.put(ref, new LinkedHashSet<>(List.of(platforms)));
        return m;
    }

    @Test
    void aMultiPlatformBaseResolvesToItsIndexAndEachPlatformsManifest() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String[] d = multiPlatform(registry, "lab/busybox", "1.35");
            String ref = registry.host() + "/lab/busybox:1.35";
            BaseDigests.Result r = new BaseDigests(() -> REGISTRIES, null, Duration.ofSeconds(10))
                    .resolve(wanting(ref, "linux/amd64", "linux/arm64"));
            assertEquals(Map.of(), r.unresolved());
            BaseDigests.Resolved base = r.resolved().get(ref);
            assertEquals(d[0], base.digest(), "the reference names the index");
            assertEquals(Map.of("linux/amd64", d[1], "linux/arm64", d[2]), base.platforms(), "arm64 matches arm64/v8");
            assertEquals(BaseDigests.Source.REGISTRY, base.source());
        }
    }

    @Test
    void aSingleImageBaseServesEveryPlatformWithItsOwnDigest() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String digest = image(new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of()), "team/base",
                    "1", "amd64");
            String ref = registry.host() + "/team/base:1";
            BaseDigests.Result r = new BaseDigests(() -> REGISTRIES, null, Duration.ofSeconds(10))
                    .resolve(wanting(ref, "linux/amd64"));
            assertEquals(digest, r.resolved().get(ref).digest());
            assertEquals(Map.of("linux/amd64", digest), r.resolved().get(ref).platforms());
        }
    }

    @Test
    void aBaseTheRegistryDoesNotHaveAndNoEngineIsAskedIsUnresolvedWithWhy() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            String ref = registry.host() + "/team/missing:1";
            BaseDigests.Result r = new BaseDigests(() -> REGISTRIES, null, Duration.ofSeconds(10))
                    .resolve(wanting(ref, "linux/amd64"));
            assertEquals(Map.of(ref, "not in the registry " + registry.host() + " (nor in the local engine)"),
                    r.unresolved());
        }
    }

    @Test
    void anUnreachableRegistryIsSaidAndTheOthersResolve() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        try (FakeRegistry registry = FakeRegistry.open()) {
            String[] d = multiPlatform(registry, "lab/busybox", "1.35");
            String good = registry.host() + "/lab/busybox:1.35";
            String gone = "127.0.0.1:" + closed + "/lab/busybox:1.35";
            Map<String, Set<String>> wanted = wanting(good, "linux/amd64");
            wanted.putAll(wanting(gone, "linux/amd64"));
            BaseDigests.Result r = new BaseDigests(() -> REGISTRIES, null, Duration.ofSeconds(10)).resolve(wanted);
            assertEquals(d[1], r.resolved().get(good).platforms().get("linux/amd64"));
            assertTrue(r.unresolved().get(gone).startsWith("registry 127.0.0.1:" + closed + ": "),
                    r.unresolved().toString());
            assertTrue(
                    BaseDigests.describeUnresolved(r.unresolved()).startsWith(gone + " (registry 127.0.0.1:" + closed),
                    BaseDigests.describeUnresolved(r.unresolved()));
        }
    }

    @Test
    void aRegistryThatNeverAnswersCostsTheTimeoutAtMost() throws IOException, InterruptedException {
        HttpServer silent = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        CountDownLatch release = new CountDownLatch(1);
        silent.createContext("/", x -> {
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            x.close();
        });
        silent.setExecutor(java.util.concurrent.Executors.newCachedThreadPool());
        silent.start();
        try {
            String ref = "127.0.0.1:" + silent.getAddress().getPort() + "/lab/busybox:1.35";
            long t0 = System.nanoTime();
            BaseDigests.Result r = new BaseDigests(() -> REGISTRIES, null, Duration.ofSeconds(1))
                    .resolve(wanting(ref, "linux/amd64"));
            long ms = (System.nanoTime() - t0) / 1_000_000;
            assertTrue(ms < 5000, "took " + ms + " ms");
            assertEquals(Map.of(ref, "no answer within 1 s (factory.base.timeout)"), r.unresolved());
        } finally {
            release.countDown();
            silent.stop(0);
        }
    }
}
