package dev.factory.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import dev.factory.io.Schemas;
import dev.factory.smoke.SmokeSummary;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class RecorderTest {
    @TempDir
    Path dir;

    private static final String AMD = "linux/amd64";
    private static final String ARM = "linux/arm64";

    private CompatibilityRecord only(List<RecordFiles.Written> written, String build, String platform) {
        return written.stream().map(RecordFiles.Written::record)
                .filter(r -> r.build().equals(build) && r.image().platform().equals(platform))
                .findFirst().orElseThrow(() -> new AssertionError("no record of " + build + " " + platform));
    }

    /** Records f's project into dir/records, pushing nothing. */
    private List<RecordFiles.Written> record(Fixtures f) {
        return new Recorder().record(f.request(dir.resolve("records"), PushMode.NEVER, null));
    }

    @Test
    void passFailAndErrorRecordsAgreeWithTheFilesTheyComeFrom() throws IOException {
        Fixtures f = new Fixtures(dir);
        StitchedBuild ok = f.builtApp17();
        f.smoke(ok, Fixtures.tested(AMD, Fixtures.digest('a'), 12, 0, 0, null),
                Fixtures.tested(ARM, Fixtures.digest('b'), 12, 1, 2, null));
        f.sbom(ok, "sbom-linux-amd64.cdx.json", Fixtures.digest('a'), 7);
        f.failedApp21();
        f.app("25", AMD); // never baked

        Path records = dir.resolve("records");
        List<RecordFiles.Written> written = new Recorder().record(f.request(records, PushMode.NEVER, null));
        assertEquals(4, written.size());
        assertEquals(written, f.attached);

        CompatibilityRecord pass = only(written, "app-17", AMD);
        assertEquals(CompatibilityRecord.PASS, pass.status());
        assertEquals("app", pass.manifestId());
        assertEquals("sha256:" + Fixtures.MANIFEST_HEX, pass.manifestDigest());
        assertEquals("jres", pass.plan());
        assertEquals(Map.of("core.version", "17"), pass.variant());
        assertEquals(Fixtures.digest('a'), pass.image().digest());
        assertEquals(new CompatibilityRecord.Tests(12, 0, 0), pass.tests());
        assertEquals("target/factory/builds/app-17/evidence.log", pass.evidence().path());
        assertEquals(7, pass.sbom().componentCount());
        assertEquals("target/factory/builds/app-17/sbom-linux-amd64.cdx.json", pass.sbom().path());
        assertEquals("builtin", pass.sbom().generator());
        assertEquals(2, pass.fragments().size());
        assertEquals(new CompatibilityRecord.Tools("26.1.5", "0.13.1", "0.1.0-TEST"), pass.tools());
        assertEquals("20261125-101500-abcdef", pass.run());
        assertEquals(Fixtures.NOW, pass.created());
        assertNull(pass.ci());

        CompatibilityRecord fail = only(written, "app-17", ARM);
        assertEquals(CompatibilityRecord.FAIL, fail.status());
        assertEquals(3, fail.tests().failed(), "failed + errors");
        assertNull(fail.sbom(), "no SBOM file for arm64");

        CompatibilityRecord buildFailed = only(written, "app-21", AMD);
        assertEquals(CompatibilityRecord.ERROR, buildFailed.status());
        assertNull(buildFailed.image().digest());
        assertTrue(buildFailed.notes().get(0).contains("exit code 100"), buildFailed.notes().toString());

        CompatibilityRecord notBaked = only(written, "app-25", AMD);
        assertEquals(CompatibilityRecord.ERROR, notBaked.status());
        assertTrue(notBaked.notes().get(0).contains("image.json does not exist"), notBaked.notes().toString());

        // the files: where the docs say, valid, and exactly the records returned
        for (RecordFiles.Written w : written) {
            String name = w.file().getFileName().toString();
            assertTrue(name.matches("app-\\d\\d--linux-(amd|arm)64--20261125T101530Z--[0-9a-f]{6}\\.json"), name);
            assertEquals(records.resolve("app"), w.file().getParent());
            JsonNode json = Json.read(w.file());
            assertEquals(List.of(), Schemas.problems(Schemas.RECORD, json));
            assertEquals(w.record(), Json.bind(json, CompatibilityRecord.class));
            assertEquals(w.record().build() + "-" + w.record().image().platform().replace('/', '-') + "-record",
                    w.classifier());
        }
    }

    @Test
    void aBuiltPlatformThatWasNotTestedGetsNoRecordAndAWarning() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.builtSolo();
        assertEquals(List.of(), record(f));
        assertTrue(f.warnings.stream().anyMatch(w -> w.contains("solo (linux/amd64): it was not tested")),
                f.warnings.toString());
        assertFalse(Files.exists(dir.resolve("records")), "nothing to write, no folder made");
    }

    @Test
    void testsOfAnotherImageAreNotRecordedAsThisOnes() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.smoke(f.builtSolo(), Fixtures.tested(AMD, Fixtures.digest('c'), 3, 0, 0, null));
        assertEquals(List.of(), record(f));
        assertTrue(f.warnings.get(0).contains("the tests ran on image " + Fixtures.digest('c')), f.warnings.toString());
    }

    @Test
    void testsFromWhenTheImageWasNotBuiltAreNotRecordedAsTheNewImagesOnes() throws IOException {
        // an earlier run: the bake failed, factory:test found no image; now the image built, and nobody tested it
        Fixtures f = new Fixtures(dir);
        f.smoke(f.builtSolo(),
                Fixtures.tested(AMD, null, 1, 0, 1,
                        "Build solo has no image for linux/amd64 (its bake failed: exit 4)"));
        assertEquals(List.of(), record(f));
        assertEquals(
                List.of("No record for 1 build platform(s): solo (linux/amd64): the tests ran on no image (it was not "
                        + "built then) but image.json now has " + Fixtures.digest('a') + "; run factory:test again"),
                f.warnings);
        assertFalse(Files.exists(dir.resolve("records")));

        // pushed since: still not the image tested, and no registry is asked (port 9 refuses)
        Fixtures g = new Fixtures(dir.resolve("pushed"));
        StitchedBuild p = g.build("solo", "solo", null, Map.of(), "127.0.0.1:9/team/solo", List.of(AMD));
        g.image(p, true, Fixtures.built(AMD, Fixtures.digest('a')));
        g.smoke(p, Fixtures.tested(AMD, null, 1, 0, 1, "Build solo has no image for linux/amd64"));
        assertEquals(List.of(), new Recorder().record(g.request(dir.resolve("pushed/records"), PushMode.AUTO, null)));
        assertEquals(
                List.of("No record for 1 build platform(s): solo (linux/amd64): the tests ran on no image (it was not "
                        + "built then) but image.json now has " + Fixtures.digest('a') + "; run factory:test again"),
                g.warnings);
    }

    @Test
    void anSbomOfAnotherImageIsLeftOutWithANote() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.sbom(f.testedSolo(), "sbom.cdx.json", Fixtures.digest('d'), 3);
        CompatibilityRecord r = record(f).get(0).record();
        assertNull(r.sbom());
        assertTrue(r.notes().get(0).contains("describes image " + Fixtures.digest('d')), r.notes().toString());
    }

    @Test
    void anImageThatCouldNotBeTestedIsAnError() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.smoke(f.builtSolo(), Fixtures.tested(AMD, Fixtures.digest('a'), 0, 0, 1,
                "the image ref-linux/amd64 is neither in the local engine nor pullable"));
        CompatibilityRecord r = record(f).get(0).record();
        assertEquals(CompatibilityRecord.ERROR, r.status());
        assertTrue(r.notes().get(0).startsWith("Not tested: the image"), r.notes().toString());
        assertNotNull(r.evidence());
    }

    @Test
    void platformFilterAndGitHubActionsVariables() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.env = Map.of("GITHUB_ACTIONS", "true", "GITHUB_RUN_ID", "4242", "GITHUB_RUN_ATTEMPT", "2",
                "GITHUB_SERVER_URL", "https://github.com", "GITHUB_REPOSITORY", "acme/service");
        StitchedBuild b = f.solo(AMD, ARM);
        f.image(b, false, Fixtures.built(AMD, Fixtures.digest('a')), Fixtures.built(ARM, Fixtures.digest('b')));
        f.smoke(b, Fixtures.tested(ARM, Fixtures.digest('b'), 3, 0, 0, null));
        List<RecordFiles.Written> written = new Recorder()
                .record(f.request(dir.resolve("records"), PushMode.NEVER, ARM));
        assertEquals(1, written.size());
        CompatibilityRecord r = written.get(0).record();
        assertEquals(ARM, r.image().platform());
        assertEquals(new CompatibilityRecord.Ci("github-actions", "4242",
                "https://github.com/acme/service/actions/runs/4242/attempts/2"), r.ci());
        assertTrue(f.warnings.isEmpty(), f.warnings.toString());
    }

    @Test
    void everyRunAddsNewFilesAndNeverOverwrites() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.testedSolo();
        Path records = dir.resolve("records");
        Recorder recorder = new Recorder();
        for (int i = 0; i < 3; i++) {
            recorder.record(f.request(records, PushMode.NEVER, null));
        }
        try (Stream<Path> s = Files.list(records.resolve("solo"))) {
            assertEquals(3, s.count());
        }
    }

    @Test
    void anUnwritableRecordsFolderIsBadInputAndLeavesNothing() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.testedSolo();
        Path blocker = dir.resolve("not-a-folder");
        Files.writeString(blocker, "a file where the records folder should be");
        Path records = blocker.resolve("records");
        BadInputException e = assertThrows(BadInputException.class,
                () -> new Recorder().record(f.request(records, PushMode.NEVER, null)));
        assertTrue(e.getMessage().startsWith("The records folder " + records + " is not writable"), e.getMessage());
        assertTrue(e.getMessage().contains("factory.records.directory"), e.getMessage());
        assertTrue(f.attached.isEmpty());
        try (Stream<Path> s = Files.walk(dir)) {
            assertEquals(List.of(), s.filter(p -> p.getFileName().toString().endsWith(".tmp")).toList());
        }
    }

    @Test
    void whenOneRecordCannotBeWrittenTheOthersOfTheRunAreRemoved() throws IOException {
        Fixtures f = new Fixtures(dir);
        for (String m : List.of("alpha", "beta")) {
            StitchedBuild b = f.build(m, m, null, Map.of(), "localhost:5000/team/" + m, List.of(AMD));
            f.image(b, false, Fixtures.built(AMD, Fixtures.digest('a')));
            f.smoke(b, Fixtures.tested(AMD, Fixtures.digest('a'), 3, 0, 0, null));
        }
        Path records = dir.resolve("records");
        Files.createDirectories(records);
        Files.writeString(records.resolve("beta"), "in the way of beta's folder");
        assertThrows(BadInputException.class, () -> new Recorder().record(f.request(records, PushMode.NEVER, null)));
        try (Stream<Path> s = Files.walk(records)) {
            assertEquals(List.of(records, records.resolve("beta")),
                    s.sorted(Comparator.naturalOrder()).toList(),
                    "alpha's record and the folder made for it were taken back");
        }
    }

    @Test
    void aMissingStitchJsonSaysToStitch() throws IOException {
        Fixtures f = new Fixtures(dir);
        StitchedBuild b = f.solo(AMD);
        Files.delete(f.buildDir(b.build()).resolve("stitch.json"));
        BadInputException e = assertThrows(BadInputException.class, () -> record(f));
        assertTrue(e.getMessage().contains("run factory:stitch again"), e.getMessage());
    }

    @Test
    void unknownPushModeAndSourceAreBadInput() {
        assertEquals(PushMode.AUTO, PushMode.parse("auto"));
        assertEquals(PushMode.ALWAYS, PushMode.parse("TRUE"));
        assertEquals(PushMode.NEVER, PushMode.parse("false"));
        assertTrue(assertThrows(BadInputException.class, () -> PushMode.parse("yes")).getMessage()
                .contains("factory.record.push is 'yes'"));
        assertEquals(RecordSource.REGISTRY, RecordSource.parse("registry"));
        assertThrows(BadInputException.class, () -> RecordSource.parse("s3"));
    }

    @Test
    void dockerMissingLeavesTheVersionsUnknown() throws IOException {
        Fixtures f = new Fixtures(dir);
        f.image(f.solo(AMD), false, Fixtures.failed(AMD, "boom"));
        RecordRequest base = f.request(dir.resolve("records"), PushMode.NEVER, null);
        RecordRequest noDocker = new RecordRequest(base.projectDir(), base.outputDir(), base.recordsDir(), null, null,
                PushMode.NEVER, "0.1.0", () -> {
                    throw new EnvironmentException("Docker is not installed.");
                }, base.source(), Map.of(), base.clock(), base.registries(), base.info(), base.warn(), base.written());
        CompatibilityRecord r = new Recorder().record(noDocker).get(0).record();
        assertNull(r.tools().docker());
        assertEquals("0.1.0", r.tools().factory());
    }

    @Test
    void smokeSummaryIsReadWithItsOwnReader() throws IOException {
        // guards the fixture: what Fixtures writes is what factory:test writes
        Fixtures f = new Fixtures(dir);
        f.smoke(f.solo(AMD), Fixtures.tested(AMD, Fixtures.digest('a'), 3, 1, 0, null));
        SmokeSummary s = SmokeSummary.read(f.buildDir("solo"), "solo");
        assertEquals(1, s.platforms().get(0).failed());
    }

    @Test
    void recordsCarryTheBaseAndKeyAndAReusedImageIsNotRecordedAgain() throws IOException {
        Fixtures f = new Fixtures(dir);
        StitchedBuild plain = f.app("17", AMD, ARM);
        StitchedBuild b = plain.withBaseDigests(Fixtures.digest('9'),
                Map.of(AMD, Fixtures.digest('7'), ARM, Fixtures.digest('8')));
        dev.factory.io.AtomicFiles.write(f.output.resolve(dev.factory.stitch.BuildsFile.NAME),
                dev.factory.stitch.BuildsFile.bytes(List.of(b)));
        String amdKey = "sha256:" + "1".repeat(64);
        String armKey = "sha256:" + "2".repeat(64);
        f.image(b, false,
                new dev.factory.bake.ImageJson.PlatformImage(AMD, "ref-" + AMD, Fixtures.digest('a'), "built", null,
                        null, amdKey,
                        new dev.factory.bake.ImageJson.Reused("records/app/app-17--linux-amd64--x.json",
                                "2026-11-24T08:00:00Z",
                                "20261124-080000-aaaaaa", false)),
                new dev.factory.bake.ImageJson.PlatformImage(ARM, "ref-" + ARM, Fixtures.digest('b'), "built", null,
                        null, armKey, null));
        f.smoke(b, Fixtures.tested(ARM, Fixtures.digest('b'), 3, 0, 0, null));
        List<RecordFiles.Written> written = new Recorder()
                .record(f.request(dir.resolve("records"), PushMode.NEVER, null));
        assertEquals(1, written.size(), "the arm64 image only: the amd64 one is vouched for by its passing record");
        CompatibilityRecord r = written.get(0).record();
        assertEquals(ARM, r.image().platform());
        assertEquals(new CompatibilityRecord.Base("debian:bookworm-slim", Fixtures.digest('8')), r.base());
        assertEquals(armKey, r.key());
        assertTrue(f.infos
                .contains("Not recorded again: 1 reused image(s), whose passing records still vouch for them: app-17 "
                        + "(linux/amd64): vouched by records/app/app-17--linux-amd64--x.json (pass, 2026-11-24T08:00:00Z, run "
                        + "20261124-080000-aaaaaa)"),
                f.infos.toString());
        assertTrue(f.warnings.isEmpty(), f.warnings.toString());
    }
}
