package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.oci.Credentials;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.FakeRegistry;
import dev.factory.oci.ImageConfig;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import dev.factory.oci.TestImages;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** factory:merge's join through the registry client: per-platform pushes become one index under every tag. */
class MergerTest {
    private final Registries registries = new Registries(Credentials.Provider.NONE, Set.of(), 0);
    private FakeRegistry registry;
    private RegistryClient client;

    @BeforeEach
    void openRegistry() throws IOException {
        registry = FakeRegistry.open();
        client = registries.client(registry.host());
    }

    @AfterEach
    void closeRegistry() {
        registry.close();
    }

    private StitchedBuild build(List<String> platforms) {
        return new StitchedBuild("app", "app", "src/main/factory/manifests/app.yaml", null, null, Map.of(),
                "busybox:1.35",
                registry.host() + "/team/app", List.of("1.0", "latest"), platforms, null, "layered", List.of(),
                "builds/app/Dockerfile", Map.of(), Map.of(), "f".repeat(64));
    }

    /** An image manifest of the platform, its config saying so; returns its descriptor. */
    private Descriptor pushImage(String platform) {
        byte[] layer = TestImages.layer().file("arch", platform).tar();
        client.pushBlob("team/app", layer);
        ImageConfig config = ImageConfig.of(TestImages.configJson(Platform.parse(platform), List.of(layer)));
        client.pushBlob("team/app", config.bytes());
        ImageManifest m = ImageManifest.oci(
                Descriptor.of(MediaTypes.OCI_CONFIG, config.digest(), config.bytes().length),
                List.of(Descriptor.of(MediaTypes.OCI_LAYER_TAR, Digests.of(layer), layer.length)), Map.of());
        client.putManifest("team/app", m.digest(), m.bytes(), m.mediaType());
        return m.descriptor();
    }

    /** An image manifest of the platform pushed as it is (no index) under {@code tag} too; returns its descriptor. */
    private Descriptor pushImage(String platform, String tag) {
        Descriptor image = pushImage(platform);
        byte[] manifest = registry.manifests.get("team/app@" + image.digest());
        client.putManifest("team/app", tag, manifest, MediaTypes.OCI_MANIFEST);
        return image;
    }

    @Test
    void joinsAnImageManifestAndABuildxIndexWithItsAttestation() throws IOException {
        // amd64 pushed as a bare image manifest
        Descriptor amd64 = pushImage("linux/amd64", "1.0-linux-amd64");
        // arm64 pushed as buildx does with provenance: an index of the image and an attestation pointing at it
        Descriptor arm64 = pushImage("linux/arm64");
        Descriptor attestation = Descriptor.of(MediaTypes.OCI_MANIFEST, "sha256:" + "a".repeat(64), 123)
                .withPlatform(new Platform("unknown", "unknown", null))
                .withAnnotations(Map.of("vnd.docker.reference.type", "attestation-manifest",
                        "vnd.docker.reference.digest", arm64.digest()));
        ImageIndex armIndex = ImageIndex.oci(List.of(arm64.withPlatform(Platform.parse("linux/arm64")), attestation),
                Map.of());
        client.putManifest("team/app", "1.0-linux-arm64", armIndex.bytes(), armIndex.mediaType());

        StitchedBuild b = build(List.of("linux/amd64", "linux/arm64"));
        Map<StitchedBuild, List<String>> builds = new LinkedHashMap<>();
        builds.put(b, b.platforms());
        List<String> log = new ArrayList<>();
        String digest = Merger.joinAll(registries, builds, log::add).get("app");

        assertEquals(List.of("multi-arch " + registry.host() + "/team/app:1.0,latest = " + digest
                + " (linux/amd64, linux/arm64)"), log);
        for (String tag : List.of("1.0", "latest")) {
            RegistryClient.Manifest m = client.getManifest("team/app", tag).orElseThrow();
            assertEquals(digest, m.digest());
            assertEquals(MediaTypes.OCI_INDEX, m.mediaType());
        }
        ImageIndex index = ImageIndex.parse(client.getManifest("team/app", "1.0").orElseThrow().bytes(), null);
        assertEquals(List.of(amd64.digest(), arm64.digest(), attestation.digest()),
                index.manifests().stream().map(Descriptor::digest).toList());
        assertEquals("linux/amd64", index.manifests().get(0).platform().toString(), "from the image's config");
        assertEquals(arm64.digest(), index.manifests().get(2).annotations().get("vnd.docker.reference.digest"));
    }

    @Test
    void aPlatformThatWasNotPushedIsNamedWithItsJob() {
        pushImage("linux/amd64", "1.0-linux-amd64");
        StitchedBuild b = build(List.of("linux/amd64", "linux/arm64"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Merger.joinAll(registries, Map.of(b, b.platforms()), line -> {}));
        assertEquals("The linux/arm64 image of app (" + registry.host() + "/team/app:1.0-linux-arm64) is not in the "
                + "registry " + registry.host() + ", so factory:merge cannot join it into " + registry.host()
                + "/team/app:1.0. Run the linux/arm64 job first (factory:bake -Dfactory.push=true "
                + "-Dfactory.platform=linux/arm64), or merge only what was built.", e.getMessage());
        assertTrue(client.getManifest("team/app", "1.0").isEmpty(), "no half-made tag");
    }

    @Test
    void anImageOfAnotherPlatformUnderThePlatformsTagIsRefused() {
        Descriptor amd64 = pushImage("linux/amd64", "1.0-linux-arm64");
        byte[] bytes = registry.manifests.get("team/app@" + amd64.digest());
        StitchedBuild b = build(List.of("linux/arm64"));
        BadInputException e = assertThrows(BadInputException.class,
                () -> Merger.joinAll(registries, Map.of(b, b.platforms()), line -> {}));
        assertEquals(registry.host() + "/team/app:1.0-linux-arm64 in the registry " + registry.host()
                + " is a linux/amd64 image, not linux/arm64. Push it again from the linux/arm64 job.", e.getMessage());
        assertArrayEquals(bytes, client.getManifest("team/app", "1.0-linux-arm64").orElseThrow().bytes());
    }
}
