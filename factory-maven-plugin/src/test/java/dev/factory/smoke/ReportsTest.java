package dev.factory.smoke;

import static dev.factory.testing.TextAssertions.assertContainsAll;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.io.Json;
import java.io.ByteArrayInputStream;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import javax.xml.parsers.DocumentBuilderFactory;
import org.junit.jupiter.api.Test;
import org.w3c.dom.Document;
import org.w3c.dom.Element;
import org.w3c.dom.NodeList;

/** JUnit XML, evidence.log and smoke.json from results built by hand (no engine). */
class ReportsTest {
    private static final Origin ORIGIN = new Origin("manifest app", "src/main/factory/manifests/app.yaml", 7);

    static Step runStep(String stdout, int exit) {
        return new Step("command", "docker run --rm --name factory-r-1 img echo 'a b'", exit, false,
                Step.Output.of(stdout, false, 16), Step.Output.EMPTY, Duration.ofMillis(420), "c0ffee", null);
    }

    static PlatformResult amd64() {
        CaseResult pass = new CaseResult("greets", "commandTests", ORIGIN, CaseResult.Status.PASSED, "passed", "",
                Duration.ofMillis(500), List.of(runStep("hello\n", 0)));
        CaseResult fail = new CaseResult("exits <0> & \"fine\"", "commandTests", ORIGIN, CaseResult.Status.FAILED,
                "exit code 3, expected 0", "exit code 3, expected 0\n  expected: exit code 0\n  actual:   exit code 3",
                Duration.ofMillis(700), List.of(runStep("\u0001a long output line that will be cut", 3)));
        CaseResult error = new CaseResult("svc", "serviceTests", ORIGIN, CaseResult.Status.ERROR, "docker failed",
                "docker failed",
                Duration.ofMillis(10), List.of());
        CaseResult skipped = new CaseResult("license test 1", "licenseTests", ORIGIN, CaseResult.Status.SKIPPED,
                "not run", "not run",
                Duration.ZERO, List.of());
        return new PlatformResult("app", "linux/amd64", "reg/app:1-linux-amd64", "sha256:abc", false,
                List.of(pass, fail, error, skipped), null, Duration.ofMillis(1210));
    }

    static PlatformResult arm64NotBuilt() {
        return new PlatformResult("app", "linux/arm64", null, null, false, List.of(), new PlatformResult.Untested(
                PlatformResult.Kind.NOT_BUILT,
                "app linux/arm64 has no image (its bake failed, see the bake table above)",
                "Build app has no image for linux/arm64 (its bake failed: exit code 100\n"
                        + "apt-get says ...\n".repeat(20)
                        + "). Run factory:bake."),
                Duration.ZERO);
    }

    static Document parse(byte[] xml) throws Exception {
        return DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(new ByteArrayInputStream(xml));
    }

    /** Asserts that each attribute named in {@code expected} has the value it maps to. */
    static void assertAttributes(Map<String, String> expected, Element element) {
        Map<String, String> actual = new LinkedHashMap<>();
        expected.keySet().forEach(name -> actual.put(name, element.getAttribute(name)));
        assertEquals(expected, actual, element.getTagName());
    }

    @Test
    void aSuiteFileHasSurefiresShape() throws Exception {
        Document doc = parse(JUnitReport.suite(amd64(), Map.of("factory.build", "app")));
        Element suite = doc.getDocumentElement();
        assertEquals("testsuite", suite.getTagName());
        assertAttributes(Map.of("name", "factory.app.linux-amd64", "tests", "4", "failures", "1", "errors", "1",
                "skipped", "1", "time", "1.210"), suite);
        NodeList cases = suite.getElementsByTagName("testcase");
        assertEquals(4, cases.getLength());
        Element failed = (Element) cases.item(1);
        assertAttributes(
                Map.of("name", "exits <0> & \"fine\"", "classname", "factory.app.linux-amd64", "time", "0.700"),
                failed);
        Element failure = (Element) failed.getElementsByTagName("failure").item(0);
        assertAttributes(Map.of("message", "exit code 3, expected 0", "type", "commandTests"), failure);
        assertTrue(failure.getTextContent().contains("expected: exit code 0"));
        String out = failed.getElementsByTagName("system-out").item(0).getTextContent();
        assertTrue(out.contains("docker run --rm --name factory-r-1 img echo 'a b'"), out);
        assertTrue(out.contains("\uFFFD"), "a control character in output is replaced, the XML stays valid");
        assertEquals(1, ((Element) cases.item(2)).getElementsByTagName("error").getLength());
        assertEquals(1, ((Element) cases.item(3)).getElementsByTagName("skipped").getLength());
        assertEquals("app", ((Element) suite.getElementsByTagName("property").item(0)).getAttribute("value"));
    }

    @Test
    void theBuildReportHasASuitePerPlatformAndTheMissingImageAsAnError() throws Exception {
        Document doc = parse(JUnitReport.suites("app", List.of(amd64(), arm64NotBuilt()), Map.of()));
        Element root = doc.getDocumentElement();
        assertEquals("testsuites", root.getTagName());
        assertAttributes(Map.of("tests", "5", "errors", "2"), root);
        NodeList suites = root.getElementsByTagName("testsuite");
        assertEquals(2, suites.getLength());
        Element arm = (Element) suites.item(1);
        assertEquals("factory.app.linux-arm64", arm.getAttribute("name"));
        Element error = (Element) arm.getElementsByTagName("error").item(0);
        assertTrue(error.getAttribute("message").contains("Run factory:bake"));
        assertTrue(error.getTextContent().contains("exit code 100\napt-get says"),
                "the report keeps the bake's whole error");
    }

    @Test
    void evidenceShowsCommandExitOutputDurationAndContainer() {
        String log = EvidenceLog.format("app", "run-1", Instant.parse("2026-01-01T00:00:00Z"), 16,
                List.of(amd64(), arm64NotBuilt()));
        assertTrue(log.startsWith("# Factory smoke-test evidence\n# build:   app\n# run:     run-1\n"), log);
        assertContainsAll(log,
                "=== linux/amd64: reg/app:1-linux-amd64@sha256:abc\n",
                "--- PASS commandTests \"greets\" [manifest app, src/main/factory/manifests/app.yaml:7] 500 ms\n",
                "    command: $ docker run --rm --name factory-r-1 img echo 'a b'\n"
                        + "      exit: 0   duration: 420 ms   container: c0ffee\n"
                        + "      stdout (6 bytes):\n        | hello\n      stderr: (empty)\n",
                "      stdout (36 bytes, cut to the first 16):\n        | \u0001a long output l\n",
                "    fail: exit code 3, expected 0\n",
                "--- ERROR image\n    Build app has no image for linux/arm64 (its bake failed: exit code 100\n"
                        + "    apt-get says ...\n",
                "=== linux/amd64: 4 test(s), 1 passed, 1 failed, 1 error(s), 1 skipped in 1.2 s\n");
    }

    @Test
    void outputIsCutAtACharacterBoundary() {
        Step.Output o = Step.Output.of("aé€", false, 4);
        assertEquals("aé", o.text());
        assertEquals(6, o.bytes());
        assertTrue(o.truncated());
        assertFalse(Step.Output.of("abc", false, 4).truncated());
        assertEquals(Step.Output.EMPTY, Step.Output.of("", false, 4));
    }

    @Test
    void summaryJsonRoundTrips() throws java.io.IOException {
        SmokeSummary s = new SmokeSummary("app", "run-1", "error", new SmokeSummary.Tests(5, 1, 2, 1),
                "target/factory/builds/app/smoke-report.xml",
                new SmokeSummary.Evidence("target/factory/builds/app/evidence.log", "ab12"),
                List.of(new SmokeSummary.Platform("linux/amd64",
                        "reg/app:1-linux-amd64", "sha256:abc", false, "error", 4, 1, 1, 1, 1, 1210,
                        "factory.app.linux-amd64",
                        "target/failsafe-reports/TEST-factory.app.linux-amd64.xml", null)));
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("smoke-json");
        try {
            java.nio.file.Files.write(dir.resolve(SmokeSummary.FILE), Json.bytes(s));
            assertEquals(s, SmokeSummary.read(dir, "app"));
            com.fasterxml.jackson.databind.JsonNode json = Json.read(dir.resolve(SmokeSummary.FILE));
            assertEquals("factory.smoke/v1", json.path("schema").asText());
            assertEquals(1210, json.path("platforms").path(0).path("duration_ms").asInt());
        } finally {
            java.nio.file.Files.delete(dir.resolve(SmokeSummary.FILE));
            java.nio.file.Files.delete(dir);
        }
    }

    @Test
    void theClosingTableListsEveryBuildAndPlatform() {
        SmokeRun run = new SmokeRun("r",
                List.of(new SmokeRun.BuildResult("app", List.of(amd64(), arm64NotBuilt()), null)));
        assertEquals(List.of(
                "build  platform     passed  failed  notes",
                "app    linux/amd64       1       2  1 skipped",
                "app    linux/arm64       -       -  image not built"), run.table());
        assertEquals(5, run.total());
        assertFalse(run.passed());
    }

    @Test
    void imagesThatCouldNotBeTestedAreCountedApartFromFailedTests() {
        SmokeRun run = new SmokeRun("r",
                List.of(new SmokeRun.BuildResult("app", List.of(amd64(), arm64NotBuilt()), null)));
        assertEquals(List.of(
                "2 of 4 smoke test(s) failed:",
                "  app linux/amd64: 2 of 4 failed",
                "1 of 2 image(s) could not be tested: not built:",
                "  app linux/arm64 has no image (its bake failed, see the bake table above)"), run.verdict());

        // nothing ran: no "N of N smoke test(s) failed", one line per image, kinds counted when they differ
        PlatformResult notFound = new PlatformResult("web", "linux/amd64", "web:1", "sha256:abc", false, List.of(),
                new PlatformResult.Untested(PlatformResult.Kind.NOT_FOUND, "web linux/amd64: not in the engine", "..."),
                Duration.ZERO);
        SmokeRun none = new SmokeRun("r", List.of(new SmokeRun.BuildResult("app", List.of(arm64NotBuilt()), null)));
        assertEquals(List.of("1 of 1 image(s) could not be tested: not built:",
                "  app linux/arm64 has no image (its bake failed, see the bake table above)"), none.verdict());
        SmokeRun mixed = new SmokeRun("r", List.of(new SmokeRun.BuildResult("app", List.of(arm64NotBuilt()), null),
                new SmokeRun.BuildResult("web", List.of(notFound), null)));
        assertEquals("2 of 2 image(s) could not be tested: 1 not built, 1 not found:", mixed.verdict().get(0));
        assertEquals(List.of(), new SmokeRun("r", List.of(new SmokeRun.BuildResult("x", List.of(), null))).verdict());
    }
}
