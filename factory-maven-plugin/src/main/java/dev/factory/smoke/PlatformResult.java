package dev.factory.smoke;

import java.time.Duration;
import java.util.List;

/**
 * The tests of one build on one platform.
 *
 * @param ref the image reference that was tested (with any tag suffix)
 * @param digest the image digest from image.json, or null
 * @param emulated whether the platform ran through emulation (QEMU), with scaled timeouts
 * @param problem why the platform could not be tested at all (image not built), else null
 */
public record PlatformResult(String build, String platform, String ref, String digest, boolean emulated,
                             List<CaseResult> cases, String problem, Duration duration) {

    /** Surefire's suite name: {@code factory.<build>.<os>-<arch>}. */
    public String suiteName() {
        return "factory." + build + "." + platform.replace('/', '-');
    }

    public int total() {
        return problem != null ? 1 : cases.size();
    }

    public int failures() {
        return count(CaseResult.Status.FAILED);
    }

    /** Tests that could not run, plus the platform itself when it could not be tested. */
    public int errors() {
        return count(CaseResult.Status.ERROR) + (problem != null ? 1 : 0);
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
