package dev.factory.report;

import static dev.factory.testing.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.io.AtomicFiles;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.Fixtures;
import dev.factory.record.RecordFiles;
import dev.factory.record.RecordSource;
import dev.factory.testing.TestFiles;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ReporterTest {
    private static final String AMD = "linux/amd64";
    private static final String ARM = "linux/arm64";
    private static final Instant DAY1 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private final List<String> infos = new ArrayList<>();
    private final List<String> warnings = new ArrayList<>();
    private final List<String> commands = new ArrayList<>();

    private static Map<String, String> variant(String core, String light) {
        Map<String, String> v = new LinkedHashMap<>();
        v.put("core.version", core);
        v.put("light", light);
        return v;
    }

    private Path write(Path records, CompatibilityRecord r) {
        return RecordFiles.writeAll(records, List.of(r), RecordFiles::randomSuffix).get(0).file();
    }

    private ReportRequest request(Path records, Map<String, String> env) {
        return new ReportRequest(dir, dir.resolve("target/factory"), RecordSource.LOCAL, records, null, env, () -> null,
                infos::add, warnings::add, commands::add);
    }

    /** jre: 17 and 21 (x healthcheck, debug-tools) on amd64 and arm64, with history; plus a manifest without a plan. */
    private Path sampleRecords() throws IOException {
        Path records = dir.resolve("records");
        for (String core : List.of("17", "21", "8")) {
            for (String light : List.of("healthcheck", "debug-tools")) {
                for (String platform : List.of(AMD, ARM)) {
                    write(records, Fixtures.record("jre", "jres", variant(core, light), platform, "pass", DAY1));
                    String latest = core.equals("21") && platform.equals(ARM) && light.equals("healthcheck") ? "fail"
                            : core.equals("8") && light.equals("debug-tools") && platform.equals(ARM) ? "error"
                                    : "pass";
                    write(records, Fixtures.record("jre", "jres", variant(core, light), platform, latest, DAY2));
                }
            }
        }
        write(records, Fixtures.record("python", null, Map.of(), AMD, "pass", DAY2));
        return records;
    }

    @Test
    void newestRecordWinsEachCellAndHistoryIsCounted() throws IOException {
        Path records = sampleRecords();
        Reporter.Report report = new Reporter().report(request(records, Map.of()));
        CompatibilityMatrix m = report.matrix();
        assertEquals(25, m.recordCount());
        assertEquals(List.of("jre", "python"),
                m.manifests().stream().map(CompatibilityMatrix.ManifestSection::manifestId).toList());
        CompatibilityMatrix.PlanTable jres = m.manifests().get(0).plans().get(0);
        assertEquals("jres", jres.plan());
        assertEquals(List.of("core.version", "light"), jres.axes());
        assertEquals(List.of(AMD, ARM), jres.platforms());
        // numbers sort as numbers: 8 before 17 before 21; then light by name
        assertEquals(List.of("8/debug-tools", "8/healthcheck", "17/debug-tools", "17/healthcheck", "21/debug-tools",
                "21/healthcheck"),
                jres.rows().stream().map(r -> r.variant().get("core.version") + "/" + r.variant().get("light"))
                        .toList());
        CompatibilityMatrix.Cell cell = jres.rows().get(5).cells().get(ARM);
        assertEquals("fail", cell.status());
        assertEquals(2, cell.runs());
        assertEquals(List.of("pass", "fail"), cell.recentStatuses());
        assertEquals(Map.of("pass", 11, "fail", 1, "error", 1), m.cellCounts());
        assertEquals(DAY2, m.asOf());
        assertTrue(infos.get(0).startsWith("Compatibility records: read 25 records"), infos.toString());
    }

    @Test
    void markdownHasOneTablePerManifestWithAxesAndPlatforms() throws IOException {
        Path records = sampleRecords();
        TestFiles.write(dir, "target/factory/builds/jre-17-healthcheck/evidence.log", "evidence");
        new Reporter().report(request(records, Map.of()));
        String md = Files.readString(dir.resolve("target/factory/compatibility.md"));
        assertTrue(md.startsWith("# Compatibility matrix\n\nAs of 2026-11-25 09:00 UTC · 25 records"), md);
        assertContainsAll(md,
                "\n## `jre`\n",
                "| core.version | light | linux/amd64 | linux/arm64 |\n| --- | --- | --- | --- |\n",
                "| 17 | healthcheck | ✅ pass 2026-11-25 · `aaaaaaaa` · "
                        + "[evidence](builds/jre-17-healthcheck/evidence.log) · 2 runs |",
                "❌ fail 2026-11-25 · `aaaaaaaa` · 2/12 failed · 2 runs (1 ✅ 1 ❌) |",
                "⚠️ error 2026-11-25 · not built · 2 runs (1 ✅ 1 ⚠️) |",
                "\n## `python`\n",
                "| build | linux/amd64 |\n");
    }

    @Test
    void htmlIsSelfContainedColourCodedAndDeterministic() throws IOException {
        Path records = sampleRecords();
        new Reporter().report(request(records, Map.of()));
        Path file = dir.resolve("target/factory/compatibility.html");
        String first = Files.readString(file);
        new Reporter().report(request(records, Map.of()));
        assertEquals(first, Files.readString(file), "same records, same page");
        String lower = first.toLowerCase(Locale.ROOT);
        assertFalse(lower.contains("<script"), "no JavaScript");
        assertFalse(lower.contains("<link"), "no external stylesheet");
        assertFalse(lower.contains("src="), "no external images or fonts");
        assertFalse(lower.contains("url("), "no CSS resources");
        assertTrue(first.contains(HtmlReport.PASS_BACKGROUND) && first.contains(HtmlReport.FAIL_BACKGROUND)
                && first.contains(HtmlReport.ERROR_BACKGROUND));
        assertEquals(13, count(first, "<td class=\"cell "), "6 variants x 2 platforms of jre, 1 of python");
        assertTrue(first.contains("Needs attention (2)"), "fail and error listed at the top");
        assertTrue(first.contains("<section class=\"manifest\" id=\"m-jre\">"));
    }

    private static int count(String text, String needle) {
        int n = 0;
        for (int i = text.indexOf(needle); i >= 0; i = text.indexOf(needle, i + 1)) {
            n++;
        }
        return n;
    }

    @Test
    void aCorruptRecordIsNamedSkippedAndTheRestCounted() throws IOException {
        Path records = dir.resolve("records");
        write(records, Fixtures.record("jre", "jres", variant("17", "healthcheck"), AMD, "pass", DAY1));
        write(records, Fixtures.record("jre", "jres", variant("17", "healthcheck"), AMD, "pass", DAY2));
        Files.writeString(records.resolve("jre/broken.json"), "{\"schema\": \"factory.record/v1\", ",
                StandardCharsets.UTF_8);
        AtomicFiles.write(records.resolve("jre/other.json"),
                "{\"schema\": \"factory.record/v1\", \"build\": 3}\n".getBytes());
        Files.writeString(records.resolve("jre/.in-progress.json.123.tmp"), "partial");
        Reporter.Report report = new Reporter().report(request(records, Map.of()));
        assertEquals(2, report.loaded().records().size());
        assertEquals(1, warnings.size(), warnings.toString());
        String w = warnings.get(0);
        assertTrue(
                w.startsWith("Compatibility records: read 2 records, skipped 2: records/jre/broken.json (not JSON: "),
                w);
        assertTrue(w.contains("records/jre/other.json (does not match record.schema.json: "), w);
        String md = Files.readString(dir.resolve("target/factory/compatibility.md"));
        assertTrue(md.contains("> - `records/jre/broken.json`: not JSON"), md);
        String html = Files.readString(dir.resolve("target/factory/compatibility.html"));
        assertTrue(html.contains("Skipped 2 files that are not a valid record"), html);
    }

    @Test
    void inGitHubActionsTheSummaryIsAppendedAndEachFailingVariantAnnotated() throws IOException {
        Path records = sampleRecords();
        Path summary = dir.resolve("step-summary.md");
        Files.writeString(summary, "earlier step\n");
        new Reporter()
                .report(request(records, Map.of("GITHUB_ACTIONS", "true", "GITHUB_STEP_SUMMARY", summary.toString())));
        String text = Files.readString(summary);
        assertTrue(text.startsWith("earlier step\n# Compatibility matrix\n"), text);
        assertFalse(text.contains("[evidence](builds/"), "no relative links in the step summary");
        assertEquals(2, commands.size(), commands.toString());
        assertTrue(
                commands.get(0)
                        .startsWith("::error title=Factory%3A jre (core.version=8%2C light=debug-tools) does not "
                                + "build or cannot be tested::linux/arm64: error, Not built: exit code 1"),
                commands.get(0));
        assertTrue(commands.get(1)
                .startsWith("::error title=Factory%3A jre (core.version=21%2C light=healthcheck) fails its "
                        + "smoke tests::linux/arm64: fail, 2 of 12 failed"),
                commands.get(1));
        assertTrue(commands.stream().noneMatch(c -> c.contains("\n")));
    }

    @Test
    void outsideGitHubActionsNoCommandsAreEmitted() throws IOException {
        new Reporter().report(request(sampleRecords(), Map.of("GITHUB_STEP_SUMMARY", dir.resolve("s.md").toString())));
        assertEquals(List.of(), commands);
        assertFalse(Files.exists(dir.resolve("s.md")));
    }

    @Test
    void noRecordsGiveAnEmptyReportAndAWarning() throws IOException {
        new Reporter().report(request(dir.resolve("nowhere"), Map.of()));
        assertTrue(warnings.get(0).contains("does not exist"), warnings.toString());
        assertTrue(Files.readString(dir.resolve("target/factory/compatibility.md"))
                .contains("No compatibility records yet"));
    }

    @Test
    void theFailuresOfThisBuildSayWhyInOneLine() throws IOException {
        Path records = dir.resolve("records");
        write(records, Fixtures.record("jre", "jres", variant("17", "healthcheck"), AMD, "error", DAY1));
        CompatibilityRecord broken = Fixtures.record("jre", "jres", variant("21", "healthcheck"), AMD, "error", DAY2);
        write(records, new CompatibilityRecord(broken.manifestId(), broken.manifestDigest(), broken.build(),
                broken.plan(),
                broken.variant(), broken.fingerprint(), broken.fragments(), broken.image(), broken.status(),
                broken.tests(),
                broken.evidence(), broken.sbom(), broken.tools(), broken.source(), broken.ci(), broken.run(),
                broken.created(),
                List.of("Not built: failed to resolve debian:bookworm-slim\n  (a second line)", "another note")));
        write(records, Fixtures.record("jre", "jres", variant("25", "healthcheck"), AMD, "fail", DAY2));
        write(records, Fixtures.record("jre", "jres", variant("8", "healthcheck"), AMD, "pass", DAY2));
        Reporter.Report report = new Reporter().report(request(records, Map.of()));

        assertEquals(List.of(
                "  jre-21-healthcheck                       linux/amd64    error  not built: failed to resolve debian:bookworm-slim ...",
                "  jre-25-healthcheck                       linux/amd64    fail"),
                Reporter.failuresSince(report.matrix(), DAY2),
                "only this build's (DAY2), passes left out, a record without notes has none");
        assertEquals(3, Reporter.failuresSince(report.matrix(), DAY1).size());
    }

    @Test
    void aNoteIsShortenedToOneLine() {
        assertEquals("not built: exit code 100", Reporter.oneLine("Not built: exit   code 100", 80));
        assertEquals("1 test(s) failed; see the evidence.",
                Reporter.oneLine("1 test(s) failed; see the evidence.", 80));
        assertEquals("SBOM of image", Reporter.oneLine("SBOM of image", 80), "an acronym keeps its capitals");
        String longNote = "Not built: process \"/bin/sh -c set -eux;     printf 'Binary::apt' > /etc/apt/apt.conf.d/90factory-baseline;"
                + "     apt-get update\" did not complete successfully: exit code: 100";
        String line = Reporter.oneLine(longNote, 80);
        assertEquals(80, line.length());
        assertTrue(line.startsWith("not built: process \"/bin/sh -c set -eux; printf 'Binary::apt'")
                && line.endsWith("..."), line);
    }

    @Test
    void linksFromRecordsAreOnlyHttp() {
        assertEquals("https://ci.example/run/1", ReportLinks.safe("https://ci.example/run/1"));
        assertEquals(null, ReportLinks.safe("javascript:alert(1)"));
    }

    @Test
    void thousandRecordsAreReportedQuickly() throws IOException {
        Path records = dir.resolve("records");
        List<CompatibilityRecord> batch = new ArrayList<>();
        String[] cores = {"8", "11", "17", "21", "25"};
        String[] lights = {"none", "healthcheck", "debug-tools", "otel", "jmx"};
        String[] platforms = {AMD, ARM};
        int n = 0;
        for (int day = 0; day < 10; day++) {
            for (String core : cores) {
                for (String light : lights) {
                    for (String platform : platforms) {
                        String status = (n % 17 == 0) ? "fail" : (n % 29 == 0) ? "error" : "pass";
                        batch.add(
                                Fixtures.record(n % 2 == 0 ? "jre" : "jre-slim", "jres", variant(core, light), platform,
                                        status, DAY1.plusSeconds(86400L * day + n)));
                        n++;
                    }
                }
            }
        }
        RecordFiles.writeAll(records, batch, RecordFiles::randomSuffix);
        assertEquals(500, batch.size());
        // a second batch of 500 at other times: 1,000 files
        List<CompatibilityRecord> more = batch.stream()
                .map(r -> new CompatibilityRecord(r.manifestId(), r.manifestDigest(),
                        r.build(), r.plan(), r.variant(), r.fingerprint(), r.fragments(), r.image(), r.status(),
                        r.tests(),
                        r.evidence(), r.sbom(), r.tools(), r.source(), r.ci(), r.run(), r.created().plusSeconds(3600),
                        r.notes()))
                .toList();
        RecordFiles.writeAll(records, more, RecordFiles::randomSuffix);

        long start = System.nanoTime();
        Reporter.Report report = new Reporter().report(request(records, Map.of()));
        long millis = (System.nanoTime() - start) / 1_000_000;
        System.out
                .println("factory:report over " + report.loaded().records().size() + " records took " + millis + " ms");
        assertEquals(1000, report.loaded().records().size());
        assertTrue(millis < 10_000, "report over 1,000 records took " + millis + " ms");
    }
}
