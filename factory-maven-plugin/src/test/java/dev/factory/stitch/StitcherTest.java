package dev.factory.stitch;

import static dev.factory.testing.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class StitcherTest {
    @TempDir
    Path tmp;

    private final List<String> log = new ArrayList<>();

    private Path project(String name) throws IOException {
        return StitchProjects.greet(tmp.resolve(name));
    }

    /** The project without its plan, its manifest app.yaml replaced by {@code manifest}. */
    private Path projectWithoutPlan(String name, String manifest) throws IOException {
        Path p = project(name);
        Files.delete(p.resolve("src/main/factory/plans/greet.yaml"));
        write(p, "src/main/factory/manifests/app.yaml", manifest);
        return p;
    }

    /** The message with which stitch refuses {@link #projectWithoutPlan}. */
    private String refusal(String name, String manifest) throws IOException {
        Path p = projectWithoutPlan(name, manifest);
        return assertThrows(BadInputException.class, () -> stitch(p)).getMessage();
    }

    private StitchResult stitch(Path project) {
        return stitch(project, null);
    }

    private StitchResult stitch(Path project, String build) {
        return StitchProjects.stitch(project, build, "localhost:5000/lab", null, false, log::add);
    }

    private static Map<String, byte[]> files(Path dir) throws IOException {
        Map<String, byte[]> out = new TreeMap<>();
        try (Stream<Path> s = Files.walk(dir)) {
            for (Path f : (Iterable<Path>) s.filter(Files::isRegularFile)::iterator) {
                out.put(dir.relativize(f).toString(), Files.readAllBytes(f));
            }
        }
        return out;
    }

    /** Asserts that the folders {@code a} and {@code b} hold the same files, byte for byte. */
    private static void assertSameFiles(Path a, Path b) throws IOException {
        assertSameFiles(files(a), b);
    }

    private static void assertSameFiles(Map<String, byte[]> expected, Path dir) throws IOException {
        Map<String, byte[]> actual = files(dir);
        assertEquals(expected.keySet(), actual.keySet());
        expected.forEach((k, v) -> assertArrayEquals(v, actual.get(k), k));
    }

    @Test
    void expandsThePlanAndRendersEachVariant() throws IOException {
        Path p = project("a");
        StitchResult r = stitch(p);
        assertEquals(4, r.builds().size());
        assertEquals(List.of("app-hi-healthcheck", "app-hi-note", "app-salut-healthcheck", "app-salut-note"),
                r.builds().stream().map(StitchedBuild::build).toList());
        String dockerfile = Files.readString(p.resolve("target/factory/builds/app-salut-note/Dockerfile"));
        assertTrue(dockerfile.contains("FROM localhost:5000/lab/busybox:1.35\n"), dockerfile);
        assertTrue(dockerfile.contains("RUN echo salut > /greeting\n"), dockerfile);
        assertTrue(dockerfile.contains("LABEL note=yes\n"), dockerfile);
        assertFalse(dockerfile.contains("HEALTHCHECK"), dockerfile);
        JsonNode builds = Json.read(p.resolve("target/factory/builds.json"));
        JsonNode first = builds.path("builds").get(0);
        assertEquals("app", first.path("manifest_id").asText());
        assertEquals("hi", first.path("variant").path("core.greeting").asText());
        assertEquals("[\"linux/amd64\",\"linux/arm64\"]", Json.compact(first.path("platforms")));
        assertEquals("hi-healthcheck", first.path("tags").get(0).asText());
    }

    @Test
    void factoryBuildStitchesOnlyThatVariantSoTheLaterGoalsSeeOnlyIt() throws IOException {
        Path p = project("a");
        StitchResult r = stitch(p, "app-salut-note");
        assertEquals(List.of("app-salut-note"), r.builds().stream().map(StitchedBuild::build).toList());
        JsonNode builds = Json.read(p.resolve("target/factory/builds.json"));
        assertEquals(1, builds.path("builds").size());
        assertFalse(Files.exists(p.resolve("target/factory/builds/app-hi-note")));

        BadInputException e = assertThrows(BadInputException.class, () -> stitch(p, "app-salut-notes"));
        assertEquals(
                "factory.build=app-salut-notes: no variant has that build id (did you mean 'app-salut-note'?). The "
                        + "build ids are: app-hi-healthcheck, app-hi-note, app-salut-healthcheck, app-salut-note (factory:matrix "
                        + "lists them with their platforms).",
                e.getMessage());
    }

    @Test
    void sameInputsGiveByteIdenticalOutputs() throws IOException {
        Path a = project("a");
        Path b = project("b");
        stitch(a);
        stitch(b);
        assertSameFiles(a.resolve("target/factory"), b.resolve("target/factory"));
    }

    @Test
    void unchangedInputsRewriteNothing() throws IOException {
        Path p = project("a");
        stitch(p);
        Path dockerfile = p.resolve("target/factory/builds/app-hi-note/Dockerfile");
        Files.setLastModifiedTime(dockerfile, java.nio.file.attribute.FileTime.fromMillis(1000));
        log.clear();
        StitchResult second = stitch(p);
        assertEquals(0, second.written());
        assertEquals(1000, Files.getLastModifiedTime(dockerfile).toMillis());
        assertTrue(log.get(log.size() - 1).startsWith("Nothing changed: 4 build(s) up to date"), log.toString());
    }

    @Test
    void changingOneFragmentChangesTheFingerprintOfExactlyItsBuilds() throws IOException {
        Path p = project("a");
        Map<String, String> before = fingerprints(stitch(p));
        write(p, "src/main/factory/fragments/light/note/Dockerfile.vm", "LABEL note=changed\n");
        StitchResult r = stitch(p);
        Map<String, String> after = fingerprints(r);
        assertEquals(2, r.written());
        for (String build : before.keySet()) {
            if (build.endsWith("-note")) {
                assertNotEquals(before.get(build), after.get(build), build);
            } else {
                assertEquals(before.get(build), after.get(build), build);
            }
        }
    }

    private static Map<String, String> fingerprints(StitchResult r) {
        Map<String, String> out = new TreeMap<>();
        r.builds().forEach(b -> out.put(b.build(), b.fingerprint()));
        return out;
    }

    @Test
    void aFailedStitchLeavesThePreviousOutputsIntact() throws IOException {
        Path p = project("a");
        stitch(p);
        Map<String, byte[]> before = files(p.resolve("target/factory"));
        // the last variant fails to render: nothing of this run may be written
        write(p, "src/main/factory/fragments/light/note/Dockerfile.vm", "LABEL note=${params.nope}\n");
        write(p, "src/main/factory/fragments/core/hello/Dockerfile.vm", "RUN echo changed ${params.greeting}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> stitch(p));
        assertTrue(e.getMessage().contains("fragments/light/note/Dockerfile.vm:1:"), e.getMessage());
        assertSameFiles(before, p.resolve("target/factory"));
    }

    @Test
    void aMissingBaseVersionIsRefusedAtStitchTime() throws IOException {
        String message = refusal("a", "id: app\nbase: debian:bookworm-slim\nfragments:\n  core:\n"
                + "    fragment: jre\n    params: {version: \"21\"}\n");
        assertTrue(
                message.startsWith("src/main/factory/manifests/app.yaml:6:23: fragments.core.params.version: fragment "
                        + "core/jre cannot use version=21 on base debian:bookworm-slim (build app): Debian 12 (bookworm) ships "
                        + "openjdk-17 only."),
                message);
    }

    @Test
    void aParameterValueWithALineBreakIsRefusedAndNothingIsWritten() throws IOException {
        String message = refusal("hostile", "id: app\nbase: busybox:1.35\nfragments:\n  core:\n    fragment: hello\n"
                + "    params: {greeting: \"hi\\nRUN touch /x\"}\n");
        assertEquals(
                "src/main/factory/manifests/app.yaml:6:24: fragments.core.params.greeting: the value of parameter 'greeting' "
                        + "of fragment core/hello holds a line feed (LF, U+000A) as character 3; the fragment places it on a line of the "
                        + "Dockerfile, where a line break would end that line and start a new instruction. Write the value on one line "
                        + "without control characters (TAB is allowed). A value that must span lines needs the parameter declared "
                        + "'multiline: true' in the fragment's fragment.yaml, and the fragment placing it with $heredoc (see "
                        + "docs/fragments.md).",
                message);
        assertFalse(Files.exists(tmp.resolve("hostile/target/factory")));
    }

    @Test
    void aMultilineParameterIsPlacedWithAHeredoc() throws IOException {
        Path p = projectWithoutPlan("motd", "id: app\nbase: busybox:1.35\nfragments:\n  core:\n    fragment: motd\n"
                + "    params:\n      text: |\n        Welcome.\n        RUN touch /x\n");
        write(p, "src/main/factory/fragments/core/motd/fragment.yaml",
                "name: motd\nslot: core\nversion: 1.0.0\ndescription: a motd\n"
                        + "parameters:\n  text: {description: the text, multiline: true}\n");
        write(p, "src/main/factory/fragments/core/motd/Dockerfile.vm", "$heredoc.copy($params.text, \"/etc/motd\")\n");
        stitch(p);
        String dockerfile = Files.readString(p.resolve("target/factory/builds/app/Dockerfile"));
        assertTrue(dockerfile.contains("\nCOPY <<'FACTORY_EOF' /etc/motd\nWelcome.\nRUN touch /x\nFACTORY_EOF\n"),
                dockerfile);

        write(p, "src/main/factory/fragments/core/motd/Dockerfile.vm",
                "RUN echo $sh.quote($params.text) > /etc/motd\n");
        BadInputException raw = assertThrows(BadInputException.class, () -> stitch(p));
        assertTrue(
                raw.getMessage()
                        .startsWith("src/main/factory/fragments/core/motd/Dockerfile.vm:1:10: $sh.quote($params.text) "
                                + "inserts a value that holds a line feed (LF, U+000A) as character 10"),
                raw.getMessage());
    }

    @Test
    void aParameterPatternLetsOnlyItsFormThrough() throws IOException {
        String message = refusal("pattern", "id: app\nbase: busybox:1.35\nfragments:\n  light:\n"
                + "    fragment: healthcheck\n    params: {interval: \"1s CMD touch /x\"}\n");
        assertTrue(message.startsWith("src/main/factory/manifests/app.yaml:6:24: fragments.light.params.interval: "
                + "parameter 'interval' of fragment light/healthcheck is '1s CMD touch /x', which does not have the form the "
                + "fragment accepts (([0-9]+(ns|us|ms|s|m|h))+)."), message);
    }

    @Test
    void aPlanOfATrillionVariantsFailsBeforeExpanding() throws IOException {
        Path p = project("huge");
        StringBuilder plan = new StringBuilder("manifest: app\naxes:\n");
        for (int a = 0; a < 12; a++) {
            plan.append("  core.greeting").append(a == 0 ? "" : "x" + a).append(": [0, 1, 2, 3, 4, 5, 6, 7, 8, 9]\n");
        }
        write(p, "src/main/factory/plans/greet.yaml", plan.toString());
        long start = System.nanoTime();
        BadInputException e = assertThrows(BadInputException.class, () -> stitch(p));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "counted, not expanded");
        assertTrue(e.getMessage()
                .startsWith("src/main/factory/plans/greet.yaml:2:1: axes: plan 'greet' expands to 1000000000000 "
                        + "variants (10 core.greeting × 10 core.greetingx1 × "),
                e.getMessage());
        assertTrue(e.getMessage()
                .endsWith("), more than the 1000 variants Factory builds per project (factory.maxVariants). Each "
                        + "variant is a Dockerfile, an image per platform, its tests and a record: narrow the axes or drop combinations "
                        + "with 'exclude'; if you mean to build that many, raise the limit with -Dfactory.maxVariants."),
                e.getMessage());
    }

    private StitchResult stitchResolved(Path project, String mirror, boolean pin) {
        return StitchProjects.stitch(project, null, mirror, StitchProjects.registryBases(), pin, log::add);
    }

    private static String dockerfile(Path project, StitchedBuild b) throws IOException {
        return Files.readString(project.resolve("target/factory/builds/" + b.build() + "/Dockerfile"));
    }

    private static JsonNode stitchJson(Path project, StitchedBuild b) throws IOException {
        return Json.read(project.resolve("target/factory/builds/" + b.build() + "/stitch.json"));
    }

    /** A project stitched against a registry: its host, the digests of lab/busybox:1.35 there, the first build. */
    private record Resolved(String registry, String[] digests, Path project, StitchedBuild build) {}

    /** Stitches the project {@code name} with lab/busybox:1.35 for linux/amd64 and linux/arm64 in a registry. */
    private Resolved stitchAgainstARegistry(String name, boolean pin) throws IOException {
        try (dev.factory.oci.FakeRegistry registry = dev.factory.oci.FakeRegistry.open()) {
            String[] d = BaseDigestsTest.multiPlatform(registry, "lab/busybox", "1.35");
            Path p = project(name);
            StitchedBuild b = stitchResolved(p, registry.host() + "/lab", pin).builds().get(0);
            return new Resolved(registry.host(), d, p, b);
        }
    }

    @Test
    void theBaseDigestsPerPlatformGoIntoStitchJsonAndBuildsJson() throws IOException {
        Resolved r = stitchAgainstARegistry("digests", false);
        String[] d = r.digests();
        StitchedBuild b = r.build();
        assertEquals(d[0], b.baseDigest());
        assertEquals(Map.of("linux/amd64", d[1], "linux/arm64", d[2]), b.baseDigests());
        JsonNode base = stitchJson(r.project(), b).path("base");
        assertEquals(d[0], base.path("digest").asText());
        assertEquals(d[2], base.path("platforms").path("linux/arm64").asText());
        assertFalse(base.path("pinned").asBoolean());
        assertEquals(b, BuildsFile.read(r.project().resolve("target/factory")).get(0),
                "builds.json carries them to the later goals");
        assertTrue(log.stream().anyMatch(l -> l.equals("Base " + r.registry() + "/lab/busybox:1.35 is " + d[0]
                + " (linux/amd64 " + d[1] + ", linux/arm64 " + d[2] + ")")), log.toString());
        String dockerfile = dockerfile(r.project(), b);
        assertTrue(dockerfile.contains("FROM " + r.registry() + "/lab/busybox:1.35\n"),
                "not pinned unless asked: " + dockerfile);
    }

    @Test
    void pinningWritesTheIndexDigestIntoFrom() throws IOException {
        Resolved r = stitchAgainstARegistry("pinned", true);
        String dockerfile = dockerfile(r.project(), r.build());
        assertTrue(dockerfile.contains("FROM " + r.registry() + "/lab/busybox:1.35@" + r.digests()[0] + "\n"),
                dockerfile);
        assertEquals(r.registry() + "/lab/busybox:1.35", r.build().base(), "builds.json keeps the reference");
        assertTrue(stitchJson(r.project(), r.build()).path("base").path("pinned").asBoolean());
    }

    @Test
    void anUnresolvedBaseIsSaidOnceAndStitchGoesOn() throws IOException {
        int closed;
        try (java.net.ServerSocket s = new java.net.ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
            closed = s.getLocalPort();
        }
        Path p = project("offline");
        StitchResult r = stitchResolved(p, "127.0.0.1:" + closed + "/lab", true);
        assertEquals(4, r.builds().size());
        assertTrue(r.builds().stream().allMatch(b -> b.baseDigest() == null && b.baseDigests().isEmpty()));
        List<String> said = log.stream().filter(l -> l.startsWith("Base digests unknown")).toList();
        assertEquals(1, said.size(), log.toString());
        assertTrue(said.get(0).startsWith("Base digests unknown for 1 of 1 base(s): 127.0.0.1:" + closed
                + "/lab/busybox:1.35 (registry 127.0.0.1:" + closed + ": "), said.get(0));
        assertTrue(said.get(0)
                .endsWith("Going on without them: the variants on these bases have no key, so no earlier record "
                        + "vouches for them (they are built and tested again), and whether these bases moved cannot be said."),
                said.get(0));
        assertTrue(log
                .contains("factory.base.pin: cannot pin 127.0.0.1:" + closed + "/lab/busybox:1.35 (no digest); their "
                        + "Dockerfiles name the tag."),
                log.toString());
        String dockerfile = dockerfile(p, r.builds().get(0));
        assertTrue(dockerfile.contains("FROM 127.0.0.1:" + closed + "/lab/busybox:1.35\n"), dockerfile);
    }
}
