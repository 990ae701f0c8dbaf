package dev.factory.smoke;

import java.time.Duration;
import java.util.List;

/**
 * How one test ended on one image.
 *
 * @param message one line for the JUnit failure message and the log
 * @param detail expected vs actual, one block per failed expectation (empty when passed)
 */
public record CaseResult(String name, String kind, Origin origin, Status status, String message, String detail,
        Duration duration, List<Step> steps) {

    /** JUnit's four outcomes: a failure is the image not meeting a test, an error is the test not being able to run. */
    public enum Status {
        PASSED, FAILED, ERROR, SKIPPED
    }

    public boolean passed() {
        return status == Status.PASSED;
    }

    /** A result with a problem list: passed when empty, else failed with every expected-vs-actual block. */
    public static CaseResult of(SmokeTest test, List<Checks.Problem> problems, Duration duration, List<Step> steps) {
        if (problems.isEmpty()) {
            return new CaseResult(test.name(), test.kind(), test.origin(), Status.PASSED, "passed", "", duration,
                    List.copyOf(steps));
        }
        String message = problems.get(0).message()
                + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : "");
        StringBuilder detail = new StringBuilder();
        for (Checks.Problem p : problems) {
            detail.append(p.render()).append('\n');
        }
        return new CaseResult(test.name(), test.kind(), test.origin(), Status.FAILED, message, detail.toString().trim(),
                duration, List.copyOf(steps));
    }

    public static CaseResult error(SmokeTest test, String message, Duration duration, List<Step> steps) {
        return new CaseResult(test.name(), test.kind(), test.origin(), Status.ERROR, message, message, duration,
                List.copyOf(steps));
    }

    public CaseResult renamed(String newName) {
        return new CaseResult(newName, kind, origin, status, message, detail, duration, steps);
    }
}
