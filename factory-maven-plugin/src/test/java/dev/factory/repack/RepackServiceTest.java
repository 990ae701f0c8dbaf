package dev.factory.repack;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.bake.ImageJson;
import dev.factory.docker.Docker;
import dev.factory.io.Json;
import dev.factory.oci.Credentials;
import dev.factory.oci.Descriptor;
import dev.factory.oci.FakeRegistry;
import dev.factory.oci.Image;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.OciLayout;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.TestImages;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RepackServiceTest {
    @TempDir
    Path out;

    private static final List<String> PLATFORMS = List.of("linux/amd64", "linux/arm64");

    /** Pushes a two-platform source image (the repack test's synthetic one) and returns per-platform digests. */
    private static Map<String, String> pushSource(FakeRegistry registry, String repository, String tag) {
        Map<String, String> digests = new java.util.LinkedHashMap<>();
        TestImages.MemoryBlobs blobs = new TestImages.MemoryBlobs();
        List<Descriptor> entries = new ArrayList<>();
        for (String p : PLATFORMS) {
            Image image = RepackerTest.source(blobs);
            // the same content per platform, but a config that says which platform
            var json = image.config().json();
            json.put("architecture", Platform.parse(p).architecture());
            var config = dev.factory.oci.ImageConfig.of(json);
            Descriptor cd = blobs.put(MediaTypes.OCI_CONFIG, config.bytes());
            var manifest = dev.factory.oci.ImageManifest.oci(cd, image.manifest().layers(), Map.of());
            registry.manifests.put(repository + "@" + manifest.digest(), manifest.bytes());
            registry.manifestTypes.put(repository + "@" + manifest.digest(), MediaTypes.OCI_MANIFEST);
            entries.add(manifest.descriptor().withPlatform(Platform.parse(p)));
            digests.put(p, manifest.digest());
        }
        blobs.blobs.forEach((d, b) -> {
            registry.blobs.put(d, b);
            registry.repoBlobs.computeIfAbsent(repository, r -> java.util.concurrent.ConcurrentHashMap.newKeySet())
                    .add(d);
        });
        ImageIndex index = ImageIndex.oci(entries, Map.of());
        registry.manifests.put(repository + "@" + tag, index.bytes());
        registry.manifestTypes.put(repository + "@" + tag, MediaTypes.OCI_INDEX);
        return digests;
    }

    private void bakeFiles(String image, String tag, boolean pushed, Map<String, String> digests) throws IOException {
        StitchedBuild build = new StitchedBuild("app-default", "app", "manifests/app.yaml", null, null, Map.of(),
                "base:1",
                image, List.of(tag), PLATFORMS, null, "default", List.of(), "builds/app-default/Dockerfile", Map.of(),
                Map.of(),
                "fp");
        Files.createDirectories(out.resolve("builds/app-default"));
        Files.write(out.resolve(BuildsFile.NAME), BuildsFile.bytes(List.of(build)));
        List<ImageJson.PlatformImage> platforms = new ArrayList<>();
        for (String p : PLATFORMS) {
            platforms.add(
                    new ImageJson.PlatformImage(p, image + ":" + tag + "-" + Platform.parse(p).slug(), digests.get(p),
                            "built", null));
        }
        new ImageJson("app-default", "app", image, tag, "fp", pushed, pushed ? "sha256:" + "0".repeat(64) : null,
                platforms)
                .write(out.resolve("builds/app-default"));
    }

    private RepackRequest request(RepackRequest.Engine engine, RepackRequest.Output output) {
        return new RepackRequest(out, null, new RepackOptions(RepackOptions.MIN_TARGET, 3), engine, output,
                new Registries(Credentials.Provider.NONE, java.util.Set.of(), 0),
                new Docker("docker-absent-in-tests", Map.of()),
                Duration.ofMinutes(1), line -> {});
    }

    @Test
    void pushesAMultiArchRepackedIndexAfterAllBlobs() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            Map<String, String> digests = pushSource(registry, "team/app", "1.0");
            bakeFiles(registry.host() + "/team/app", "1.0", true, digests);
            List<RepackService.BuildResult> results = new RepackService().run(request(RepackRequest.Engine.BUILTIN,
                    RepackRequest.Output.REGISTRY));
            assertEquals(1, results.size());
            assertEquals(registry.host() + "/team/app:1.0-repacked", results.get(0).destination());

            // the tag names an OCI index of both platforms
            byte[] tagged = registry.manifests.get("team/app@1.0-repacked");
            ImageIndex index = ImageIndex.parse(tagged, null);
            assertEquals(MediaTypes.OCI_INDEX, registry.manifestTypes.get("team/app@1.0-repacked"));
            assertEquals(List.of("linux/amd64", "linux/arm64"),
                    index.manifests().stream().map(d -> d.platform().toString()).toList());
            // manifests only after every blob
            int lastBlob = -1;
            int firstManifest = Integer.MAX_VALUE;
            for (int i = 0; i < registry.log.size(); i++) {
                String line = registry.log.get(i);
                if (line.startsWith("PUT /v2/team/app/blobs/uploads/")) {
                    lastBlob = i;
                }
                if (line.startsWith("PUT /v2/team/app/manifests/")) {
                    firstManifest = Math.min(firstManifest, i);
                }
            }
            assertTrue(lastBlob >= 0 && lastBlob < firstManifest, registry.log.toString());

            // the repacked image reads back with the same tree as its source
            Registries registries = new Registries(Credentials.Provider.NONE, java.util.Set.of(), 0);
            Image source = registries.open(ImageReference.parse(registry.host() + "/team/app:1.0"),
                    Platform.parse("linux/arm64"));
            Image repacked = registries.open(ImageReference.parse(registry.host() + "/team/app:1.0-repacked"),
                    Platform.parse("linux/arm64"));
            assertEquals(TestImages.tree(source.filesystem()), TestImages.tree(repacked.filesystem()));
            assertEquals(MediaTypes.OCI_LAYER_ZSTD, repacked.manifest().layers().get(0).mediaType());

            JsonNode report = Json.read(out.resolve("builds/app-default/repack.json"));
            assertEquals("factory.repack/v1", report.path("schema").asText());
            assertEquals(java.util.List.of(), dev.factory.io.Schemas.problems(dev.factory.io.Schemas.REPACK, report));
            assertEquals("registry", report.path("output").asText());
            assertEquals(index.digest(), report.path("digest").asText());
            JsonNode arm = report.path("platforms").get(1);
            assertEquals(digests.get("linux/arm64"), arm.path("source_digest").asText());
            assertEquals(repacked.digest(), arm.path("repacked_digest").asText());
            assertTrue(arm.path("size_before").asLong() > 0 && arm.path("size_after").asLong() > 0);
            assertEquals(repacked.manifest().layers().size(), arm.path("layer_count").asInt());
            assertFalse(Files.exists(out.resolve("tmp/repack-app-default")), "work directory removed");
        }
    }

    @Test
    void ociLayoutOutputWritesADirectoryAndPushesNothing() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            Map<String, String> digests = pushSource(registry, "app", "2.0");
            bakeFiles(registry.host() + "/app", "2.0", true, digests);
            int before = registry.log.size();
            new RepackService().run(request(RepackRequest.Engine.BUILTIN, RepackRequest.Output.OCI_LAYOUT));
            assertTrue(registry.log.subList(before, registry.log.size()).stream().noneMatch(l -> l.startsWith("PUT")
                    || l.startsWith("POST")));
            Path layout = out.resolve("builds/app-default/repacked");
            JsonNode index = Json.read(layout.resolve("index.json"));
            assertEquals("2.0-repacked", index.path("manifests").get(0).path("annotations")
                    .path("org.opencontainers.image.ref.name").asText());
            Image amd = OciLayout.at(layout).image(null, Platform.parse("linux/amd64"));
            assertTrue(TestImages.tree(amd.filesystem()).containsKey("var/cache/new"));
            JsonNode layoutReport = Json.read(out.resolve("builds/app-default/repack.json"));
            assertEquals("oci-layout", layoutReport.path("output").asText());
            assertEquals(java.util.List.of(),
                    dev.factory.io.Schemas.problems(dev.factory.io.Schemas.REPACK, layoutReport));
        }
    }

    @Test
    void missingSourceImageFailsBeforeAnyPush() throws IOException {
        try (FakeRegistry registry = FakeRegistry.open()) {
            bakeFiles(registry.host() + "/app", "3.0", true, Map.of("linux/amd64", "sha256:" + "1".repeat(64),
                    "linux/arm64", "sha256:" + "2".repeat(64)));
            BadInputException e = assertThrows(BadInputException.class,
                    () -> new RepackService()
                            .run(request(RepackRequest.Engine.BUILTIN, RepackRequest.Output.REGISTRY)));
            assertTrue(e.getMessage().contains("was not found in the registry"), e.getMessage());
            assertTrue(registry.log.stream().noneMatch(l -> l.startsWith("PUT") || l.startsWith("POST")));
            assertFalse(Files.exists(out.resolve("builds/app-default/repack.json")));
        }
    }

    @Test
    void unreachableRegistryIsAnEnvironmentError() throws IOException {
        int port;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0)) {
            port = s.getLocalPort();
        }
        bakeFiles("127.0.0.1:" + port + "/app", "1.0", true, Map.of("linux/amd64", "sha256:" + "1".repeat(64),
                "linux/arm64", "sha256:" + "2".repeat(64)));
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new RepackService().run(request(RepackRequest.Engine.BUILTIN, RepackRequest.Output.REGISTRY)));
        assertTrue(e.getMessage().contains("cannot be reached"), e.getMessage());
    }

    @Test
    void dockerRepackRequestedButAbsent() throws IOException {
        boolean installed = java.util.Arrays
                .stream(System.getenv().getOrDefault("PATH", "").split(java.io.File.pathSeparator))
                .anyMatch(dir -> Files.isExecutable(Path.of(dir, DockerRepack.BINARY)));
        org.junit.jupiter.api.Assumptions.assumeFalse(installed, "docker-repack is installed here");
        bakeFiles("localhost:1/app", "1.0", true, Map.of());
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new RepackService()
                        .run(request(RepackRequest.Engine.DOCKER_REPACK, RepackRequest.Output.REGISTRY)));
        assertTrue(e.getMessage().contains("docker-repack is not on the PATH"), e.getMessage());
    }

    @Test
    void notBakedIsExplained() throws IOException {
        StitchedBuild build = new StitchedBuild("b", "m", "f", null, null, Map.of(), "base", "img", List.of("1"),
                PLATFORMS,
                null, "default", List.of(), "d", Map.of(), Map.of(), "fp");
        Files.write(out.resolve(BuildsFile.NAME), BuildsFile.bytes(List.of(build)));
        BadInputException e = assertThrows(BadInputException.class,
                () -> new RepackService().run(request(RepackRequest.Engine.BUILTIN, RepackRequest.Output.REGISTRY)));
        assertTrue(e.getMessage().contains("factory:bake"), e.getMessage());
        assertThrows(BadInputException.class, () -> RepackRequest.Engine.parse("fast"));
        assertThrows(BadInputException.class, () -> RepackRequest.Output.parse("tarball"));
    }
}
