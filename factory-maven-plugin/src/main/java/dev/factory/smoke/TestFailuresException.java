package dev.factory.smoke;

import dev.factory.BadInputException;
import java.util.List;

/**
 * Smoke tests failed (or an image to test was missing). The images, or the tests, must change: a
 * build failure, not an execution error. Thrown after every build was tested and every report written.
 */
public class TestFailuresException extends BadInputException {
    private static final long serialVersionUID = 1L;
    private final transient List<SmokeRun.BuildResult> results;

    public TestFailuresException(String message, List<SmokeRun.BuildResult> results) {
        super(message);
        this.results = List.copyOf(results);
    }

    public List<SmokeRun.BuildResult> results() {
        return results;
    }
}
