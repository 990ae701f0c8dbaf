package dev.factory.stitch;

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
        Path p = tmp.resolve(name);
        write(p, "src/main/factory/manifests/app.yaml", "id: app\nbase: busybox:1.35\nplatforms: [linux/amd64, linux/arm64]\n"
                + "fragments:\n  core: hello\n  light:\n    fragment: healthcheck\n    params: {tool: wget}\n");
        write(p, "src/main/factory/plans/greet.yaml", "manifest: app\naxes:\n  core.greeting: [hi, salut]\n  light: [healthcheck, note]\n");
        write(p, "src/main/factory/fragments/core/hello/fragment.yaml", "name: hello\nslot: core\nversion: 1.0.0\ndescription: says hi\n"
                + "parameters:\n  greeting: {description: the word, default: hi}\n");
        write(p, "src/main/factory/fragments/core/hello/Dockerfile.vm", "RUN echo ${params.greeting} > /greeting\n");
        write(p, "src/main/factory/fragments/light/note/fragment.yaml", "name: note\nslot: light\nversion: 2.0.0\ndescription: a note\n");
        write(p, "src/main/factory/fragments/light/note/Dockerfile.vm", "LABEL note=yes\n");
        return p;
    }

    private static void write(Path root, String rel, String text) throws IOException {
        Path f = root.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
    }

    private StitchResult stitch(Path project) {
        return stitch(project, null);
    }

    private StitchResult stitch(Path project, String build) {
        return new Stitcher().stitch(new StitchRequest(project, project.resolve("src/main/factory"),
                project.resolve("src/main/factory/manifests"), project.resolve("src/main/factory/plans"),
                project.resolve("target/factory"), null, build, "localhost:5000/lab",
                Map.of("version", "1.0", "properties", Map.of()), getClass().getClassLoader(), log::add));
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
        assertEquals("factory.build=app-salut-notes: no variant has that build id (did you mean 'app-salut-note'?). The "
                + "build ids are: app-hi-healthcheck, app-hi-note, app-salut-healthcheck, app-salut-note (factory:matrix "
                + "lists them with their platforms).", e.getMessage());
    }

    @Test
    void sameInputsGiveByteIdenticalOutputs() throws IOException {
        Path a = project("a");
        Path b = project("b");
        stitch(a);
        stitch(b);
        Map<String, byte[]> fa = files(a.resolve("target/factory"));
        Map<String, byte[]> fb = files(b.resolve("target/factory"));
        assertEquals(fa.keySet(), fb.keySet());
        fa.forEach((k, v) -> assertArrayEquals(v, fb.get(k), k));
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
        Map<String, byte[]> after = files(p.resolve("target/factory"));
        assertEquals(before.keySet(), after.keySet());
        before.forEach((k, v) -> assertArrayEquals(v, after.get(k), k));
    }

    @Test
    void aMissingBaseVersionIsRefusedAtStitchTime() throws IOException {
        Path p = project("a");
        write(p, "src/main/factory/manifests/app.yaml", "id: app\nbase: debian:bookworm-slim\nfragments:\n  core:\n"
                + "    fragment: jre\n    params: {version: \"21\"}\n");
        Files.delete(p.resolve("src/main/factory/plans/greet.yaml"));
        BadInputException e = assertThrows(BadInputException.class, () -> stitch(p));
        assertTrue(e.getMessage().startsWith("src/main/factory/manifests/app.yaml:6:23: fragments.core.params.version: fragment core/jre "
                + "cannot use version=21 on base debian:bookworm-slim (build app): Debian 12 (bookworm) ships openjdk-17 only."), e.getMessage());
    }

    @Test
    void aParameterValueWithALineBreakIsRefusedAndNothingIsWritten() throws IOException {
        Path p = project("hostile");
        write(p, "src/main/factory/manifests/app.yaml", "id: app\nbase: busybox:1.35\nfragments:\n  core:\n    fragment: hello\n"
                + "    params: {greeting: \"hi\\nRUN touch /x\"}\n");
        Files.delete(p.resolve("src/main/factory/plans/greet.yaml"));
        BadInputException e = assertThrows(BadInputException.class, () -> stitch(p));
        assertEquals("src/main/factory/manifests/app.yaml:6:24: fragments.core.params.greeting: the value of parameter 'greeting' "
                + "of fragment core/hello holds a line feed (LF, U+000A) as character 3; the fragment places it on a line of the "
                + "Dockerfile, where a line break would end that line and start a new instruction. Write the value on one line "
                + "without control characters (TAB is allowed). A value that must span lines needs the parameter declared "
                + "'multiline: true' in the fragment's fragment.yaml, and the fragment placing it with $heredoc (see "
                + "docs/fragments.md).", e.getMessage());
        assertFalse(Files.exists(p.resolve("target/factory")));
    }

    @Test
    void aMultilineParameterIsPlacedWithAHeredoc() throws IOException {
        Path p = project("motd");
        Files.delete(p.resolve("src/main/factory/plans/greet.yaml"));
        write(p, "src/main/factory/manifests/app.yaml", "id: app\nbase: busybox:1.35\nfragments:\n  core:\n    fragment: motd\n"
                + "    params:\n      text: |\n        Welcome.\n        RUN touch /x\n");
        write(p, "src/main/factory/fragments/core/motd/fragment.yaml", "name: motd\nslot: core\nversion: 1.0.0\ndescription: a motd\n"
                + "parameters:\n  text: {description: the text, multiline: true}\n");
        write(p, "src/main/factory/fragments/core/motd/Dockerfile.vm", "$heredoc.copy($params.text, \"/etc/motd\")\n");
        stitch(p);
        String dockerfile = Files.readString(p.resolve("target/factory/builds/app/Dockerfile"));
        assertTrue(dockerfile.contains("\nCOPY <<'FACTORY_EOF' /etc/motd\nWelcome.\nRUN touch /x\nFACTORY_EOF\n"), dockerfile);

        write(p, "src/main/factory/fragments/core/motd/Dockerfile.vm", "RUN echo $sh.quote($params.text) > /etc/motd\n");
        BadInputException raw = assertThrows(BadInputException.class, () -> stitch(p));
        assertTrue(raw.getMessage().startsWith("src/main/factory/fragments/core/motd/Dockerfile.vm:1:10: $sh.quote($params.text) "
                + "inserts a value that holds a line feed (LF, U+000A) as character 10"), raw.getMessage());
    }

    @Test
    void aParameterPatternLetsOnlyItsFormThrough() throws IOException {
        Path p = project("pattern");
        Files.delete(p.resolve("src/main/factory/plans/greet.yaml"));
        write(p, "src/main/factory/manifests/app.yaml", "id: app\nbase: busybox:1.35\nfragments:\n  light:\n    fragment: healthcheck\n"
                + "    params: {interval: \"1s CMD touch /x\"}\n");
        BadInputException e = assertThrows(BadInputException.class, () -> stitch(p));
        assertTrue(e.getMessage().startsWith("src/main/factory/manifests/app.yaml:6:24: fragments.light.params.interval: parameter "
                + "'interval' of fragment light/healthcheck is '1s CMD touch /x', which does not have the form the fragment "
                + "accepts (([0-9]+(ns|us|ms|s|m|h))+)."), e.getMessage());
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
        assertTrue(e.getMessage().startsWith("src/main/factory/plans/greet.yaml:2:1: axes: plan 'greet' expands to 1000000000000 "
                + "variants (10 core.greeting × 10 core.greetingx1 × "), e.getMessage());
        assertTrue(e.getMessage().endsWith("), more than the 1000 variants Factory builds per project (factory.maxVariants). Each "
                + "variant is a Dockerfile, an image per platform, its tests and a record: narrow the axes or drop combinations "
                + "with 'exclude'; if you mean to build that many, raise the limit with -Dfactory.maxVariants."), e.getMessage());
    }

    private StitchResult stitchResolved(Path project, String mirror, boolean pin) {
        return new Stitcher().stitch(new StitchRequest(project, project.resolve("src/main/factory"),
                project.resolve("src/main/factory/manifests"), project.resolve("src/main/factory/plans"),
                project.resolve("target/factory"), null, null, mirror, Map.of("version", "1.0", "properties", Map.of()),
                getClass().getClassLoader(), log::add, dev.factory.manifest.InputLimits.DEFAULTS,
                new BaseDigests(() -> new dev.factory.oci.Registries(dev.factory.oci.Credentials.Provider.NONE, java.util.Set.of(), 0),
                        null, java.time.Duration.ofSeconds(10)), pin, log::add));
    }

    @Test
    void theBaseDigestsPerPlatformGoIntoStitchJsonAndBuildsJson() throws IOException {
        try (dev.factory.oci.FakeRegistry registry = dev.factory.oci.FakeRegistry.open()) {
            String[] d = BaseDigestsTest.multiPlatform(registry, "lab/busybox", "1.35");
            Path p = project("digests");
            StitchResult r = stitchResolved(p, registry.host() + "/lab", false);
            StitchedBuild b = r.builds().get(0);
            assertEquals(d[0], b.baseDigest());
            assertEquals(Map.of("linux/amd64", d[1], "linux/arm64", d[2]), b.baseDigests());
            JsonNode base = Json.read(p.resolve("target/factory/builds/" + b.build() + "/stitch.json")).path("base");
            assertEquals(d[0], base.path("digest").asText());
            assertEquals(d[2], base.path("platforms").path("linux/arm64").asText());
            assertFalse(base.path("pinned").asBoolean());
            assertEquals(b, BuildsFile.read(p.resolve("target/factory")).get(0), "builds.json carries them to the later goals");
            assertTrue(log.stream().anyMatch(l -> l.equals("Base " + registry.host() + "/lab/busybox:1.35 is " + d[0]
                    + " (linux/amd64 " + d[1] + ", linux/arm64 " + d[2] + ")")), log.toString());
            String dockerfile = Files.readString(p.resolve("target/factory/builds/" + b.build() + "/Dockerfile"));
            assertTrue(dockerfile.contains("FROM " + registry.host() + "/lab/busybox:1.35\n"), "not pinned unless asked: " + dockerfile);
        }
    }

    @Test
    void pinningWritesTheIndexDigestIntoFrom() throws IOException {
        try (dev.factory.oci.FakeRegistry registry = dev.factory.oci.FakeRegistry.open()) {
            String[] d = BaseDigestsTest.multiPlatform(registry, "lab/busybox", "1.35");
            Path p = project("pinned");
            StitchResult r = stitchResolved(p, registry.host() + "/lab", true);
            String dockerfile = Files.readString(p.resolve("target/factory/builds/" + r.builds().get(0).build() + "/Dockerfile"));
            assertTrue(dockerfile.contains("FROM " + registry.host() + "/lab/busybox:1.35@" + d[0] + "\n"), dockerfile);
            assertEquals(registry.host() + "/lab/busybox:1.35", r.builds().get(0).base(), "builds.json keeps the reference");
            assertTrue(Json.read(p.resolve("target/factory/builds/" + r.builds().get(0).build() + "/stitch.json")).path("base")
                    .path("pinned").asBoolean());
        }
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
        assertTrue(said.get(0).endsWith("Going on without them: the variants on these bases have no key, so no earlier record "
                + "vouches for them (they are built and tested again), and whether these bases moved cannot be said."), said.get(0));
        assertTrue(log.contains("factory.base.pin: cannot pin 127.0.0.1:" + closed + "/lab/busybox:1.35 (no digest); their "
                + "Dockerfiles name the tag."), log.toString());
        String dockerfile = Files.readString(p.resolve("target/factory/builds/" + r.builds().get(0).build() + "/Dockerfile"));
        assertTrue(dockerfile.contains("FROM 127.0.0.1:" + closed + "/lab/busybox:1.35\n"), dockerfile);
    }
}
