package dev.factory.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.condition.DisabledOnOs;
import org.junit.jupiter.api.condition.OS;
import org.junit.jupiter.api.io.TempDir;

/** syft itself is not installed here: a stand-in script plays it, to check the argv and the handling of its output. */
@DisabledOnOs(OS.WINDOWS)
class SyftTest {
    static final ImageTarget TARGET = CycloneDxTest.TARGET;

    @TempDir
    Path dir;

    Syft fake(String body) throws IOException {
        Path script = dir.resolve("syft");
        Files.writeString(script, "#!/bin/sh\n" + body);
        SbomSettingsTest.makeExecutable(script);
        return new Syft(script);
    }

    @Test
    void runsSyftWithAnArgvAndNormalisesItsOutput() throws IOException {
        Path args = dir.resolve("args");
        Syft syft = fake("printf '%s\\n' \"$@\" > " + args + "\n"
                + "echo \"$SYFT_CHECK_FOR_APP_UPDATE\" >> " + args + "\n"
                + "cat <<'EOF'\n{\"bomFormat\":\"CycloneDX\",\"specVersion\":\"1.6\",\"version\":1,\"components\":["
                + "{\"type\":\"library\",\"bom-ref\":\"b\",\"name\":\"zlib1g\",\"version\":\"1\",\"purl\":\"pkg:deb/debian/zlib1g@1\"},"
                + "{\"type\":\"library\",\"bom-ref\":\"a\",\"name\":\"bash\",\"version\":\"5\",\"purl\":\"pkg:deb/debian/bash@5\"}]}\n"
                + "EOF\n");
        byte[] out = syft.cyclonedx(TARGET);
        assertEquals(List.of(TARGET.ref(), "-o", "cyclonedx-json", "-q", "--platform", "linux/amd64", "false"),
                Files.readAllLines(args));
        CycloneDx.Document doc = CycloneDx.fromSyft(TARGET, out, Instant.parse("2026-11-25T00:00:00Z"), "0.1.0");
        JsonNode bom = Json.mapper().readTree(doc.bytes());
        assertEquals("bash", bom.path("components").get(0).path("name").asText());
        assertEquals("container", bom.path("metadata").path("component").path("type").asText());
        assertEquals("syft", bom.path("metadata").path("properties").get(0).path("value").asText());
    }

    @Test
    void aFailingSyftIsAnEnvironmentErrorWithItsLastWords() throws IOException {
        Syft syft = fake("echo 'could not fetch image \"x\": unable to load image: not found' >&2\nexit 1\n");
        EnvironmentException e = assertThrows(EnvironmentException.class, () -> syft.cyclonedx(TARGET));
        assertTrue(
                e.getMessage().startsWith("syft failed for " + TARGET.describe() + " (exit 1): could not fetch image"),
                e.getMessage());
        assertTrue(e.getMessage().contains("run factory:bake again"), e.getMessage());
    }
}
