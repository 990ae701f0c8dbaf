package dev.factory.smoke;

import com.google.re2j.Pattern;
import com.google.re2j.PatternSyntaxException;
import dev.factory.BadInputException;
import dev.factory.io.ProjectPaths;
import dev.factory.manifest.ControlCharacters;
import dev.factory.manifest.Fields;
import dev.factory.manifest.InputLimits;
import dev.factory.manifest.YamlNode;
import dev.factory.manifest.YamlReader;
import dev.factory.smoke.SmokeTest.KeyValue;
import dev.factory.smoke.SmokeTest.RunOptions;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * Reads test specs: the {@code tests:} block of a manifest or plan, a fragment's {@code tests.yaml}, and
 * container-structure-test files (schema 2.0.0, and the older 1.0.0 that container-structure-test still
 * reads) named under {@code files:}. Strict: an unknown kind or field is an error naming file:line:column
 * and the nearest valid key; every regex is compiled here (RE2, the dialect container-structure-test
 * uses), so a bad one is reported with its test and position before any container starts. Test names and
 * paths are refused when they hold control characters: names land in the build log, the evidence and
 * the JUnit reports, where a line break would forge a line of its own.
 */
public final class TestSpecParser {
    public static final String SCHEMA_VERSION = "2.0.0";
    /** container-structure-test's first schema: {@code command} is one list (command and arguments), fewer kinds and fields. */
    public static final String SCHEMA_VERSION_1 = "1.0.0";

    /** Keys of a tests block; a container-structure-test file has the same minus {@code files}. */
    public static final Set<String> BLOCK_KEYS = Fields.keys("schemaVersion", "timeout", "files", "globalEnvVars",
            "containerRunOptions", "commandTests", "fileExistenceTests", "fileContentTests", "metadataTest",
            "licenseTests",
            "serviceTests");
    public static final Set<String> FILE_KEYS = Fields.keys("schemaVersion", "timeout", "globalEnvVars",
            "containerRunOptions", "commandTests", "fileExistenceTests", "fileContentTests", "metadataTest",
            "licenseTests",
            "serviceTests");
    public static final Set<String> COMMAND_KEYS = Fields.keys("name", "setup", "teardown", "envVars", "exitCode",
            "command",
            "args", "expectedOutput", "excludedOutput", "expectedError", "excludedError", "entrypoint", "timeout");
    public static final Set<String> FILE_EXISTENCE_KEYS = Fields.keys("name", "path", "shouldExist", "permissions",
            "uid",
            "gid", "isExecutableBy", "timeout");
    public static final Set<String> FILE_CONTENT_KEYS = Fields.keys("name", "path", "expectedContents",
            "excludedContents",
            "timeout");
    public static final Set<String> METADATA_KEYS = Fields.keys("name", "envVars", "env", "unboundEnvVars", "labels",
            "entrypoint", "cmd", "exposedPorts", "unexposedPorts", "volumes", "unmountedVolumes", "workdir", "user",
            "healthcheck", "timeout");
    public static final Set<String> ENV_KEYS = Fields.keys("key", "value", "isRegex");
    /** Schema 1.0.0 as container-structure-test's v1 types declare it, plus Factory's per-test {@code timeout}. */
    public static final Set<String> FILE_KEYS_V1 = Fields.keys("schemaVersion", "timeout", "globalEnvVars",
            "commandTests",
            "fileExistenceTests", "fileContentTests", "licenseTests");
    public static final Set<String> COMMAND_KEYS_V1 = Fields.keys("name", "setup", "teardown", "envVars", "exitCode",
            "command",
            "expectedOutput", "excludedOutput", "expectedError", "excludedError", "timeout");
    public static final Set<String> FILE_EXISTENCE_KEYS_V1 = Fields.keys("name", "path", "shouldExist", "permissions",
            "timeout");
    public static final Set<String> RUN_OPTION_KEYS = Fields.keys("user", "privileged", "allocateTty", "envFile",
            "envVars",
            "capabilities", "bindMounts");
    public static final Set<String> LICENSE_KEYS = Fields.keys("debian", "files");
    public static final Set<String> SERVICE_KEYS = Fields.keys("name", "command", "args", "entrypoint", "envVars",
            "port",
            "readiness", "requests", "timeout");
    public static final Set<String> READINESS_KEYS = Fields.keys("tcp", "http", "status", "timeout", "interval");
    public static final Set<String> REQUEST_KEYS = Fields.keys("method", "path", "headers", "body", "expectedStatus",
            "expectedBody", "excludedBody", "expectedHeaders");
    static final Set<String> EXECUTABLE_BY = Set.of("owner", "group", "other", "any");
    private static final Pattern HTTP_METHOD = Pattern.compile("[A-Z]+");

    private final Path projectDir;
    private final Duration defaultTimeout;
    private final InputLimits limits;

    /**
     * @param projectDir included files and env files are relative to it
     * @param defaultTimeout a test's timeout when neither it nor its block sets one
     */
    public TestSpecParser(Path projectDir, Duration defaultTimeout) {
        this(projectDir, defaultTimeout, InputLimits.DEFAULTS);
    }

    /** @param limits the largest container-structure-test file read (checked before reading) */
    public TestSpecParser(Path projectDir, Duration defaultTimeout, InputLimits limits) {
        this.projectDir = projectDir.toAbsolutePath().normalize();
        this.defaultTimeout = defaultTimeout;
        this.limits = limits;
    }

    /** What the tests of one block share; {@code v1}: a container-structure-test file of schema 1.0.0. */
    private record Block(String source, Duration timeout, List<KeyValue> globalEnv, RunOptions options, boolean v1) {}

    /**
     * A {@code tests:} block (of a manifest or plan) or a fragment's {@code tests.yaml}.
     *
     * @param source for reports: {@code manifest ID}, {@code plan ID}, {@code fragment SLOT/NAME}
     * @param allowFiles whether {@code files:} may include container-structure-test files (manifests and plans)
     */
    public List<SmokeTest> parseBlock(YamlNode node, String source, boolean allowFiles) {
        if (node == null || node.isNull()) {
            return List.of();
        }
        Fields f = Fields.of(node, "tests block", allowFiles ? BLOCK_KEYS : FILE_KEYS);
        checkSchemaVersion(f, false);
        Duration timeout = duration(f, "timeout", defaultTimeout);
        List<SmokeTest> tests = new ArrayList<>();
        for (YamlNode item : list(f.raw("files"), "files")) {
            String rel = Fields.scalar(item, "each entry of 'files'");
            tests.addAll(include(item, rel, timeout));
        }
        tests.addAll(body(f, new Block(source, timeout, env(f.raw("globalEnvVars"), "globalEnvVars"),
                runOptions(f.raw("containerRunOptions")), false)));
        return tests;
    }

    /** A container-structure-test file, as {@code container-structure-test test --config FILE} reads it. */
    public List<SmokeTest> parseFile(Path file) {
        return parseFile(file, defaultTimeout, null);
    }

    private List<SmokeTest> include(YamlNode at, String rel, Duration timeout) {
        Path file = projectDir.resolve(rel).normalize();
        if (!Files.isRegularFile(file)) {
            throw Fields.error(at, "the test file '" + rel + "' does not exist (looked for " + file + ")",
                    "Paths under 'files' are relative to the project directory, e.g. src/test/cst/app.yaml.");
        }
        return parseFile(file, timeout, at);
    }

    private List<SmokeTest> parseFile(Path file, Duration timeout, YamlNode includedFrom) {
        String shown = display(file);
        byte[] bytes;
        try {
            limits.checkSize(shown, Files.size(file));
            bytes = limits.read(file, shown);
        } catch (IOException e) {
            String where = includedFrom == null ? "" : includedFrom.location() + ": ";
            throw new BadInputException(where + "cannot read the test file " + file + ": " + e.getMessage()
                    + ". Check that it is readable.", e);
        }
        YamlNode root = YamlReader.read(bytes, shown, limits);
        if (root.isNull()) {
            throw Fields.error(root, "the container-structure-test file is empty",
                    "Start it with 'schemaVersion: " + SCHEMA_VERSION + "' and add commandTests, fileExistenceTests, "
                            + "fileContentTests or a metadataTest.");
        }
        boolean v1 = root.isMap() && root.get("schemaVersion") != null
                && SCHEMA_VERSION_1.equals(root.get("schemaVersion").text());
        Fields f = Fields.of(root, "container-structure-test file" + (v1 ? " of schema " + SCHEMA_VERSION_1 : ""),
                v1 ? FILE_KEYS_V1 : FILE_KEYS);
        checkSchemaVersion(f, true);
        Duration fileTimeout = duration(f, "timeout", timeout);
        return body(f, new Block(shown, fileTimeout, env(f.raw("globalEnvVars"), "globalEnvVars"),
                runOptions(f.raw("containerRunOptions")), v1));
    }

    private String display(Path file) {
        return ProjectPaths.display(projectDir, file);
    }

    /** @param file a container-structure-test file (schema required; 1.0.0 or 2.0.0), else a Factory tests block (2.0.0) */
    private static void checkSchemaVersion(Fields f, boolean file) {
        if (!f.has("schemaVersion")) {
            if (file) {
                throw Fields.error(f.node(), "missing 'schemaVersion' in a container-structure-test file",
                        "Add 'schemaVersion: " + SCHEMA_VERSION
                                + "' as its first line (container-structure-test requires it too).");
            }
            return;
        }
        String v = f.string("schemaVersion");
        if (SCHEMA_VERSION_1.equals(v) && !file) {
            throw Fields.error(f.raw("schemaVersion"),
                    "schemaVersion '" + v + "' is read in container-structure-test files only",
                    "A tests block (and a fragment's tests.yaml) uses the " + SCHEMA_VERSION
                            + " fields: write 'schemaVersion: "
                            + SCHEMA_VERSION
                            + "' or leave it out, or move the 1.0.0 tests into a file named under 'files:'.");
        }
        if (!SCHEMA_VERSION.equals(v) && !SCHEMA_VERSION_1.equals(v)) {
            throw Fields.error(f.raw("schemaVersion"), "schemaVersion '" + v + "' is not supported",
                    "Factory reads container-structure-test schemas " + SCHEMA_VERSION + " (the current one) and "
                            + SCHEMA_VERSION_1 + "; write 'schemaVersion: " + SCHEMA_VERSION
                            + "' and the 2.0.0 field names "
                            + "(see docs/tests.md).");
        }
    }

    private List<SmokeTest> body(Fields f, Block block) {
        List<SmokeTest> tests = new ArrayList<>();
        for (YamlNode n : list(f.raw("commandTests"), "commandTests")) {
            tests.add(command(n, block));
        }
        for (YamlNode n : list(f.raw("fileExistenceTests"), "fileExistenceTests")) {
            tests.add(fileExistence(n, block));
        }
        for (YamlNode n : list(f.raw("fileContentTests"), "fileContentTests")) {
            tests.add(fileContent(n, block));
        }
        if (f.has("metadataTest")) {
            SmokeTest.Metadata m = metadata(f.raw("metadataTest"), block);
            if (m != null) {
                tests.add(m);
            }
        }
        for (YamlNode n : list(f.raw("serviceTests"), "serviceTests")) {
            tests.add(service(n, block));
        }
        List<YamlNode> licenses = list(f.raw("licenseTests"), "licenseTests");
        for (int i = 0; i < licenses.size(); i++) {
            YamlNode n = licenses.get(i);
            Fields.of(n, "license test", LICENSE_KEYS);
            tests.add(new SmokeTest.Skipped("license test " + (i + 1), origin(n, block), block.timeout(),
                    "licenseTests",
                    "licenseTests are not run by Factory (they check Google's license policy); factory:sbom lists the "
                            + "image's packages and their licenses instead"));
        }
        return tests;
    }

    private SmokeTest.Command command(YamlNode n, Block block) {
        String label = label(n, "command test");
        Fields f = Fields.of(n, label, block.v1() ? COMMAND_KEYS_V1 : COMMAND_KEYS, "name", "command");
        String name = name(f);
        List<List<String>> setup = commandLists(f.raw("setup"), "setup", label);
        List<List<String>> teardown = commandLists(f.raw("teardown"), "teardown", label);
        List<KeyValue> env = new ArrayList<>(block.globalEnv());
        env.addAll(env(f.raw("envVars"), "envVars"));
        String command;
        List<String> args;
        if (block.v1()) {
            // 1.0.0: command is one list, the program and its arguments, as in container-structure-test's v1 types
            List<String> argv = f.strings("command", List.of());
            if (argv.isEmpty()) {
                throw Fields.error(f.raw("command"), "'command' of " + label + " is empty",
                        "Write the program and its arguments as one list, such as command: ['apt-get', 'help'].");
            }
            command = argv.get(0);
            args = argv.subList(1, argv.size());
        } else {
            command = f.string("command");
            args = f.strings("args", List.of());
        }
        return new SmokeTest.Command(name, origin(n, block), duration(f, "timeout", block.timeout()), command,
                args, setup, teardown, env, f.strings("entrypoint", null),
                integer(f, "exitCode", 0, label), regexes(f, "expectedOutput", name),
                regexes(f, "excludedOutput", name),
                regexes(f, "expectedError", name), regexes(f, "excludedError", name), block.options());
    }

    private SmokeTest.FileExistence fileExistence(YamlNode n, Block block) {
        String label = label(n, "file existence test");
        Fields f = Fields.of(n, label, block.v1() ? FILE_EXISTENCE_KEYS_V1 : FILE_EXISTENCE_KEYS, "name", "path");
        name(f);
        path(f);
        String permissions = f.string("permissions");
        if (permissions != null && !FileModes.looksLikeModeString(permissions)) {
            throw Fields.error(f.raw("permissions"), "'" + permissions + "' is not a permission string",
                    "Write it as container-structure-test does, such as -rw-r--r--, drwxr-xr-x or -rwxr-xr-x.");
        }
        String executableBy = f.string("isExecutableBy");
        if (executableBy != null && !EXECUTABLE_BY.contains(executableBy)) {
            throw Fields.error(f.raw("isExecutableBy"), "isExecutableBy is '" + executableBy + "'"
                    + dev.factory.manifest.Nearest.hint(executableBy, EXECUTABLE_BY),
                    "Use owner, group, other or any.");
        }
        Long uid = f.has("uid") ? (long) integer(f, "uid", -1, label) : null;
        Long gid = f.has("gid") ? (long) integer(f, "gid", -1, label) : null;
        // container-structure-test treats -1 as "not checked"
        return new SmokeTest.FileExistence(f.string("name"), origin(n, block), duration(f, "timeout", block.timeout()),
                f.string("path"), bool(f, "shouldExist", true), permissions, uid == null || uid < 0 ? null : uid,
                gid == null || gid < 0 ? null : gid, executableBy);
    }

    private SmokeTest.FileContent fileContent(YamlNode n, Block block) {
        String label = label(n, "file content test");
        Fields f = Fields.of(n, label, FILE_CONTENT_KEYS, "name", "path");
        String name = name(f);
        path(f);
        return new SmokeTest.FileContent(name, origin(n, block), duration(f, "timeout", block.timeout()),
                f.string("path"),
                regexes(f, "expectedContents", name), regexes(f, "excludedContents", name));
    }

    private SmokeTest.Metadata metadata(YamlNode n, Block block) {
        Fields f = Fields.of(n, "metadata test", METADATA_KEYS);
        if (f.has("env") && f.has("envVars")) {
            throw Fields.error(f.raw("env"), "both 'env' and 'envVars' are given",
                    "'env' is the older name of 'envVars'; keep one of them.");
        }
        String name = f.has("name") ? name(f) : "metadata (" + block.source() + ")";
        List<KeyValue> envVars = env(f.has("env") ? f.raw("env") : f.raw("envVars"), "envVars");
        List<KeyValue> labels = env(f.raw("labels"), "labels");
        List<String> unbound = keysOnly(f.raw("unboundEnvVars"), "unboundEnvVars");
        Boolean healthcheck = f.has("healthcheck") ? bool(f, "healthcheck", true) : null;
        SmokeTest.Metadata m = new SmokeTest.Metadata(name, origin(n, block), duration(f, "timeout", block.timeout()),
                envVars,
                unbound, labels, f.strings("entrypoint", null), f.strings("cmd", null), ports(f, "exposedPorts"),
                ports(f, "unexposedPorts"), f.strings("volumes", List.of()), f.strings("unmountedVolumes", List.of()),
                f.string("workdir"), f.string("user"), healthcheck);
        boolean empty = envVars.isEmpty() && unbound.isEmpty() && labels.isEmpty() && m.entrypoint() == null
                && m.cmd() == null
                && m.exposedPorts().isEmpty() && m.unexposedPorts().isEmpty() && m.volumes().isEmpty()
                && m.unmountedVolumes().isEmpty() && m.workdir() == null && m.user() == null && healthcheck == null;
        return empty ? null : m;
    }

    private SmokeTest.Service service(YamlNode n, Block block) {
        String label = label(n, "service test");
        Fields f = Fields.of(n, label, SERVICE_KEYS, "name", "port");
        String name = name(f);
        int port = integer(f, "port", 0, label);
        if (port < 1 || port > 65535) {
            throw Fields.error(f.raw("port"), "port " + port + " is out of range",
                    "Give the port the service listens on inside the container, 1 to 65535.");
        }
        Duration timeout = duration(f, "timeout", block.timeout());
        SmokeTest.Readiness readiness = readiness(f.raw("readiness"), label);
        if (readiness.timeout() != null && readiness.timeout().compareTo(timeout) > 0) {
            throw Fields.error(f.raw("readiness"), "the readiness timeout (" + Durations.format(readiness.timeout())
                    + ") is longer than the test's timeout (" + Durations.format(timeout) + ")",
                    "Raise the test's 'timeout' or lower 'readiness.timeout'.");
        }
        List<SmokeTest.HttpCheck> requests = new ArrayList<>();
        for (YamlNode r : list(f.raw("requests"), "requests")) {
            requests.add(request(r, name));
        }
        List<KeyValue> env = new ArrayList<>(block.globalEnv());
        env.addAll(env(f.raw("envVars"), "envVars"));
        return new SmokeTest.Service(name, origin(n, block), timeout, f.string("command"), f.strings("args", List.of()),
                f.strings("entrypoint", null), env, block.options(), port, readiness, requests);
    }

    private static SmokeTest.Readiness readiness(YamlNode n, String label) {
        if (n == null || n.isNull()) {
            return new SmokeTest.Readiness(null, 0, null, SmokeTest.Readiness.DEFAULT_INTERVAL);
        }
        Fields f = Fields.of(n, "readiness of " + label, READINESS_KEYS);
        boolean tcp = f.has("tcp") && bool(f, "tcp", false);
        String http = f.string("http");
        if (tcp == (http != null)) {
            throw Fields.error(n, "readiness needs exactly one of 'tcp: true' or 'http: /path'",
                    "Write 'readiness: {tcp: true}' to wait for the port, or 'readiness: {http: /health}' to wait for an HTTP answer.");
        }
        if (http != null && !http.startsWith("/")) {
            throw Fields.error(f.raw("http"), "the readiness path '" + http + "' does not start with '/'",
                    "Write it as /health.");
        }
        if (tcp && f.has("status")) {
            throw Fields.error(f.raw("status"), "'status' applies to HTTP readiness only",
                    "Remove it, or use 'http: /path'.");
        }
        int status = http == null ? 0 : integer(f, "status", 200, "readiness");
        Duration interval = duration(f, "interval", SmokeTest.Readiness.DEFAULT_INTERVAL);
        return new SmokeTest.Readiness(http, status, f.has("timeout") ? duration(f, "timeout", null) : null, interval);
    }

    private static SmokeTest.HttpCheck request(YamlNode n, String test) {
        Fields f = Fields.of(n, "request of service test '" + test + "'", REQUEST_KEYS, "path");
        String path = f.string("path");
        if (!path.startsWith("/")) {
            throw Fields.error(f.raw("path"), "the request path '" + path + "' does not start with '/'",
                    "Write it as /index.html.");
        }
        String method = f.string("method", "GET").toUpperCase(Locale.ROOT);
        if (!HTTP_METHOD.matcher(method).matches()) {
            throw Fields.error(f.raw("method"), "'" + method + "' is not an HTTP method",
                    "Use GET, HEAD, POST, PUT, DELETE ...");
        }
        Map<String, Regex> headers = new LinkedHashMap<>();
        YamlNode eh = f.raw("expectedHeaders");
        if (eh != null && !eh.isNull()) {
            if (!eh.isMap()) {
                throw Fields.error(eh, "'expectedHeaders' must map header names to regexes",
                        "Write 'Content-Type: text/html.*' lines.");
            }
            eh.entries().forEach(
                    (k, v) -> headers.put(k, compile(v, Fields.scalar(v, "'" + k + "'"), "service test", test)));
        }
        return new SmokeTest.HttpCheck(method, path, f.stringMap("headers"), f.string("body"),
                integer(f, "expectedStatus", 200, "request"), regexes(f, "expectedBody", test),
                regexes(f, "excludedBody", test),
                headers);
    }

    private RunOptions runOptions(YamlNode n) {
        if (n == null || n.isNull()) {
            return RunOptions.NONE;
        }
        Fields f = Fields.of(n, "containerRunOptions", RUN_OPTION_KEYS);
        String envFile = null;
        if (f.has("envFile")) {
            Path file = projectDir.resolve(f.string("envFile")).normalize();
            if (!Files.isRegularFile(file)) {
                throw Fields.error(f.raw("envFile"),
                        "the env file '" + f.string("envFile") + "' does not exist (looked for "
                                + file + ")",
                        "Paths are relative to the project directory.");
            }
            envFile = file.toString();
        }
        List<String> names = f.strings("envVars", List.of());
        for (int i = 0; i < names.size(); i++) {
            if (!names.get(i).matches("[A-Za-z_][A-Za-z0-9_]*")) {
                YamlNode at = f.raw("envVars").isList() ? f.raw("envVars").items().get(i) : f.raw("envVars");
                throw Fields.error(at, "'" + names.get(i) + "' is not an environment variable name",
                        "containerRunOptions.envVars lists names whose values are passed on from the environment Maven runs in.");
            }
        }
        return new RunOptions(f.string("user"), bool(f, "privileged", false), bool(f, "allocateTty", false), envFile,
                names,
                f.strings("capabilities", List.of()), f.strings("bindMounts", List.of()));
    }

    /** envVars / labels / globalEnvVars: a list of {key, value, isRegex}. */
    private static List<KeyValue> env(YamlNode n, String what) {
        List<KeyValue> out = new ArrayList<>();
        for (YamlNode item : list(n, what)) {
            Fields f = Fields.of(item, "entry of '" + what + "'", ENV_KEYS, "key");
            String value = f.string("value", "");
            boolean isRegex = bool(f, "isRegex", false);
            out.add(new KeyValue(f.string("key"), value,
                    isRegex ? compile(f.raw("value"), value, what, f.string("key")) : null));
        }
        return out;
    }

    /** unboundEnvVars: names, written as plain strings or as {key: NAME} like the other env lists. */
    private static List<String> keysOnly(YamlNode n, String what) {
        List<String> out = new ArrayList<>();
        for (YamlNode item : list(n, what)) {
            if (item.isMap()) {
                out.add(Fields.of(item, "entry of '" + what + "'", ENV_KEYS, "key").string("key"));
            } else {
                out.add(Fields.scalar(item, "each entry of '" + what + "'"));
            }
        }
        return out;
    }

    private static List<String> ports(Fields f, String key) {
        List<String> ports = f.strings(key, List.of());
        for (String p : ports) {
            if (!p.matches("\\d{1,5}(/(tcp|udp|sctp))?")) {
                throw Fields.error(f.raw(key), "'" + p + "' is not a port", "Write ports as 8080 or 8080/tcp.");
            }
        }
        return ports;
    }

    private static List<List<String>> commandLists(YamlNode n, String key, String label) {
        List<List<String>> out = new ArrayList<>();
        for (YamlNode item : list(n, key)) {
            if (!item.isList() || item.items().isEmpty()) {
                throw Fields.error(item, "each '" + key + "' entry of " + label + " must be a non-empty command list",
                        "Write it as " + key + ": [[\"mkdir\", \"-p\", \"/data\"], [\"touch\", \"/data/x\"]].");
            }
            List<String> cmd = new ArrayList<>();
            for (YamlNode part : item.items()) {
                cmd.add(Fields.scalar(part, "each word of a '" + key + "' command"));
            }
            out.add(cmd);
        }
        return out;
    }

    private static List<Regex> regexes(Fields f, String key, String testName) {
        YamlNode n = f.raw(key);
        List<Regex> out = new ArrayList<>();
        if (n == null || n.isNull()) {
            return out;
        }
        List<YamlNode> items = n.isList() ? n.items() : List.of(n);
        for (YamlNode item : items) {
            out.add(compile(item, Fields.scalar(item, "each pattern of '" + key + "'"), "test", testName));
        }
        return out;
    }

    static Regex compile(YamlNode at, String source, String what, String name) {
        try {
            return new Regex(source, Pattern.compile(source));
        } catch (PatternSyntaxException e) {
            String problem = e.getMessage().replaceFirst("^error parsing regexp: ", "");
            String fix = javaAccepts(source)
                    ? "Java's regular expressions accept it, but container-structure-test matches with Go's RE2 syntax, and so "
                            + "does Factory (RE2/J): RE2 has no backreferences (\\1), no lookaround ((?=, (?!, (?<=, (?<!), no "
                            + "possessive quantifiers (a++) and no atomic groups; rewrite the pattern without them (a negative "
                            + "lookahead is often an excludedOutput pattern)."
                    : "Fix the pattern: container-structure-test matches with Go's RE2 syntax, and so does Factory (RE2/J); "
                            + "escape a literal ( [ { * + ? . with a backslash, e.g. '\\\\(' in a YAML double-quoted string "
                            + "or '\\(' in a single-quoted one.";
            throw Fields.error(at,
                    "invalid regular expression '" + source + "' in " + what + " '" + name + "': " + problem, fix);
        }
    }

    /** Whether java.util.regex compiles the pattern (compiled only, never matched): RE2 refused a Java-only feature. */
    private static boolean javaAccepts(String source) {
        try {
            java.util.regex.Pattern.compile(source);
            return true;
        } catch (java.util.regex.PatternSyntaxException e) {
            return false;
        }
    }

    private static List<YamlNode> list(YamlNode n, String key) {
        if (n == null || n.isNull()) {
            return List.of();
        }
        if (!n.isList()) {
            throw Fields.error(n, "'" + key + "' must be a list", "Write each entry on its own '- ' line.");
        }
        return n.items();
    }

    private static Duration duration(Fields f, String key, Duration fallback) {
        if (!f.has(key)) {
            return fallback;
        }
        String text = f.string(key);
        Duration d = Durations.parse(text);
        if (d == null || d.isZero()) {
            throw Fields.error(f.raw(key), "'" + text + "' is not a duration",
                    "Write it as 30s, 500ms, 2m or 1m30s (a bare number means seconds).");
        }
        return d;
    }

    private static int integer(Fields f, String key, int fallback, String label) {
        if (!f.has(key)) {
            return fallback;
        }
        String text = f.string(key);
        try {
            return Integer.parseInt(text.trim());
        } catch (NumberFormatException e) {
            throw Fields.error(f.raw(key), "'" + key + "' of " + label + " is '" + text + "', not a whole number",
                    "Write a number such as 0.");
        }
    }

    private static boolean bool(Fields f, String key, boolean fallback) {
        if (!f.has(key)) {
            return fallback;
        }
        String text = f.string(key).trim();
        if (text.equals("true") || text.equals("false")) {
            return Boolean.parseBoolean(text);
        }
        throw Fields.error(f.raw(key), "'" + key + "' is '" + text + "', not true or false", "Write true or false.");
    }

    /** A test's name, refused when it holds a control character (it is printed in logs and reports). */
    private static String name(Fields f) {
        String name = f.string("name");
        ControlCharacters.check(f.raw("name"), name, "the test name",
                "test names are printed in the build log, the evidence and the JUnit reports, where a line break would "
                        + "start a line of its own (a forged result line)");
        return name;
    }

    /** A path in the image, refused when it holds a control character (it is shown in the evidence, one per line). */
    private static String path(Fields f) {
        String path = f.string("path");
        ControlCharacters.check(f.raw("path"), path, "the path",
                "paths are shown in the evidence and reports, one per line");
        return path;
    }

    /** "command test 'name'" when the name is there to read, for messages about the test's own fields. */
    private static String label(YamlNode n, String kind) {
        YamlNode name = n.isMap() ? n.get("name") : null;
        return name != null && name.isScalar() ? kind + " '" + name.text() + "'" : kind;
    }

    private static Origin origin(YamlNode n, Block block) {
        return new Origin(block.source(), n.location().file(), n.location().line());
    }
}
