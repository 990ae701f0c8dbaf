package dev.factory.sbom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.FactoryException;
import dev.factory.bake.ImageJson;
import dev.factory.io.Hashing;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SbomWriterTest {
    static final Instant TIME = Instant.parse("2026-11-25T00:00:00Z");

    @TempDir
    Path out;

    final List<String> info = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();

    static StitchedBuild build(String id, List<String> platforms) {
        return new StitchedBuild(id, id, "src/main/factory/manifests/" + id + ".yaml", null, null, Map.of(),
                "localhost:5000/lab/debian:bookworm-slim", "localhost:5000/factory/" + id, List.of("1.0"), platforms,
                null,
                "layered", List.of(), "builds/" + id + "/Dockerfile", Map.of(), Map.of(), "f".repeat(64));
    }

    static ImageJson.PlatformImage built(String id, String platform, char digit) {
        return new ImageJson.PlatformImage(platform,
                "localhost:5000/factory/" + id + ":1.0-" + SbomFiles.slug(platform),
                "sha256:" + String.valueOf(digit).repeat(64), "built", null);
    }

    void layout(List<StitchedBuild> builds, List<ImageJson> images) throws IOException {
        Files.createDirectories(out);
        Files.write(out.resolve(BuildsFile.NAME), BuildsFile.bytes(builds));
        for (ImageJson image : images) {
            Path dir = out.resolve("builds").resolve(image.build());
            Files.createDirectories(dir);
            image.write(dir);
        }
    }

    static ImageJson image(String id, List<ImageJson.PlatformImage> platforms) {
        return new ImageJson(id, id, "localhost:5000/factory/" + id, "1.0", "f".repeat(64), true, null, platforms);
    }

    SbomRequest request(SbomGenerator generator, ImageFilesystemSource source) {
        return new SbomRequest(out, generator, TIME, "0.1.0", null, source, info::add, warnings::add);
    }

    @Test
    void singlePlatformKeepsSbomCdxJsonAndSeveralGetOneFileEach() throws IOException {
        layout(List.of(build("api", List.of("linux/amd64")), build("multi", List.of("linux/amd64", "linux/arm64")),
                build("half", List.of("linux/amd64", "linux/arm/v7"))),
                List.of(image("api", List.of(built("api", "linux/amd64", '1'))),
                        image("multi", List.of(built("multi", "linux/amd64", '2'), built("multi", "linux/arm64", '3'))),
                        image("half", List.of(built("half", "linux/amd64", '4'),
                                new ImageJson.PlatformImage("linux/arm/v7", "x", null, "failed",
                                        "exit 1 in RUN apt-get")))));
        List<SbomResult> results = new SbomWriter()
                .write(request(SbomGenerator.BUILTIN, t -> BuiltinCatalogerTest.debian()));

        assertEquals(List.of(
                out.resolve("builds/api/sbom.cdx.json"),
                out.resolve("builds/multi/sbom-linux-amd64.cdx.json"),
                out.resolve("builds/multi/sbom-linux-arm64.cdx.json"),
                out.resolve("builds/half/sbom-linux-amd64.cdx.json")), results.stream().map(SbomResult::file).toList());
        assertFalse(Files.exists(out.resolve("builds/half/sbom-linux-arm-v7.cdx.json")));
        assertTrue(warnings.get(0).contains("half (linux/arm/v7)") && warnings.get(0).contains("exit 1 in RUN apt-get"),
                warnings.toString());

        SbomResult api = results.get(0);
        assertEquals("api-linux-amd64-sbom", api.classifier());
        assertEquals("builtin", api.generator());
        assertEquals(5, api.componentCount(), "os + 4 Debian packages");
        assertEquals(Hashing.sha256(Files.readAllBytes(api.file())), api.sha256());
        assertEquals("multi-linux-arm64-sbom", results.get(2).classifier());

        SbomResult described = SbomFiles.describe("api", "linux/amd64", api.file());
        assertEquals(api.sha256(), described.sha256());
        assertEquals(api.componentCount(), described.componentCount());
        assertEquals("builtin", described.generator());
        assertTrue(info.stream().anyMatch(l -> l.startsWith("SBOM api (linux/amd64): 5 components, builtin")),
                info.toString());
    }

    @Test
    void twoRunsWriteIdenticalFiles() throws IOException {
        layout(List.of(build("api", List.of("linux/amd64"))),
                List.of(image("api", List.of(built("api", "linux/amd64", '1')))));
        Path file = new SbomWriter().write(request(SbomGenerator.AUTO, t -> BuiltinCatalogerTest.debian().shuffled(1)))
                .get(0).file();
        byte[] first = Files.readAllBytes(file);
        new SbomWriter().write(request(SbomGenerator.BUILTIN, t -> BuiltinCatalogerTest.debian().shuffled(2)));
        assertArrayEquals(first, Files.readAllBytes(file));
    }

    @Test
    void oneFailingImageDoesNotStopTheOthers() throws IOException {
        layout(List.of(build("gone", List.of("linux/amd64")), build("ok", List.of("linux/amd64")),
                build("unbaked", List.of("linux/amd64"))),
                List.of(image("gone", List.of(built("gone", "linux/amd64", '1'))),
                        image("ok", List.of(built("ok", "linux/amd64", '2')))));
        ImageFilesystemSource source = t -> {
            if (t.build().equals("gone")) {
                throw new EnvironmentException(
                        "Image " + t.ref() + " was not found in the local engine; run factory:bake again.");
            }
            return BuiltinCatalogerTest.debian();
        };
        FactoryException e = assertThrows(FactoryException.class,
                () -> new SbomWriter().write(request(SbomGenerator.BUILTIN, source)));
        assertInstanceOf(EnvironmentException.class, e,
                "one broken environment makes the whole an environment failure");
        assertTrue(Files.exists(out.resolve("builds/ok/sbom.cdx.json")), "the good image still got its SBOM");
        assertTrue(e.getMessage().startsWith("factory:sbom failed for 2 of 3 images:"), e.getMessage());
        assertTrue(
                e.getMessage().contains(
                        "build gone (linux/amd64): Image localhost:5000/factory/gone:1.0-linux-amd64 was not found"),
                e.getMessage());
        assertTrue(e.getMessage().contains("build unbaked: Build unbaked has no image"), e.getMessage());
        assertEquals(1, e.getSuppressed().length);
    }

    @Test
    void onlyBadInputStaysBadInput() throws IOException {
        layout(List.of(build("unbaked", List.of("linux/amd64"))), List.of());
        BadInputException e = assertThrows(BadInputException.class,
                () -> new SbomWriter().write(request(SbomGenerator.BUILTIN, t -> new FakeImage())));
        assertTrue(e.getMessage().contains("Run factory:bake first"), e.getMessage());
    }

    @Test
    void brokenImageStreamIsAnEnvironmentFailure() throws IOException {
        layout(List.of(build("api", List.of("linux/amd64"))),
                List.of(image("api", List.of(built("api", "linux/amd64", '1')))));
        ImageFilesystemSource source = t -> visitor -> {
            throw new IOException("unexpected EOF in layer sha256:beef");
        };
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new SbomWriter().write(request(SbomGenerator.BUILTIN, source)));
        assertTrue(
                e.getMessage().contains(
                        "Reading the filesystem of localhost:5000/factory/api:1.0-linux-amd64 (linux/amd64) failed"),
                e.getMessage());
    }

    @Test
    void syftRequestedButMissingFailsBeforeAnyImageIsRead() throws IOException {
        layout(List.of(build("api", List.of("linux/amd64"))),
                List.of(image("api", List.of(built("api", "linux/amd64", '1')))));
        EnvironmentException e = assertThrows(EnvironmentException.class,
                () -> new SbomWriter().write(request(SbomGenerator.SYFT, t -> {
                    throw new AssertionError("no image may be opened");
                })));
        assertEquals("syft was requested (factory.sbom.generator=syft) but is not on the PATH; install it "
                + "(https://github.com/anchore/syft#installation) or use factory.sbom.generator=builtin/auto.",
                e.getMessage());
    }

    @Test
    void noBuildsFileSaysToStitchFirst() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> new SbomWriter().write(request(SbomGenerator.BUILTIN, t -> new FakeImage())));
        assertTrue(e.getMessage().contains("run factory:stitch first"), e.getMessage());
    }
}
