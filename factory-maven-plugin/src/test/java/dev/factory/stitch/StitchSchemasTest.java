package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import dev.factory.io.Schemas;
import dev.factory.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** builds.json and stitch.json as a real stitch writes them match the schemas shipped for them. */
class StitchSchemasTest {
    @TempDir
    Path tmp;

    /** A manifest with a plan over a parameter and a fragment, and one without a plan. */
    private Path project() throws IOException {
        Path p = StitchProjects.greet(tmp.resolve("p"));
        TestFiles.write(p, "src/main/factory/manifests/solo.yaml", "id: solo\nbase: busybox:1.35\n"
                + "platforms: [linux/amd64]\npool: big\nlabels: {team: core}\nfragments:\n  core: hello\n");
        return p;
    }

    private StitchResult stitch(Path p, String mirror, BaseDigests bases, boolean pin) {
        return StitchProjects.stitch(p, null, mirror, bases, pin, s -> {});
    }

    private static List<Path> stitchFiles(Path output) throws IOException {
        try (Stream<Path> s = Files.walk(output.resolve("builds"))) {
            return s.filter(f -> f.getFileName().toString().equals(StitchJson.FILE)).sorted().toList();
        }
    }

    private static void assertValid(Path output, int builds) throws IOException {
        JsonNode buildsJson = Json.read(output.resolve(BuildsFile.NAME));
        assertEquals(List.of(), Schemas.problems(Schemas.BUILDS, buildsJson));
        assertEquals(builds, buildsJson.path("builds").size());
        List<Path> stitched = stitchFiles(output);
        assertEquals(builds, stitched.size());
        for (Path f : stitched) {
            assertEquals(List.of(), Schemas.problems(Schemas.STITCH, Json.read(f)), f.toString());
        }
    }

    @Test
    void withBaseDigestsPinnedTheFilesMatchTheirSchemas() throws IOException {
        try (dev.factory.oci.FakeRegistry registry = dev.factory.oci.FakeRegistry.open()) {
            BaseDigestsTest.multiPlatform(registry, "lab/busybox", "1.35");
            Path p = project();
            stitch(p, registry.host() + "/lab", StitchProjects.registryBases(), true);
            Path output = p.resolve("target/factory");
            assertValid(output, 5);
            JsonNode base = Json.read(output.resolve("builds/app-hi-note/stitch.json")).path("base");
            assertTrue(base.path("pinned").asBoolean(), base.toString());
            assertEquals(2, base.path("platforms").size(), base.toString());
        }
    }

    @Test
    void withoutBaseDigestsTheFilesMatchTheirSchemas() throws IOException {
        Path p = project();
        stitch(p, "localhost:5000/lab", null, false);
        Path output = p.resolve("target/factory");
        assertValid(output, 5);
        JsonNode solo = Json.read(output.resolve("builds/solo/stitch.json"));
        assertTrue(solo.path("plan").isNull());
        assertTrue(solo.path("base").path("digest").isNull());
    }

    @Test
    void theSchemasRefuseWhatFactoryDoesNotWrite() throws IOException {
        Path p = project();
        stitch(p, "localhost:5000/lab", null, false);
        Path output = p.resolve("target/factory");
        ObjectNode builds = (ObjectNode) Json.read(output.resolve(BuildsFile.NAME));
        ((ObjectNode) builds.path("builds").path(0)).remove("fingerprint");
        ((ObjectNode) builds.path("builds").path(1)).put("extra", 1);
        List<String> problems = Schemas.problems(Schemas.BUILDS, builds);
        assertEquals(2, problems.size(), problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("/builds/0: ") && s.contains("fingerprint")),
                problems.toString());
        assertTrue(problems.stream().anyMatch(s -> s.startsWith("/builds/1: ") && s.contains("extra")),
                problems.toString());

        ObjectNode stitched = (ObjectNode) Json.read(output.resolve("builds/solo/stitch.json"));
        ((ObjectNode) stitched.path("base")).put("pinned", "no");
        stitched.put("schema", "factory.stitch/v2");
        List<String> wrong = new ArrayList<>(Schemas.problems(Schemas.STITCH, stitched));
        assertEquals(2, wrong.size(), wrong.toString());
        assertFalse(wrong.stream().noneMatch(s -> s.startsWith("/base/pinned: ")), wrong.toString());
    }

    @Test
    void aStitchFileReadsBackAsWritten() throws IOException {
        Path p = project();
        StitchResult r = stitch(p, "localhost:5000/lab", null, false);
        Path output = p.resolve("target/factory");
        StitchJson read = StitchJson.read(output.resolve("builds/app-salut-healthcheck/stitch.json"));
        assertEquals("app", read.manifest().id());
        assertEquals("greet", read.plan().id());
        assertEquals(Map.of("greeting", "salut"), read.fragments().get(0).params());
        assertEquals("wget", read.fragments().get(1).params().get("tool"), "the manifest's value over the default");
        assertEquals(
                r.builds().stream().filter(b -> b.build().equals("app-salut-healthcheck")).findFirst().orElseThrow()
                        .fingerprint(),
                read.fingerprint());
        assertEquals(r.builds(), BuildsFile.read(output));
    }
}
