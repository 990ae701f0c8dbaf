package dev.factory.oci;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RegistryClientTest {
    @TempDir
    Path temp;

    private static Credentials.Provider creds(String user, String password) {
        return registry -> Optional.of(new Credentials(user, password, false, "the test config"));
    }

    private Path file(byte[] content) throws IOException {
        Path p = Files.createTempFile(temp, "blob", ".bin");
        Files.write(p, content);
        return p;
    }

    @Test
    void bearerTokenFlowWithBasicCredentialsPushesAndPulls() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BEARER, "ci", "s3cret", false)) {
            RegistryClient client = new RegistryClient(registry.host(), creds("ci", "s3cret"), Set.of());
            client.ping();
            byte[] content = "layer bytes".getBytes(StandardCharsets.UTF_8);
            String digest = Digests.of(content);
            assertEquals("uploaded", client.pushBlob("team/app", digest, content.length, file(content), null));
            assertEquals("exists", client.pushBlob("team/app", digest, content.length, file(content), null));
            try (InputStream in = client.openBlob("team/app", Descriptor.of("x", digest, content.length))) {
                assertArrayEquals(content, in.readAllBytes());
            }
            assertTrue(registry.tokenScopes.contains("repository:team/app:pull,push"), registry.tokenScopes.toString());
            assertTrue(registry.tokenScopes.contains("repository:team/app:pull"), registry.tokenScopes.toString());
            // one token per scope, reused afterwards
            assertEquals(2, registry.count("GET /token"));
        }
    }

    @Test
    void basicAuthentication() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "ci", "pw", false)) {
            RegistryClient client = new RegistryClient(registry.host(), creds("ci", "pw"), Set.of());
            assertEquals("uploaded", client.pushBlob("app", "x".getBytes(StandardCharsets.UTF_8)));
            assertTrue(client.blobSize("app", Digests.of("x".getBytes(StandardCharsets.UTF_8))).isPresent());
        }
    }

    @Test
    void refusedCredentialsAreNamedButNotShown() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BEARER, "ci", "right", false)) {
            RegistryClient client = new RegistryClient(registry.host(), creds("ci", "wrong-password"), Set.of());
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> client.pushBlob("app", new byte[]{1}));
            assertTrue(e.getMessage().contains("user 'ci' from the test config"), e.getMessage());
            assertTrue(e.getMessage().contains("docker login " + registry.host()), e.getMessage());
            assertTrue(e.getMessage().contains("pull from app"), e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password"));
        }
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "ci", "right", false)) {
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> client.blobSize("app", Digests.of(new byte[0])));
            assertTrue(e.getMessage().contains("no credentials"), e.getMessage());
        }
    }

    @Test
    void chunkedUpload() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of())
                    .chunkSize(1000);
            byte[] content = new byte[2500];
            new java.util.Random(1).nextBytes(content);
            String digest = Digests.of(content);
            client.pushBlob("app", digest, content.length, file(content), null);
            assertEquals(3, registry.count("PATCH "));
            assertTrue(registry.log.contains("range 0-999"));
            assertTrue(registry.log.contains("range 2000-2499"));
            assertArrayEquals(content, registry.blobs.get(digest));
        }
    }

    @Test
    void crossRepositoryMount() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
            byte[] content = "shared".getBytes(StandardCharsets.UTF_8);
            String digest = Digests.of(content);
            client.pushBlob("base", digest, content.length, file(content), null);
            assertEquals("mounted", client.pushBlob("app", digest, content.length, file(content), "base"));
            // not in the source repository: the mount answer starts an upload instead
            byte[] other = "other".getBytes(StandardCharsets.UTF_8);
            assertEquals("uploaded", client.pushBlob("app", Digests.of(other), other.length, file(other), "base"));
        }
    }

    @Test
    void manifestsByTagAndDigest() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
            byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
            client.pushBlob("app", config);
            ImageManifest m = ImageManifest.oci(Descriptor.of(MediaTypes.OCI_CONFIG, Digests.of(config), config.length),
                    List.of(), Map.of());
            String digest = client.putManifest("app", "1.0", m.bytes(), m.mediaType());
            assertEquals(m.digest(), digest);
            RegistryClient.Manifest byTag = client.getManifest("app", "1.0").orElseThrow();
            assertEquals(MediaTypes.OCI_MANIFEST, byTag.mediaType());
            assertEquals(digest, byTag.digest());
            assertArrayEquals(m.bytes(), client.getManifest("app", digest).orElseThrow().bytes());
            assertTrue(client.getManifest("app", "2.0").isEmpty());
        }
    }

    @Test
    void referrersFallBackToTheTagSchemaWithoutTheApi() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
            String subject = pushEmptyImage(client);
            ImageManifest record = artifact(client, subject, "application/vnd.factory.record.v1+json");
            assertEquals(record.digest(), client.pushReferrer("app", record));
            assertTrue(registry.manifests.containsKey("app@" + RegistryClient.referrersTagName(subject)));
            ImageIndex found = client.referrers("app", subject, null);
            assertEquals(1, found.manifests().size());
            assertEquals("application/vnd.factory.record.v1+json", found.manifests().get(0).artifactType());
            assertEquals(0, client.referrers("app", subject, "application/other").manifests().size());
            // a second push of the same artifact does not duplicate the entry
            client.pushReferrer("app", record);
            assertEquals(1, client.referrers("app", subject, null).manifests().size());
        }
    }

    @Test
    void referrersApiIsUsedWhenThere() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.NONE, null, null, true)) {
            RegistryClient client = new RegistryClient(registry.host(), Credentials.Provider.NONE, Set.of());
            String subject = pushEmptyImage(client);
            client.pushReferrer("app", artifact(client, subject, "application/vnd.factory.sbom"));
            assertFalse(registry.manifests.containsKey("app@" + RegistryClient.referrersTagName(subject)));
            assertEquals(1, client.referrers("app", subject, "application/vnd.factory.sbom").manifests().size());
        }
    }

    private static String pushEmptyImage(RegistryClient client) {
        byte[] config = "{}".getBytes(StandardCharsets.UTF_8);
        client.pushBlob("app", config);
        ImageManifest m = ImageManifest.oci(Descriptor.of(MediaTypes.OCI_CONFIG, Digests.of(config), config.length),
                List.of(), Map.of());
        return client.putManifest("app", "1.0", m.bytes(), m.mediaType());
    }

    private static ImageManifest artifact(RegistryClient client, String subject, String type) {
        byte[] empty = "{}".getBytes(StandardCharsets.UTF_8);
        client.pushBlob("app", empty);
        byte[] payload = "{\"status\":\"pass\"}".getBytes(StandardCharsets.UTF_8);
        client.pushBlob("app", payload);
        return ImageManifest.artifact(type, Descriptor.of(MediaTypes.OCI_EMPTY, Digests.of(empty), empty.length),
                List.of(Descriptor.of("application/json", Digests.of(payload), payload.length)),
                Descriptor.of(MediaTypes.OCI_MANIFEST, subject, 100), Map.of());
    }

    @Test
    void unreachableRegistryIsAnEnvironmentError() throws IOException {
        int port;
        try (ServerSocket s = new ServerSocket(0)) {
            port = s.getLocalPort();
        }
        RegistryClient client = new RegistryClient("127.0.0.1:" + port, Credentials.Provider.NONE, Set.of());
        EnvironmentException e = assertThrows(EnvironmentException.class, client::ping);
        assertTrue(e.getMessage().contains("cannot be reached at http://127.0.0.1:" + port), e.getMessage());
    }

    @Test
    void httpsUnlessLoopbackOrInsecure() {
        assertEquals("https", new RegistryClient("ghcr.io", Credentials.Provider.NONE, Set.of()).base().getScheme());
        assertEquals("https://registry-1.docker.io",
                new RegistryClient("docker.io", Credentials.Provider.NONE, Set.of()).base().toString());
        assertEquals("http",
                new RegistryClient("localhost:5000", Credentials.Provider.NONE, Set.of()).base().getScheme());
        assertEquals("http",
                new RegistryClient("registry.lan:5000", Credentials.Provider.NONE, Set.of("registry.lan:5000"))
                        .base().getScheme());
    }

    @Test
    void opensOnePlatformOfAMultiArchImage() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            Registries registries = new Registries(Credentials.Provider.NONE, Set.of(), 0);
            RegistryClient client = registries.client(registry.host());
            List<Descriptor> entries = new java.util.ArrayList<>();
            for (String platform : List.of("linux/amd64", "linux/arm64")) {
                byte[] layer = TestImages.layer().file("arch", platform).tar();
                Path layerFile = file(layer);
                client.pushBlob("app", Digests.of(layer), layer.length, layerFile, null);
                ImageConfig config = ImageConfig.of(TestImages.configJson(Platform.parse(platform), List.of(layer)));
                client.pushBlob("app", config.bytes());
                ImageManifest m = ImageManifest.oci(
                        Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(), config.bytes().length),
                        List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, Digests.of(layer), layer.length)), Map.of());
                client.putManifest("app", m.digest(), m.bytes(), m.mediaType());
                entries.add(m.descriptor().withPlatform(Platform.parse(platform)));
            }
            ImageIndex index = ImageIndex.oci(entries, Map.of());
            client.putManifest("app", "1.0", index.bytes(), index.mediaType());

            Image arm = registries.open(ImageReference.parse(registry.host() + "/app:1.0"),
                    Platform.parse("linux/arm64"));
            assertEquals("linux/arm64", arm.platform().toString());
            assertTrue(TestImages.tree(arm.filesystem()).containsKey("arch"));
            assertThrows(BadInputException.class,
                    () -> registries.open(ImageReference.parse(registry.host() + "/app:1.0"), null));
            assertThrows(BadInputException.class,
                    () -> registries.open(ImageReference.parse(registry.host() + "/app:2.0"),
                            Platform.parse("linux/arm64")));
        }
    }

    @Test
    void insecureRegistriesAreReachedOverPlainHttpByHostPortOrHost() {
        RegistryAccess byHostPort = new RegistryAccess(Credentials.Provider.NONE, HttpProxies.NONE,
                RegistryAccess.parseInsecure(" Registry.Internal:5000 , ,http://other.internal/"));
        assertEquals(Set.of("registry.internal:5000", "other.internal"), byHostPort.insecure());
        assertEquals("http://registry.internal:5000",
                new RegistryClient("registry.internal:5000", byHostPort).base().toString());
        assertEquals("https://registry.internal:6000",
                new RegistryClient("registry.internal:6000", byHostPort).base().toString());
        assertEquals("http://other.internal:443",
                new RegistryClient("other.internal:443", byHostPort).base().toString());
        assertEquals("https://ghcr.io", new RegistryClient("ghcr.io", byHostPort).base().toString());
        assertEquals("http://localhost:5000", new RegistryClient("localhost:5000", byHostPort).base().toString());
    }

    @Test
    void refusedSettingsCredentialsNameTheRegistryAndTheServerButNotThePassword() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "ci", "right-password", false)) {
            SettingsServers servers = new SettingsServers(List.of(
                    new SettingsServers.Server(registry.host(), "ci", "wrong-password", null)));
            RegistryClient client = new RegistryClient(registry.host(), RegistryAccess.of(servers));
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> client.getManifest("team/app", "1.0"));
            assertEquals("The registry " + registry.host() + " refused to let Factory pull from team/app (HTTP 401); "
                    + "Factory used the credentials of user 'ci' from the <server> with id '" + registry.host()
                    + "' in Maven's "
                    + "settings.xml. Correct the username and password of the <server> with id '" + registry.host()
                    + "' in Maven's settings.xml (an encrypted password also needs the right master password in "
                    + "settings-security.xml) as a user allowed to pull from that repository, then run again.",
                    e.getMessage());
            assertFalse(e.getMessage().contains("wrong-password") || e.getMessage().contains("right-password"));
        }
    }

    @Test
    void withoutCredentialsTheMessageSaysWhereFactoryLooked() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BASIC, "ci", "pw", false)) {
            RegistryClient client = new RegistryClient(registry.host(), RegistryAccess.of(SettingsServers.NONE
                    .orElse(DockerConfig.load(Map.of("DOCKER_CONFIG", temp.toString())))));
            EnvironmentException e = assertThrows(EnvironmentException.class, () -> client.getManifest("app", "1.0"));
            assertEquals("The registry " + registry.host()
                    + " refused to let Factory pull from app (HTTP 401); Factory had "
                    + "no credentials for it: no <server> with id '" + registry.host() + "' or '127.0.0.1' in Maven's "
                    + "settings.xml, and none for " + registry.host() + " in Docker's config ("
                    + temp.resolve("config.json")
                    + "). Add a <server> with id '" + registry.host()
                    + "' (username and password) to Maven's settings.xml, "
                    + "or log in with 'docker login " + registry.host()
                    + "', as a user allowed to pull from that repository, "
                    + "then run again.", e.getMessage());
        }
    }

    @Test
    void settingsCredentialsReachARegistryThatDockersConfigKnowsNothingOf() throws IOException {
        try (FakeRegistry registry = new FakeRegistry(FakeRegistry.Auth.BEARER, "ci", "right-password", false)) {
            Credentials.Provider credentials = new SettingsServers(List.of(
                    new SettingsServers.Server("127.0.0.1", "ci", "right-password", null)))
                    .orElse(DockerConfig.load(Map.of("DOCKER_CONFIG", temp.toString())));
            RegistryClient client = new RegistryClient(registry.host(), RegistryAccess.of(credentials));
            assertEquals("uploaded", client.pushBlob("team/app", new byte[]{1, 2, 3}));
        }
    }

    @Test
    void aProxyThatIsNotThereIsNamedInTheMessage() throws IOException {
        int closed;
        try (ServerSocket s = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        HttpProxies proxies = new HttpProxies(
                List.of(new HttpProxies.HttpProxy("corp", "http", "127.0.0.1", closed, null,
                        null, null, null)));
        RegistryClient client = new RegistryClient("127.0.0.1:5999",
                new RegistryAccess(Credentials.Provider.NONE, proxies,
                        Set.of()));
        EnvironmentException e = assertThrows(EnvironmentException.class, client::ping);
        assertTrue(
                e.getMessage()
                        .startsWith("The registry 127.0.0.1:5999 cannot be reached at http://127.0.0.1:5999 through "
                                + "the <proxy> 'corp' (127.0.0.1:" + closed + ") of Maven's settings.xml ("),
                e.getMessage());
        assertTrue(e.getMessage().contains("Check that the proxy is running"), e.getMessage());
    }

    @Test
    void aRequestOnAConnectionTheProxyLeftOpenButNoLongerServesIsSentAgainOnANewOne() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open(); OneRequestProxy proxy = new OneRequestProxy()) {
            RegistryClient client = new RegistryClient(registry.host(),
                    new RegistryAccess(Credentials.Provider.NONE, proxyAt(proxy.port()), Set.of()));
            // HEAD (404), POST, PUT: Java sends the POST and the PUT on the connection the request before used
            assertEquals("uploaded", client.pushBlob("team/app", new byte[]{1, 2, 3}));
            assertEquals(2, proxy.refused.get());
            assertEquals(List.of("HEAD", "POST", "PUT"),
                    registry.log.stream().map(line -> line.substring(0, line.indexOf(' '))).toList());
        }
    }

    @Test
    void aRegistryThatClosesEveryConnectionUnansweredIsAskedTwiceThenReported() throws IOException {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            AtomicInteger connections = new AtomicInteger();
            Thread closer = new Thread(() -> {
                while (true) {
                    try (Socket s = server.accept()) {
                        connections.incrementAndGet();
                        s.getInputStream().read(new byte[4096]);
                    } catch (IOException e) {
                        return;
                    }
                }
            });
            closer.setDaemon(true);
            closer.start();
            RegistryClient client = new RegistryClient("127.0.0.1:" + server.getLocalPort(),
                    RegistryAccess.of(Credentials.Provider.NONE));
            EnvironmentException e = assertThrows(EnvironmentException.class,
                    () -> client.putManifest("team/app", "1.0", "{}".getBytes(StandardCharsets.UTF_8),
                            "application/vnd.oci.image.manifest.v1+json"));
            assertTrue(e.getMessage().startsWith("The registry 127.0.0.1:" + server.getLocalPort()
                    + " cannot be reached at http://127.0.0.1:" + server.getLocalPort() + " ("), e.getMessage());
            // a PUT, which Java's client does not repeat by itself: one try and one more
            assertEquals(2, connections.get());
        }
    }

    private static HttpProxies proxyAt(int port) {
        return new HttpProxies(List.of(new HttpProxies.HttpProxy("corp", "http", "127.0.0.1", port, null, null, null,
                null)));
    }
}
