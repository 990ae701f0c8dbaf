package dev.factory.reuse;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import dev.factory.bake.Rebuild;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.LoadedRecords;
import dev.factory.stitch.StitchedBuild;
import dev.factory.stitch.VariantKey;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Cells against records: which change, and why; which a passing record vouches for. */
class ChangesTest {
    static final String AMD = "linux/amd64";
    static final String BASE = "localhost:5000/lab/busybox:1.35";
    static final String MANIFEST = "sha256:" + "e".repeat(64);

    static String d(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    static StitchedBuild build(String id, String fingerprint, String greetingSha, String baseDigest) {
        return new StitchedBuild(id, "hello", "src/main/factory/manifests/hello.yaml", "greetings", null, Map.of(),
                BASE,
                "localhost:5000/it/hello", List.of(id), List.of(AMD), null, "layered",
                List.of(new StitchedBuild.FragmentUse("core", "greeting", "1.0.0", "project", greetingSha),
                        new StitchedBuild.FragmentUse("light", "stamp", "1.0.0", "project", "5".repeat(64))),
                "target/factory/builds/" + id + "/Dockerfile", Map.of(), Map.of(), fingerprint, baseDigest,
                baseDigest == null ? Map.of() : Map.of(AMD, baseDigest));
    }

    /** The record a passing (or failing) run of {@code b} left. */
    static LoadedRecords.Loaded record(StitchedBuild b, String status, String created, String imageDigest) {
        List<CompatibilityRecord.Fragment> fragments = new ArrayList<>();
        b.fragments().forEach(
                f -> fragments.add(new CompatibilityRecord.Fragment(f.slot(), f.name(), f.version(), f.sha256())));
        CompatibilityRecord r = new CompatibilityRecord("hello", MANIFEST, b.build(), "greetings", Map.of(),
                b.fingerprint(),
                fragments,
                new CompatibilityRecord.Image("localhost:5000/it/hello", b.build(), AMD, imageDigest, null, false),
                status,
                new CompatibilityRecord.Tests(2, status.equals("pass") ? 0 : 1, 0), null, null,
                new CompatibilityRecord.Tools(null, null, null), new CompatibilityRecord.Source(null, null), null,
                "run-" + created,
                Instant.parse(created), List.of(), new CompatibilityRecord.Base(BASE, b.baseDigests().get(AMD)),
                VariantKey.of(b, AMD, Map.of()));
        return new LoadedRecords.Loaded(r, "records/hello/" + b.build() + "-" + created + ".json", null);
    }

    static List<Changes.Cell> compare(List<StitchedBuild> builds, Rebuild rebuild, LoadedRecords.Loaded... records) {
        return Changes.compare(builds, new LoadedRecords(List.of(records), List.of()), Map.of(), rebuild,
                b -> MANIFEST);
    }

    @Test
    void aFragmentChangeTouchesExactlyTheCellsThatUseItWithTheSameReason() {
        StitchedBuild a = build("a", "sha256:fa", "1".repeat(64), d('b'));
        StitchedBuild b = build("b", "sha256:fb", "1".repeat(64), d('b'));
        LoadedRecords.Loaded ra = record(a, "pass", "2026-11-25T10:00:00Z", d('a'));
        LoadedRecords.Loaded rb = record(b, "pass", "2026-11-25T10:00:00Z", d('a'));
        StitchedBuild a2 = build("a", "sha256:fa2", "2".repeat(64), d('b'));
        List<Changes.Cell> cells = compare(List.of(a2, b), Rebuild.NONE, ra, rb);
        assertEquals(Changes.Verdict.CHANGED, cells.get(0).verdict());
        assertEquals(List.of("fragment core/greeting changed (sha256 111111111111 -> 222222222222)"),
                cells.get(0).reasons());
        assertEquals(Changes.Verdict.UNCHANGED, cells.get(1).verdict());
        assertEquals(rb, cells.get(1).ofKey(), "the record that vouches");
    }

    @Test
    void aBaseThatMovedIsListedWithItsCells() {
        StitchedBuild a = build("a", "sha256:fa", "1".repeat(64), d('b'));
        StitchedBuild moved = build("a", "sha256:fa", "1".repeat(64), d('c'));
        List<Changes.Cell> cells = compare(List.of(moved), Rebuild.NONE,
                record(a, "pass", "2026-11-25T10:00:00Z", d('a')));
        assertEquals(Changes.Verdict.CHANGED, cells.get(0).verdict());
        assertEquals(List.of("base " + BASE + " moved on linux/amd64 (sha256:bbbbbbbbbbbb -> sha256:cccccccccccc)"),
                cells.get(0).reasons());
        assertEquals(List.of(new Changes.MovedBase(BASE, AMD, d('b'), d('c'), List.of("a"))),
                Changes.movedBases(cells));
    }

    @Test
    void theNewestRecordOfAKeyDecidesAndAFailNeverVouches() {
        StitchedBuild a = build("a", "sha256:fa", "1".repeat(64), d('b'));
        List<Changes.Cell> cells = compare(List.of(a), Rebuild.NONE, record(a, "pass", "2026-11-25T10:00:00Z", d('a')),
                record(a, "fail", "2026-11-26T10:00:00Z", d('a')));
        assertEquals(Changes.Verdict.RETEST, cells.get(0).verdict());
        assertEquals(List.of("same inputs as its last record, which is a fail: tested again"), cells.get(0).reasons());
    }

    @Test
    void newForcedAndKeylessCellsSayWhy() {
        StitchedBuild a = build("a", "sha256:fa", "1".repeat(64), d('b'));
        assertEquals(List.of("new: no record of it yet"), compare(List.of(a), Rebuild.NONE).get(0).reasons());
        assertEquals(Changes.Verdict.FORCED,
                compare(List.of(a), Rebuild.parse("a"), record(a, "pass", "2026-11-25T10:00:00Z", d('a')))
                        .get(0).verdict());
        Changes.Cell offline = compare(List.of(build("a", "sha256:fa", "1".repeat(64), null)), Rebuild.NONE,
                record(a, "pass", "2026-11-25T10:00:00Z", d('a'))).get(0);
        assertEquals(Changes.Verdict.UNKNOWN, offline.verdict());
        assertNull(offline.key());
    }

    @Test
    void aManifestChangeAndARecordWithoutBaseAreNamed() {
        StitchedBuild a = build("a", "sha256:fa", "1".repeat(64), d('b'));
        LoadedRecords.Loaded old = record(a, "pass", "2026-11-25T10:00:00Z", d('a'));
        CompatibilityRecord r = old.record();
        CompatibilityRecord noBase = new CompatibilityRecord(r.manifestId(), "sha256:" + "0".repeat(64), r.build(),
                r.plan(),
                r.variant(), "sha256:old", r.fragments(), r.image(), r.status(), r.tests(), r.evidence(), r.sbom(),
                r.tools(),
                r.source(), r.ci(), r.run(), r.created(), r.notes());
        List<Changes.Cell> cells = compare(List.of(a), Rebuild.NONE,
                new LoadedRecords.Loaded(noBase, "old.json", null));
        assertEquals(List.of("manifest src/main/factory/manifests/hello.yaml changed",
                "its last record names no base digest (made before Factory recorded them)"), cells.get(0).reasons());
    }
}
