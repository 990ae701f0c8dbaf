package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

class ChecksTest {
    private final TestSpecParser parser = new TestSpecParser(Path.of("."), Duration.ofSeconds(60));

    private SmokeTest one(String block) {
        return parser.parseBlock(TestSpecParserTest.tests("tests:\n" + block), "manifest app", true).get(0);
    }

    @Test
    void commandChecksExitCodeAndBothStreams() {
        SmokeTest.Command t = (SmokeTest.Command) one("  commandTests:\n    - name: c\n      command: x\n"
                + "      expectedOutput: ['^hello$']\n      excludedOutput: ['ERROR']\n      expectedError: ['warn']\n"
                + "      excludedError: ['fatal']\n");
        assertEquals(List.of(), Checks.command(t, 0, "hello", "a warning\n"));
        assertEquals(1, Checks.command(t, 0, "hello\n", "a warning\n").size(),
                "as in Go's RE2 (container-structure-test), $ without (?m) is the end of the text, not before a final newline");
        List<Checks.Problem> p = Checks.command(t, 2, "ERROR: bye\n", "fatal\n");
        assertEquals(5, p.size());
        assertEquals("exit code 2, expected 0", p.get(0).message());
        assertEquals("stdout does not match '^hello$'", p.get(1).message());
        assertEquals("stdout matches excluded 'ERROR' (found 'ERROR')", p.get(2).message());
        assertEquals("stderr does not match 'warn'", p.get(3).message());
        assertTrue(p.get(4).render().contains("expected: stderr not matching /fatal/"), p.get(4).render());
        assertTrue(p.get(4).render().contains("actual:   fatal"), p.get(4).render());
    }

    @Test
    void fileExistenceChecksModeOwnerAndExecutableBits() {
        SmokeTest.FileExistence t = (SmokeTest.FileExistence) one(
                "  fileExistenceTests:\n    - {name: f, path: /bin/app, "
                        + "permissions: '-rwxr-x---', uid: 10001, gid: 0, isExecutableBy: other}\n");
        TarEntry ok = entry(FileModes.Type.FILE, 0750, 10001, 0);
        List<Checks.Problem> p = Checks.fileExistence(t, ok);
        assertEquals(1, p.size(), "only 'other' cannot execute it");
        assertEquals("/bin/app is not executable by other", p.get(0).message());
        List<Checks.Problem> wrong = Checks.fileExistence(t, entry(FileModes.Type.FILE, 0644, 0, 0));
        assertEquals("/bin/app has permissions -rw-r--r--, expected -rwxr-x---", wrong.get(0).message());
        assertEquals("/bin/app is owned by uid 0, expected 10001", wrong.get(1).message());
        assertEquals("/bin/app does not exist", Checks.fileExistence(t, null).get(0).message());
    }

    @Test
    void fileThatMustNotExist() {
        SmokeTest.FileExistence t = (SmokeTest.FileExistence) one(
                "  fileExistenceTests:\n    - {name: f, path: /x, shouldExist: false}\n");
        assertEquals(List.of(), Checks.fileExistence(t, null));
        assertEquals("/x exists but should not",
                Checks.fileExistence(t, entry(FileModes.Type.DIRECTORY, 0755, 0, 0)).get(0).message());
    }

    @Test
    void fileContent() {
        SmokeTest.FileContent t = (SmokeTest.FileContent) one(
                "  fileContentTests:\n    - {name: f, path: /etc/os-release, "
                        + "expectedContents: ['ID=debian'], excludedContents: ['ubuntu']}\n");
        assertEquals(List.of(), Checks.fileContent(t, "NAME=x\nID=debian\n"));
        assertEquals(2, Checks.fileContent(t, "ID=ubuntu\n").size());
    }

    @Test
    void metadataAgainstTheImageConfig() throws IOException {
        JsonNode config = Json.mapper().readTree(String.join("\n",
                "{\"User\": \"app\", \"Env\": [\"PATH=/usr/bin\", \"JAVA_OPTS=-Xmx1g\"], \"Entrypoint\": [\"java\", \"-jar\"],",
                " \"Cmd\": null, \"WorkingDir\": \"/app\", \"ExposedPorts\": {\"8080/tcp\": {}},",
                " \"Volumes\": {\"/data\": {}}, \"Labels\": {\"org.opencontainers.image.version\": \"1.2.3\"},",
                " \"Healthcheck\": {\"Test\": [\"CMD\", \"curl\", \"-f\", \"http://127.0.0.1:8080/health\"]}}"));
        SmokeTest.Metadata ok = (SmokeTest.Metadata) one(String.join("\n",
                "  metadataTest:",
                "    envVars: [{key: JAVA_OPTS, value: '-Xmx\\d+g', isRegex: true}, {key: PATH, value: /usr/bin}]",
                "    unboundEnvVars: [DEBUG]",
                "    labels: [{key: org.opencontainers.image.version, value: '^1\\.', isRegex: true}]",
                "    entrypoint: [java, -jar]",
                "    cmd: []",
                "    workdir: /app",
                "    user: app",
                "    exposedPorts: ['8080', '8080/tcp']",
                "    unexposedPorts: ['80', '8080/udp']",
                "    volumes: [/data]",
                "    unmountedVolumes: [/tmp]",
                "    healthcheck: true",
                ""));
        assertEquals(List.of(), Checks.metadata(ok, config));
        SmokeTest.Metadata bad = (SmokeTest.Metadata) one(String.join("\n",
                "  metadataTest:",
                "    envVars: [{key: JAVA_OPTS, value: -Xmx2g}, {key: MISSING, value: x}]",
                "    unboundEnvVars: [PATH]",
                "    entrypoint: []",
                "    cmd: [sh]",
                "    user: root",
                "    exposedPorts: ['9090']",
                "    volumes: [/var]",
                "    healthcheck: false",
                ""));
        List<Checks.Problem> p = Checks.metadata(bad, config);
        List<String> messages = p.stream().map(Checks.Problem::message).toList();
        assertEquals(List.of(
                "environment variable JAVA_OPTS is '-Xmx1g', expected '-Xmx2g'",
                "environment variable MISSING is not set",
                "environment variable PATH is set but should not be",
                "entrypoint is [java, -jar], expected []",
                "cmd is [], expected [sh]",
                "user is 'app', expected 'root'",
                "port 9090 is not exposed",
                "volume /var is not declared",
                "the image declares a HEALTHCHECK"), messages);
    }

    @Test
    void httpAnswer() {
        SmokeTest.Service s = (SmokeTest.Service) one(String.join("\n",
                "  serviceTests:",
                "    - name: s",
                "      port: 8080",
                "      requests:",
                "        - path: /health",
                "          expectedStatus: 200",
                "          expectedBody: ['\"status\":\"UP\"']",
                "          excludedBody: ['DOWN']",
                "          expectedHeaders: {content-type: 'application/json'}",
                ""));
        SmokeTest.HttpCheck r = s.requests().get(0);
        assertEquals(List.of(),
                Checks.http(r, 200, Map.of("Content-Type", List.of("application/json")), "{\"status\":\"UP\"}"));
        List<Checks.Problem> p = Checks.http(r, 503, Map.of(), "DOWN");
        assertEquals("GET /health answered 503, expected 200", p.get(0).message());
        assertEquals(4, p.size());
        assertEquals("GET /health: header content-type is missing", p.get(3).message());
    }

    private static TarEntry entry(FileModes.Type type, int mode, long uid, long gid) {
        return new TarEntry("x", type, mode, uid, gid, 0, null, "".getBytes(StandardCharsets.UTF_8), false);
    }
}
