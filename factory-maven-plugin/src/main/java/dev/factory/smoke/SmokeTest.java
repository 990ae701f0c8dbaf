package dev.factory.smoke;

import java.time.Duration;
import java.util.List;
import java.util.Map;

/**
 * One smoke test as read from a spec. The kinds and field meanings follow container-structure-test
 * (schema 2.0.0); {@link Service} and a per-test {@code timeout} are Factory's additions.
 */
public sealed interface SmokeTest {

    String name();

    Origin origin();

    /** The whole test's budget on a native platform (the runner scales it for emulated ones). */
    Duration timeout();

    /** The spec's key for this kind, e.g. {@code commandTests}; also the JUnit failure type. */
    String kind();

    /** An environment variable or label: a value to set or expect (literal, or a regex when {@code isRegex}). */
    record KeyValue(String key, String value, Regex regex) {
        public boolean isRegex() {
            return regex != null;
        }
    }

    /**
     * container-structure-test's {@code containerRunOptions}: how containers for command and service
     * tests are started.
     *
     * @param envFile the env file resolved against the project directory, or null
     * @param envPassthrough names passed on from Factory's environment as {@code -e NAME} (values never
     *                       appear in the argv or the evidence)
     */
    record RunOptions(String user, boolean privileged, boolean tty, String envFile, List<String> envPassthrough,
            List<String> capabilities, List<String> bindMounts) {
        public static final RunOptions NONE = new RunOptions(null, false, false, null, List.of(), List.of(), List.of());
    }

    /**
     * A command run in a fresh container; the image's entrypoint is cleared (as container-structure-test does)
     * unless {@code entrypoint} names one. Setup commands run first, each in its own container committed as
     * the image for the next step.
     *
     * @param entrypoint null or empty: cleared; else the entrypoint to use (Factory addition)
     */
    record Command(String name, Origin origin, Duration timeout, String command, List<String> args,
            List<List<String>> setup, List<List<String>> teardown, List<KeyValue> env, List<String> entrypoint,
            int exitCode, List<Regex> expectedOutput, List<Regex> excludedOutput, List<Regex> expectedError,
            List<Regex> excludedError, RunOptions options) implements SmokeTest {
        @Override
        public String kind() {
            return "commandTests";
        }
    }

    /**
     * A path that must (or must not) exist, with optional mode string, owner and executable check.
     *
     * @param permissions as Go prints a file mode ({@code -rw-r--r--}, {@code drwxr-xr-x}, {@code Lrwxrwxrwx})
     *                    or as {@code ls -l} does; null for no check
     * @param uid null for no check
     * @param isExecutableBy owner, group, other, any; null for no check
     */
    record FileExistence(String name, Origin origin, Duration timeout, String path, boolean shouldExist,
            String permissions, Long uid, Long gid, String isExecutableBy) implements SmokeTest {
        @Override
        public String kind() {
            return "fileExistenceTests";
        }
    }

    /** A file whose content must match (and must not match) regexes. */
    record FileContent(String name, Origin origin, Duration timeout, String path, List<Regex> expectedContents,
            List<Regex> excludedContents) implements SmokeTest {
        @Override
        public String kind() {
            return "fileContentTests";
        }
    }

    /**
     * The image configuration. Null lists and strings mean "not checked"; an empty {@code entrypoint} or
     * {@code cmd} means "must be empty".
     *
     * @param healthcheck Factory addition: true when the image must declare a HEALTHCHECK, false when it must not
     */
    record Metadata(String name, Origin origin, Duration timeout, List<KeyValue> envVars, List<String> unboundEnvVars,
            List<KeyValue> labels, List<String> entrypoint, List<String> cmd, List<String> exposedPorts,
            List<String> unexposedPorts, List<String> volumes, List<String> unmountedVolumes, String workdir,
            String user, Boolean healthcheck) implements SmokeTest {
        @Override
        public String kind() {
            return "metadataTest";
        }
    }

    /**
     * Factory addition: the image run detached with {@code port} published on the loopback, waited for
     * (TCP or HTTP), then asked HTTP requests.
     *
     * @param command null: the image's own entrypoint and command run (with {@code args} as the command
     *                when given); else the entrypoint is cleared (or replaced by {@code entrypoint}) and
     *                {@code command args} run
     */
    record Service(String name, Origin origin, Duration timeout, String command, List<String> args,
            List<String> entrypoint, List<KeyValue> env, RunOptions options, int port, Readiness readiness,
            List<HttpCheck> requests) implements SmokeTest {
        @Override
        public String kind() {
            return "serviceTests";
        }
    }

    /**
     * When a service counts as up.
     *
     * @param httpPath null: a TCP connection that the service keeps open; else an HTTP GET of this path
     *                 answering {@code status}
     * @param timeout null: the test's own timeout
     */
    record Readiness(String httpPath, int status, Duration timeout, Duration interval) {
        public static final Duration DEFAULT_INTERVAL = Duration.ofMillis(250);

        public boolean http() {
            return httpPath != null;
        }
    }

    /** One HTTP request to a ready service and what its answer must look like. */
    record HttpCheck(String method, String path, Map<String, String> headers, String body, int expectedStatus,
            List<Regex> expectedBody, List<Regex> excludedBody, Map<String, Regex> expectedHeaders) {}

    /**
     * A test Factory reads but does not run (container-structure-test's {@code licenseTests}); reported as
     * skipped with the reason, so a suite brought from container-structure-test still runs unchanged.
     */
    record Skipped(String name, Origin origin, Duration timeout, String kind, String reason) implements SmokeTest {}
}
