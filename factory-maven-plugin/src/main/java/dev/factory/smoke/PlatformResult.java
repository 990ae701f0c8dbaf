package dev.factory.smoke;

import java.time.Duration;
import java.util.List;

/**
 * The tests of one build on one platform.
 *
 * @param ref the image reference that was tested (with any tag suffix)
 * @param digest the image digest from image.json, or null
 * @param emulated whether the platform ran through emulation (QEMU), with scaled timeouts
 * @param untested why the platform could not be tested at all (image not built, not found), else null
 */
public record PlatformResult(String build, String platform, String ref, String digest, boolean emulated,
        List<CaseResult> cases, Untested untested, Duration duration) {

    /** Why an image could not be tested, counted apart from the tests that ran. */
    public enum Kind {
        NOT_BUILT("not built", "image not built"),
        NOT_FOUND("not found", "image not found"),
        DOCKER_FAILED("docker failed", "docker failed");

        private final String label;
        private final String note;

        Kind(String label, String note) {
            this.label = label;
            this.note = note;
        }

        /** As the closing table's notes column says it. */
        public String note() {
            return note;
        }

        /** As the summary counts it: {@code 2 not built}. */
        public String label() {
            return label;
        }
    }

    /**
     * @param line what the console says, once: one line, pointing at where the rest is
     * @param detail the whole story, for smoke-report.xml, evidence.log and smoke.json
     */
    public record Untested(Kind kind, String line, String detail) {}

    /** Surefire's suite name: {@code factory.<build>.<os>-<arch>}. */
    public String suiteName() {
        return "factory." + build + "." + platform.replace('/', '-');
    }

    /** Why the platform could not be tested, in full; null when it was tested. */
    public String problem() {
        return untested == null ? null : untested.detail();
    }

    public int total() {
        return untested != null ? 1 : cases.size();
    }

    public int failures() {
        return count(CaseResult.Status.FAILED);
    }

    /** Tests that could not run, plus the platform itself when it could not be tested. */
    public int errors() {
        return count(CaseResult.Status.ERROR) + (untested != null ? 1 : 0);
    }

    public int skipped() {
        return count(CaseResult.Status.SKIPPED);
    }

    public int passed() {
        return count(CaseResult.Status.PASSED);
    }

    /** {@code pass}, {@code fail} (a test failed) or {@code error} (something could not run), as records say. */
    public String status() {
        if (errors() > 0) {
            return "error";
        }
        return failures() > 0 ? "fail" : "pass";
    }

    private int count(CaseResult.Status s) {
        return (int) cases.stream().filter(c -> c.status() == s).count();
    }
}
