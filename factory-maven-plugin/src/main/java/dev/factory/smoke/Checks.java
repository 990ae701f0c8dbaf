package dev.factory.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Objects;

/**
 * The expectations of each test kind, checked against what was observed. Pure functions (no engine),
 * so every rule is unit-tested; each unmet expectation becomes a {@link Problem} with expected and actual.
 */
public final class Checks {
    /** Characters of observed output quoted in a failure (the evidence log has more). */
    static final int EXCERPT = 2000;

    private Checks() {}

    /** One unmet expectation. */
    public record Problem(String message, String expected, String actual) {
        String render() {
            return message + "\n  expected: " + indent(expected) + "\n  actual:   " + indent(actual);
        }

        private static String indent(String s) {
            return s == null ? "" : s.replace("\n", "\n            ");
        }
    }

    /** What a test that ran out of time while matching reports: the timeout covers matching too. */
    public static Problem matchingTimedOut(java.time.Duration budget) {
        String within = Durations.format(budget);
        return new Problem("timed out after " + within + " while matching the test's patterns",
                "the test, its matching included, ends within " + within,
                "matching had not finished when the time was up");
    }

    public static List<Problem> command(SmokeTest.Command t, int exitCode, String stdout, String stderr) {
        return command(t, exitCode, stdout, stderr, Regex.Deadline.NONE);
    }

    /** @param deadline when matching must stop ({@link Regex.TimedOut}): the test's timeout covers its matching */
    public static List<Problem> command(SmokeTest.Command t, int exitCode, String stdout, String stderr,
            Regex.Deadline deadline) {
        List<Problem> out = new ArrayList<>();
        if (exitCode != t.exitCode()) {
            out.add(new Problem("exit code " + exitCode + ", expected " + t.exitCode(), "exit code " + t.exitCode(),
                    "exit code " + exitCode + (stderr.isBlank() ? "" : "; stderr: " + excerpt(stderr.trim()))));
        }
        expected(out, "stdout", t.expectedOutput(), stdout, deadline);
        excluded(out, "stdout", t.excludedOutput(), stdout, deadline);
        expected(out, "stderr", t.expectedError(), stderr, deadline);
        excluded(out, "stderr", t.excludedError(), stderr, deadline);
        return out;
    }

    /** @param entry the path's tar entry, or null when the path does not exist */
    public static List<Problem> fileExistence(SmokeTest.FileExistence t, TarEntry entry) {
        List<Problem> out = new ArrayList<>();
        if (entry == null) {
            if (t.shouldExist()) {
                out.add(new Problem(t.path() + " does not exist", t.path() + " exists", "no such file or directory"));
            }
            return out;
        }
        String actualMode = FileModes.goString(entry.type(), entry.mode());
        String describe = actualMode + " (ls: " + FileModes.lsString(entry.type(), entry.mode()) + ") uid "
                + entry.uid()
                + " gid " + entry.gid() + (entry.linkTarget() != null ? " -> " + entry.linkTarget() : "");
        if (!t.shouldExist()) {
            out.add(new Problem(t.path() + " exists but should not", "no " + t.path(), t.path() + " " + describe));
            return out;
        }
        if (t.permissions() != null && !FileModes.matches(t.permissions(), entry.type(), entry.mode())) {
            out.add(new Problem(t.path() + " has permissions " + actualMode + ", expected " + t.permissions(),
                    t.permissions(), describe));
        }
        if (t.uid() != null && entry.uid() != t.uid()) {
            out.add(new Problem(t.path() + " is owned by uid " + entry.uid() + ", expected " + t.uid(),
                    "uid " + t.uid(), describe));
        }
        if (t.gid() != null && entry.gid() != t.gid()) {
            out.add(new Problem(t.path() + " has gid " + entry.gid() + ", expected " + t.gid(), "gid " + t.gid(),
                    describe));
        }
        if (t.isExecutableBy() != null) {
            int bits;
            switch (t.isExecutableBy()) {
                case "owner" :
                    bits = 0100;
                    break;
                case "group" :
                    bits = 0010;
                    break;
                case "other" :
                    bits = 0001;
                    break;
                default :
                    bits = 0111;
                    break;
            }
            if ((entry.mode() & bits) == 0) {
                out.add(new Problem(t.path() + " is not executable by " + t.isExecutableBy(),
                        "executable by " + t.isExecutableBy(), describe));
            }
        }
        return out;
    }

    public static List<Problem> fileContent(SmokeTest.FileContent t, String content) {
        return fileContent(t, content, Regex.Deadline.NONE);
    }

    public static List<Problem> fileContent(SmokeTest.FileContent t, String content, Regex.Deadline deadline) {
        List<Problem> out = new ArrayList<>();
        expected(out, "content of " + t.path(), t.expectedContents(), content, deadline);
        excluded(out, "content of " + t.path(), t.excludedContents(), content, deadline);
        return out;
    }

    /** @param config the {@code Config} object of {@code docker image inspect} */
    public static List<Problem> metadata(SmokeTest.Metadata t, JsonNode config) {
        return metadata(t, config, Regex.Deadline.NONE);
    }

    public static List<Problem> metadata(SmokeTest.Metadata t, JsonNode config, Regex.Deadline deadline) {
        List<Problem> out = new ArrayList<>();
        Map<String, String> env = new LinkedHashMap<>();
        for (JsonNode e : config.path("Env")) {
            String kv = e.asText();
            int eq = kv.indexOf('=');
            env.put(eq < 0 ? kv : kv.substring(0, eq), eq < 0 ? "" : kv.substring(eq + 1));
        }
        keyValues(out, "environment variable", t.envVars(), env, deadline);
        for (String name : t.unboundEnvVars()) {
            if (env.containsKey(name)) {
                out.add(new Problem("environment variable " + name + " is set but should not be", name + " unset",
                        name + "=" + env.get(name)));
            }
        }
        Map<String, String> labels = new LinkedHashMap<>();
        config.path("Labels").fields().forEachRemaining(e -> labels.put(e.getKey(), e.getValue().asText()));
        keyValues(out, "label", t.labels(), labels, deadline);
        list(out, "entrypoint", t.entrypoint(), strings(config.path("Entrypoint")));
        list(out, "cmd", t.cmd(), strings(config.path("Cmd")));
        if (t.workdir() != null && !t.workdir().equals(config.path("WorkingDir").asText(""))) {
            out.add(new Problem(
                    "workdir is '" + config.path("WorkingDir").asText("") + "', expected '" + t.workdir() + "'",
                    t.workdir(), config.path("WorkingDir").asText("")));
        }
        if (t.user() != null && !t.user().equals(config.path("User").asText(""))) {
            out.add(new Problem("user is '" + config.path("User").asText("") + "', expected '" + t.user() + "'",
                    t.user(),
                    config.path("User").asText("")));
        }
        List<String> ports = new ArrayList<>();
        config.path("ExposedPorts").fieldNames().forEachRemaining(ports::add);
        for (String p : t.exposedPorts()) {
            if (!hasPort(ports, p)) {
                out.add(new Problem("port " + p + " is not exposed", "EXPOSE " + p, "exposed: " + ports));
            }
        }
        for (String p : t.unexposedPorts()) {
            if (hasPort(ports, p)) {
                out.add(new Problem("port " + p + " is exposed but should not be", "no EXPOSE " + p,
                        "exposed: " + ports));
            }
        }
        List<String> volumes = new ArrayList<>();
        config.path("Volumes").fieldNames().forEachRemaining(volumes::add);
        for (String v : t.volumes()) {
            if (!volumes.contains(v)) {
                out.add(new Problem("volume " + v + " is not declared", "VOLUME " + v, "volumes: " + volumes));
            }
        }
        for (String v : t.unmountedVolumes()) {
            if (volumes.contains(v)) {
                out.add(new Problem("volume " + v + " is declared but should not be", "no VOLUME " + v,
                        "volumes: " + volumes));
            }
        }
        if (t.healthcheck() != null) {
            List<String> test = strings(config.path("Healthcheck").path("Test"));
            boolean has = !test.isEmpty() && !test.equals(List.of("NONE"));
            if (has != t.healthcheck()) {
                out.add(new Problem(
                        t.healthcheck() ? "the image declares no HEALTHCHECK" : "the image declares a HEALTHCHECK",
                        t.healthcheck() ? "a HEALTHCHECK" : "no HEALTHCHECK", has ? "HEALTHCHECK " + test : "none"));
            }
        }
        return out;
    }

    /** @param headers response headers, names in any case */
    public static List<Problem> http(SmokeTest.HttpCheck r, int status, Map<String, List<String>> headers,
            String body) {
        return http(r, status, headers, body, Regex.Deadline.NONE);
    }

    public static List<Problem> http(SmokeTest.HttpCheck r, int status, Map<String, List<String>> headers, String body,
            Regex.Deadline deadline) {
        List<Problem> out = new ArrayList<>();
        String what = r.method() + " " + r.path();
        if (status != r.expectedStatus()) {
            out.add(new Problem(what + " answered " + status + ", expected " + r.expectedStatus(),
                    "status " + r.expectedStatus(),
                    "status " + status + "; body: " + excerpt(body)));
        }
        expected(out, "body of " + what, r.expectedBody(), body, deadline);
        excluded(out, "body of " + what, r.excludedBody(), body, deadline);
        Map<String, String> lower = new LinkedHashMap<>();
        headers.forEach((k, v) -> lower.put(k.toLowerCase(Locale.ROOT), String.join(", ", v)));
        r.expectedHeaders().forEach((name, re) -> {
            String value = lower.get(name.toLowerCase(Locale.ROOT));
            if (value == null) {
                out.add(new Problem(what + ": header " + name + " is missing", name + ": /" + re + "/",
                        "headers: " + lower.keySet()));
            } else if (!re.foundIn(value, deadline)) {
                out.add(new Problem(what + ": header " + name + " does not match '" + re + "'", name + ": /" + re + "/",
                        name + ": " + value));
            }
        });
        return out;
    }

    private static void expected(List<Problem> out, String what, List<Regex> patterns, String text,
            Regex.Deadline deadline) {
        for (Regex re : patterns) {
            if (!re.foundIn(text, deadline)) {
                out.add(new Problem(what + " does not match '" + re + "'", what + " matching /" + re + "/",
                        text.isEmpty() ? "(empty)" : excerpt(text)));
            }
        }
    }

    private static void excluded(List<Problem> out, String what, List<Regex> patterns, String text,
            Regex.Deadline deadline) {
        for (Regex re : patterns) {
            String found = re.firstMatch(text, deadline);
            if (found != null) {
                out.add(new Problem(what + " matches excluded '" + re + "' (found '" + excerpt(found) + "')",
                        what + " not matching /" + re + "/", excerpt(text)));
            }
        }
    }

    private static void keyValues(List<Problem> out, String what, List<SmokeTest.KeyValue> expected,
            Map<String, String> actual,
            Regex.Deadline deadline) {
        for (SmokeTest.KeyValue kv : expected) {
            String value = actual.get(kv.key());
            if (value == null) {
                out.add(new Problem(what + " " + kv.key() + " is not set",
                        kv.key() + (kv.isRegex() ? " matching /" + kv.value()
                                + "/" : "=" + kv.value()),
                        "not set"));
                continue;
            }
            boolean ok = kv.isRegex() ? kv.regex().foundIn(value, deadline) : Objects.equals(kv.value(), value);
            if (!ok) {
                out.add(new Problem(
                        what + " " + kv.key() + " is '" + value + "', expected " + (kv.isRegex() ? "a match of '"
                                + kv.value() + "'" : "'" + kv.value() + "'"),
                        kv.key() + (kv.isRegex() ? " matching /" + kv.value() + "/"
                                : "=" + kv.value()),
                        kv.key() + "=" + value));
            }
        }
    }

    private static void list(List<Problem> out, String what, List<String> expected, List<String> actual) {
        if (expected != null && !expected.equals(actual)) {
            out.add(new Problem(what + " is " + actual + ", expected " + expected, expected.toString(),
                    actual.toString()));
        }
    }

    private static boolean hasPort(List<String> exposed, String port) {
        for (String e : exposed) {
            if (e.equals(port) || (!port.contains("/") && e.startsWith(port + "/"))) {
                return true;
            }
        }
        return false;
    }

    static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(n -> out.add(n.asText()));
        return out;
    }

    static String excerpt(String text) {
        if (text == null) {
            return "";
        }
        return text.length() <= EXCERPT ? text
                : text.substring(0, EXCERPT) + "... (" + text.length() + " characters, see evidence.log)";
    }
}
