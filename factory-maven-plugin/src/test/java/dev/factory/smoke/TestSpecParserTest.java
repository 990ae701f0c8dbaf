package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.params.provider.Arguments.arguments;

import dev.factory.BadInputException;
import dev.factory.manifest.YamlNode;
import dev.factory.manifest.YamlReader;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

class TestSpecParserTest {
    private final Path project = project();
    private final TestSpecParser parser = new TestSpecParser(project, Duration.ofSeconds(60));

    static Path project() {
        try {
            return Path.of(TestSpecParserTest.class.getResource("/dev/factory/smoke/project").toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The {@code tests:} node of a manifest written as text. */
    static YamlNode tests(String manifestText) {
        return YamlReader.read(manifestText.getBytes(StandardCharsets.UTF_8), "src/main/factory/manifests/app.yaml")
                .get("tests");
    }

    private List<SmokeTest> block(String text) {
        return parser.parseBlock(tests(text), "manifest app", true);
    }

    @Test
    void readsEveryKindOfAManifestBlock() {
        List<SmokeTest> tests = block(String.join("\n",
                "id: app",
                "tests:",
                "  timeout: 30s",
                "  commandTests:",
                "    - name: greets",
                "      command: echo",
                "      args: [hello]",
                "      expectedOutput: ['^hello$']",
                "      exitCode: 0",
                "      timeout: 5s",
                "    - name: with entrypoint",
                "      entrypoint: [sh, -c]",
                "      command: 'exit 3'",
                "      exitCode: 3",
                "  fileExistenceTests:",
                "    - name: no shell history",
                "      path: /root/.bash_history",
                "      shouldExist: false",
                "  fileContentTests:",
                "    - name: os",
                "      path: /etc/os-release",
                "      expectedContents: ['ID=debian']",
                "  metadataTest:",
                "    user: app",
                "    exposedPorts: ['8080']",
                "    healthcheck: true",
                "  serviceTests:",
                "    - name: answers",
                "      port: 8080",
                "      readiness: {http: /health, timeout: 20s}",
                "      requests:",
                "        - path: /",
                "          expectedBody: ['ok']",
                "          expectedHeaders: {Content-Type: 'text/.*'}",
                ""));
        assertEquals(6, tests.size());
        SmokeTest.Command greets = (SmokeTest.Command) tests.get(0);
        assertEquals("greets", greets.name());
        assertEquals(Duration.ofSeconds(5), greets.timeout());
        assertEquals(List.of("hello"), greets.args());
        assertNull(greets.entrypoint());
        assertEquals(new Origin("manifest app", "src/main/factory/manifests/app.yaml", 5), greets.origin());
        SmokeTest.Command withEntrypoint = (SmokeTest.Command) tests.get(1);
        assertEquals(Duration.ofSeconds(30), withEntrypoint.timeout(), "the block's timeout is the default");
        assertEquals(List.of("sh", "-c"), withEntrypoint.entrypoint());
        assertEquals(3, withEntrypoint.exitCode());
        SmokeTest.FileExistence fe = (SmokeTest.FileExistence) tests.get(2);
        assertFalse(fe.shouldExist());
        assertNull(fe.uid());
        SmokeTest.Metadata m = (SmokeTest.Metadata) tests.get(4);
        assertEquals("metadata (manifest app)", m.name());
        assertEquals("app", m.user());
        assertTrue(m.healthcheck());
        assertNull(m.cmd(), "cmd not given means not checked");
        SmokeTest.Service s = (SmokeTest.Service) tests.get(5);
        assertEquals(8080, s.port());
        assertEquals("/health", s.readiness().httpPath());
        assertEquals(200, s.readiness().status());
        assertEquals(Duration.ofSeconds(20), s.readiness().timeout());
        assertEquals(200, s.requests().get(0).expectedStatus());
        assertEquals("GET", s.requests().get(0).method());
    }

    @Test
    void readsAContainerStructureTestFileUnchanged() {
        List<SmokeTest> tests = parser.parseFile(project.resolve("src/test/cst/python.yaml"));
        assertEquals(7, tests.size());
        SmokeTest.Command gunicorn = (SmokeTest.Command) tests.get(0);
        assertEquals(List.of(List.of("virtualenv", "/env"), List.of("pip", "install", "gunicorn", "flask")),
                gunicorn.setup());
        assertEquals("PATH", gunicorn.env().get(1).key(), "globalEnvVars apply to every command test");
        assertEquals("/env/bin:$PATH", gunicorn.env().get(1).value(), "expanded against the image's env when run");
        assertEquals("root", gunicorn.options().user());
        assertTrue(gunicorn.options().privileged());
        assertTrue(gunicorn.options().tty());
        assertEquals(List.of("SECRET_KEY_FOO"), gunicorn.options().envPassthrough());
        assertEquals(List.of("NET_BIND_SERVICE"), gunicorn.options().capabilities());
        assertEquals(List.of("/etc/example/dir:/etc/dir"), gunicorn.options().bindMounts());
        SmokeTest.Command hello = (SmokeTest.Command) tests.get(2);
        assertEquals(List.of("-c", "echo hello &&\necho world\n"), hello.args());
        SmokeTest.FileExistence root = (SmokeTest.FileExistence) tests.get(3);
        assertEquals(0L, root.uid());
        assertEquals("group", root.isExecutableBy());
        SmokeTest.Metadata m = (SmokeTest.Metadata) tests.get(5);
        assertEquals(List.of(), m.entrypoint(), "entrypoint: [] means it must be empty");
        assertEquals(List.of("/bin/bash"), m.cmd());
        assertTrue(m.labels().get(1).isRegex());
        assertFalse(m.labels().get(0).isRegex());
        SmokeTest.Skipped license = (SmokeTest.Skipped) tests.get(6);
        assertEquals("licenseTests", license.kind());
        assertEquals(Duration.ofSeconds(60), license.timeout());
        assertEquals("src/test/cst/python.yaml", gunicorn.origin().file());
        assertEquals(10, gunicorn.origin().line());
    }

    @Test
    void includesFilesNamedUnderFiles() {
        List<SmokeTest> tests = block("tests:\n  timeout: 2m\n  files: [src/test/cst/python.yaml]\n");
        assertEquals(7, tests.size());
        assertEquals(Duration.ofMinutes(2), tests.get(0).timeout(),
                "the including block's timeout is the included file's default");
    }

    @Test
    void aMissingIncludedFileNamesWhereItWasListed() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> block("tests:\n  files: [src/test/cst/nope.yaml]\n"));
        assertTrue(e.getMessage().startsWith("src/main/factory/manifests/app.yaml:2:11: tests.files[0]: the test file "
                + "'src/test/cst/nope.yaml' does not exist"), e.getMessage());
    }

    @Test
    void rejectsOtherSchemaVersions() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parser.parseFile(project.resolve("src/test/cst/old.yaml")));
        assertTrue(
                e.getMessage().startsWith(
                        "src/test/cst/old.yaml:1:16: schemaVersion: schemaVersion '3.0.0' is not supported"),
                e.getMessage());
        assertTrue(e.getMessage().contains("schemas 2.0.0 (the current one) and 1.0.0"), e.getMessage());
    }

    @Test
    void readsASchema1FileAsContainerStructureTestDoes() {
        List<SmokeTest> tests = parser.parseFile(project.resolve("src/test/cst/v1.yaml"));
        assertEquals(6, tests.size());
        SmokeTest.Command apt = (SmokeTest.Command) tests.get(0);
        assertEquals("apt-get", apt.command(), "the first word of the 1.0.0 command list is the program");
        assertEquals(List.of("nosuchthing"), apt.args());
        assertEquals(100, apt.exitCode());
        assertEquals("LANG", apt.env().get(0).key(), "globalEnvVars apply to 1.0.0 command tests too");
        assertEquals(List.of("-c", "echo $PATH"), ((SmokeTest.Command) tests.get(1)).args());
        SmokeTest.FileExistence missing = (SmokeTest.FileExistence) tests.get(2);
        assertFalse(missing.shouldExist());
        SmokeTest.FileExistence perms = (SmokeTest.FileExistence) tests.get(3);
        assertTrue(perms.shouldExist(), "shouldExist defaults to true in 1.0.0 as in 2.0.0");
        assertEquals("-rw-r--r--", perms.permissions());
        assertTrue(tests.get(4) instanceof SmokeTest.FileContent);
        assertTrue(tests.get(5) instanceof SmokeTest.Skipped);
    }

    @Test
    void aSchema1FileKeepsToSchema1Fields() {
        java.nio.file.Path file = writeTemp(
                "schemaVersion: '1.0.0'\ncommandTests:\n- name: x\n  command: [echo]\n  args: [hi]\n");
        BadInputException e = assertThrows(BadInputException.class, () -> parser.parseFile(file));
        assertTrue(e.getMessage().contains("args: unknown key 'args' in command test 'x'"), e.getMessage());
        BadInputException empty = assertThrows(BadInputException.class,
                () -> parser.parseFile(writeTemp("schemaVersion: '1.0.0'\ncommandTests:\n- name: x\n  command: []\n")));
        assertTrue(empty.getMessage().contains("'command' of command test 'x' is empty"), empty.getMessage());
    }

    @Test
    void schema1IsForFilesNotBlocks() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> block("tests:\n  schemaVersion: 1.0.0\n  commandTests:\n    - name: x\n      command: echo\n"));
        assertTrue(e.getMessage().contains("schemaVersion '1.0.0' is read in container-structure-test files only"),
                e.getMessage());
    }

    @Test
    void aTestNameThatWouldForgeALogLineIsRefused() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> block("tests:\n  commandTests:\n    - name: \"ok\\n[INFO] all passed\"\n      command: echo\n"));
        assertEquals(
                "src/main/factory/manifests/app.yaml:3:13: tests.commandTests[0].name: the test name holds a line feed "
                        + "(LF, U+000A) as character 3; test names are printed in the build log, the evidence and the JUnit reports, "
                        + "where a line break would start a line of its own (a forged result line). Write it on one line without "
                        + "control characters (TAB is allowed).",
                e.getMessage());
        BadInputException path = assertThrows(BadInputException.class,
                () -> block("tests:\n  fileExistenceTests:\n    - name: p\n      path: \"/etc\\u0000x\"\n"));
        assertTrue(path.getMessage().contains("the path holds a NUL character (U+0000) as character 5"),
                path.getMessage());
    }

    @Test
    void aTestFileOverTheSizeLimitIsRefusedUnread() {
        java.nio.file.Path file = writeTemp("schemaVersion: 2.0.0\n" + "#".repeat(5000) + "\n");
        TestSpecParser small = new TestSpecParser(project, Duration.ofSeconds(60),
                new dev.factory.manifest.InputLimits(1024, 10));
        BadInputException e = assertThrows(BadInputException.class, () -> small.parseFile(file));
        assertTrue(e.getMessage()
                .contains(": the file is 4.9 KiB (5022 bytes), more than the 1.0 KiB (1024 bytes) Factory reads "
                        + "from one input file."),
                e.getMessage());
        assertTrue(e.getMessage().contains("-Dfactory.maxInputSize=1MiB"), e.getMessage());
    }

    private static java.nio.file.Path writeTemp(String text) {
        try {
            java.nio.file.Path f = java.nio.file.Files.createTempFile("cst", ".yaml");
            f.toFile().deleteOnExit();
            java.nio.file.Files.writeString(f, text);
            return f;
        } catch (java.io.IOException e) {
            throw new java.io.UncheckedIOException(e);
        }
    }

    @Test
    void anIncludedFileNeedsItsSchemaVersion() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parser.parseFile(project.resolve("src/test/cst/noversion.yaml")));
        assertTrue(e.getMessage().contains("missing 'schemaVersion'"), e.getMessage());
        assertTrue(e.getMessage().startsWith("src/test/cst/noversion.yaml:1:1"), e.getMessage());
    }

    @Test
    void anUnknownKindNamesTheNearestOne() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> block("id: app\ntests:\n  comandTests:\n    - name: x\n      command: echo\n"));
        assertTrue(
                e.getMessage().startsWith(
                        "src/main/factory/manifests/app.yaml:3:3: tests.comandTests: unknown key 'comandTests'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'commandTests'?"), e.getMessage());
    }

    @Test
    void anUnknownFieldNamesTheTestAndTheNearestField() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> block(
                        "tests:\n  commandTests:\n    - name: greets\n      command: echo\n      expectedOuput: [x]\n"));
        assertTrue(e.getMessage()
                .startsWith("src/main/factory/manifests/app.yaml:5:7: tests.commandTests[0].expectedOuput: "
                        + "unknown key 'expectedOuput' in command test 'greets'"),
                e.getMessage());
        assertTrue(e.getMessage().contains("Did you mean 'expectedOutput'?"), e.getMessage());
    }

    @Test
    void anInvalidRegexNamesTheTestAndTheFile() {
        BadInputException e = assertThrows(BadInputException.class,
                () -> parser.parseFile(project.resolve("src/test/cst/badregex.yaml")));
        assertEquals("src/test/cst/badregex.yaml:5:37: fileContentTests[0].expectedContents[1]: "
                + "invalid regular expression 'VERSION=(12' in test 'broken pattern': missing closing ): `VERSION=(12`. Fix the "
                + "pattern: container-structure-test matches with Go's RE2 syntax, and so does Factory (RE2/J); escape a literal "
                + "( [ { * + ? . with a backslash, e.g. '\\\\(' in a YAML double-quoted string or '\\(' in a single-quoted one.",
                e.getMessage());
    }

    @Test
    void aJavaOnlyPatternSaysThatContainerStructureTestUsesGosRe2() {
        for (String pattern : List.of("(a)\\\\1", "a(?=b)", "(?<!x)y", "a++")) {
            BadInputException e = assertThrows(BadInputException.class,
                    () -> block("tests:\n  commandTests:\n    - name: t\n"
                            + "      command: echo\n      expectedOutput: [\"" + pattern + "\"]\n"));
            assertTrue(e.getMessage()
                    .startsWith("src/main/factory/manifests/app.yaml:5:24: tests.commandTests[0].expectedOutput[0]: "
                            + "invalid regular expression '"),
                    e.getMessage());
            assertTrue(
                    e.getMessage()
                            .contains("Java's regular expressions accept it, but container-structure-test matches with "
                                    + "Go's RE2 syntax, and so does Factory (RE2/J): RE2 has no backreferences"),
                    e.getMessage());
        }
    }

    @Test
    void anInvalidRegexInAnEnvValueNamesTheVariable() {
        BadInputException e = assertThrows(BadInputException.class, () -> block(
                "tests:\n  metadataTest:\n    envVars:\n      - {key: JAVA_OPTS, value: '[', isRegex: true}\n"));
        assertTrue(e.getMessage().contains("invalid regular expression '[' in envVars 'JAVA_OPTS'"), e.getMessage());
    }

    /** A block of tests that the parser refuses, and what its message says. */
    static Stream<Arguments> missingFieldsAndBadValues() {
        return Stream.of(
                arguments("tests:\n  commandTests:\n    - name: x\n",
                        "missing required field 'command' in command test 'x'"),
                arguments("tests:\n  commandTests:\n    - {name: x, command: y, exitCode: one}\n",
                        "'exitCode' of command test 'x' is 'one', not a whole number"),
                arguments("tests:\n  fileExistenceTests:\n    - {name: x, path: /, permissions: '755'}\n",
                        "'755' is not a permission string"),
                arguments("tests:\n  fileExistenceTests:\n    - {name: x, path: /, isExecutableBy: ownr}\n",
                        "(did you mean 'owner'?)"),
                arguments("tests:\n  commandTests:\n    - {name: x, command: y, timeout: soon}\n",
                        "'soon' is not a duration"),
                arguments("tests:\n  commandTests:\n    - {name: x, command: y, setup: [[]]}\n",
                        "must be a non-empty command list"));
    }

    /** Service tests whose port or readiness the parser refuses, and what its message says. */
    static Stream<Arguments> badServiceReadiness() {
        return Stream.of(
                arguments("tests:\n  serviceTests:\n    - {name: s, port: 8080, readiness: {tcp: true, http: /}}\n",
                        "exactly one of 'tcp: true' or 'http: /path'"),
                arguments("tests:\n  serviceTests:\n    - {name: s, port: 70000}\n", "port 70000 is out of range"),
                arguments("tests:\n  serviceTests:\n"
                        + "    - {name: s, port: 80, timeout: 10s, readiness: {tcp: true, timeout: 30s}}\n",
                        "longer than the test's timeout"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource({"missingFieldsAndBadValues", "badServiceReadiness"})
    void requiredFieldsValuesAndServiceReadinessAreChecked(String text, String message) {
        BadInputException e = assertThrows(BadInputException.class, () -> block(text));
        assertTrue(e.getMessage().contains(message), e.getMessage());
    }

    @Test
    void aServiceIsReadyWhenItsPortTakesConnectionsAndRunsTheImagesOwnCommand() {
        SmokeTest.Service s = (SmokeTest.Service) block("tests:\n  serviceTests:\n    - {name: s, port: 80}\n").get(0);
        assertFalse(s.readiness().http(), "TCP readiness by default");
        assertNull(s.command(), "no command: the image's own entrypoint and cmd run");
    }

    @Test
    void fragmentTestsMayNotIncludeFiles() {
        YamlNode node = YamlReader.read("files: [a.yaml]\n".getBytes(StandardCharsets.UTF_8),
                "fragments/core/x/tests.yaml");
        BadInputException e = assertThrows(BadInputException.class,
                () -> parser.parseBlock(node, "fragment core/x", false));
        assertTrue(e.getMessage().contains("unknown key 'files'"), e.getMessage());
    }

    @Test
    void emptyMetadataTestsAndAbsentBlocksGiveNoTests() {
        assertEquals(List.of(), block("id: app\n"));
        assertEquals(List.of(), block("tests:\n  metadataTest: {}\n"));
    }

    @Test
    void olderEnvNameIsAcceptedButNotWithTheNewOne() {
        SmokeTest.Metadata m = (SmokeTest.Metadata) block("tests:\n  metadataTest:\n    env: [{key: A, value: b}]\n")
                .get(0);
        assertEquals("A", m.envVars().get(0).key());
        assertThrows(BadInputException.class,
                () -> block("tests:\n  metadataTest:\n    env: [{key: A}]\n    envVars: [{key: A}]\n"));
    }
}
