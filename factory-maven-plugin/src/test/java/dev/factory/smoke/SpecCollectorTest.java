package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.stitch.Fragment;
import dev.factory.stitch.FragmentLibrary;
import dev.factory.stitch.StitchedBuild;
import dev.factory.testing.TestFiles;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A build's tests: its fragments' (rendered with its parameters), its manifest's and its plan's. */
class SpecCollectorTest {
    @TempDir
    Path project;

    private final FragmentLibrary library = FragmentLibrary.load(Path.of("no-project-fragments"), Path::toString,
            SpecCollectorTest.class.getClassLoader());

    @Test
    void everyStandardFragmentShipsTestsThatParseWithItsDefaults() throws IOException {
        List<Fragment> all = library.all();
        assertFalse(all.isEmpty(), "the standard library is on the test classpath");
        for (Fragment f : all) {
            assertNotNull(f.tests(), f.descriptor().slot().id() + "/" + f.name() + " ships no tests.yaml");
        }
        List<SmokeTest> tests = collect(build(all), null);
        for (Fragment f : all) {
            String source = "fragment " + f.descriptor().slot().id() + "/" + f.name();
            assertTrue(tests.stream().anyMatch(t -> t.origin().source().equals(source)),
                    source + " contributes no test");
        }
        List<String> names = tests.stream().map(SmokeTest::name).collect(Collectors.toList());
        assertTrue(names.contains("debian-baseline user app has uid 10001"), names.toString());
        assertTrue(names.contains("jre 17 runs"), names.toString());
        assertTrue(names.contains("healthcheck tool curl is installed"), names.toString());
        assertTrue(names.contains("manifest test"), names.toString());
    }

    @Test
    void fragmentTestsSeeTheBuildsParameterValues() throws IOException {
        List<Fragment> all = library.all();
        String stitchJson = "{\"fragments\": [{\"slot\": \"core\", \"params\": {\"version\": \"21\"}},"
                + " {\"slot\": \"light\", \"params\": {\"tool\": \"wget\", \"port\": \"8080\", \"path\": \"/health\","
                + " \"interval\": \"10s\", \"timeout\": \"3s\", \"retries\": \"3\"}},"
                + " {\"slot\": \"security\", \"params\": {\"user\": \"svc\", \"uid\": \"2000\"}}]}";
        List<SmokeTest> tests = collect(
                build(all.stream().filter(f -> !f.name().equals("debug-tools") && !f.name().equals("python"))
                        .collect(Collectors.toList())),
                stitchJson);
        List<String> names = tests.stream().map(SmokeTest::name).collect(Collectors.toList());
        assertTrue(names.contains("jre 21 runs"), names.toString());
        assertTrue(names.contains("debian-baseline user svc has uid 2000"), names.toString());
        assertFalse(names.contains("healthcheck tool curl is installed"), "with wget there is nothing to install");
        SmokeTest.Command jre = (SmokeTest.Command) tests.stream().filter(t -> t.name().equals("jre 21 runs"))
                .findFirst().orElseThrow();
        assertTrue(jre.expectedError().get(0).foundIn("openjdk version \"21.0.5\" 2024-10-15"));
        assertFalse(jre.expectedError().get(0).foundIn("openjdk version \"17.0.5\" 2024-10-15"));
        SmokeTest.FileExistence home = (SmokeTest.FileExistence) tests.stream()
                .filter(t -> t.name().equals("debian-baseline home of svc")).findFirst().orElseThrow();
        assertEquals(2000L, home.uid());
    }

    @Test
    void aFragmentThatIsGoneSaysToStitchAgain() throws IOException {
        StitchedBuild b = build(List.of());
        StitchedBuild gone = new StitchedBuild(b.build(), b.manifestId(), b.manifestFile(), null, null, Map.of(),
                b.base(), b.image(),
                b.tags(), b.platforms(), null, b.template(),
                List.of(new StitchedBuild.FragmentUse("core", "jre", "9.9.9", "project", "x")),
                b.dockerfile(), Map.of(), Map.of(), b.fingerprint());
        SpecCollector collector = new SpecCollector(project, project.resolve("target/factory"), library,
                new TestSpecParser(project, Duration.ofSeconds(60)));
        BadInputException e = assertThrows(BadInputException.class, () -> collector.collect(gone));
        assertTrue(e.getMessage().contains("core/jre 9.9.9"), e.getMessage());
        assertTrue(e.getMessage().contains("Run factory:stitch"), e.getMessage());
    }

    private List<SmokeTest> collect(StitchedBuild build, String stitchJson) throws IOException {
        if (stitchJson != null) {
            Path dir = project.resolve("target/factory/builds").resolve(build.build());
            Files.createDirectories(dir);
            Files.writeString(dir.resolve("stitch.json"), stitchJson);
        }
        return new SpecCollector(project, project.resolve("target/factory"), library,
                new TestSpecParser(project, Duration.ofSeconds(60))).collect(build);
    }

    private StitchedBuild build(List<Fragment> fragments) throws IOException {
        TestFiles.write(project, "src/main/factory/manifests/app.yaml", String.join("\n",
                "id: app",
                "base: debian:bookworm-slim",
                "fragments:",
                "  core: jre",
                "tests:",
                "  commandTests:",
                "    - name: manifest test",
                "      command: 'true'",
                ""));
        List<StitchedBuild.FragmentUse> uses = new ArrayList<>();
        for (Fragment f : fragments) {
            uses.add(new StitchedBuild.FragmentUse(f.descriptor().slot().id(), f.name(), f.version(), f.source(),
                    f.sha256()));
        }
        return new StitchedBuild("app", "app", "src/main/factory/manifests/app.yaml", null, null, Map.of(),
                "debian:bookworm-slim",
                "factory/app", List.of("latest"), List.of("linux/amd64"), null, "layered", uses,
                "target/factory/builds/app/Dockerfile",
                Map.of(), Map.of(), "sha256:x");
    }
}
