package dev.factory.sbom;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.io.OutputTimestamp;
import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Instant;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The small pieces: generator choice, output timestamp, PATH lookup, file names. */
class SbomSettingsTest {

    @Test
    void generatorValues() {
        assertEquals(SbomGenerator.AUTO, SbomGenerator.parse(null));
        assertEquals(SbomGenerator.SYFT, SbomGenerator.parse(" Syft "));
        assertEquals(SbomGenerator.BUILTIN, SbomGenerator.parse("builtin"));
        BadInputException e = assertThrows(BadInputException.class, () -> SbomGenerator.parse("trivy"));
        assertTrue(e.getMessage().startsWith("factory.sbom.generator is 'trivy'"), e.getMessage());
        assertEquals(SbomGenerator.SYFT, SbomGenerator.AUTO.resolve(true));
        assertEquals(SbomGenerator.BUILTIN, SbomGenerator.AUTO.resolve(false));
        assertEquals(SbomGenerator.BUILTIN, SbomGenerator.BUILTIN.resolve(true));
        assertEquals(SbomGenerator.SYFT, SbomGenerator.SYFT.resolve(true));
    }

    @Test
    void outputTimestampAsMavenReadsIt() {
        assertEquals(Optional.empty(), OutputTimestamp.parse(null));
        assertEquals(Optional.empty(), OutputTimestamp.parse("a"));
        assertEquals(Optional.of(Instant.parse("2026-11-25T00:00:00Z")), OutputTimestamp.parse("2026-11-25T00:00:00Z"));
        assertEquals(Optional.of(Instant.parse("2026-11-24T22:00:00Z")),
                OutputTimestamp.parse("2026-11-25T00:00:00+02:00"));
        assertEquals(Optional.of(Instant.ofEpochSecond(1_700_000_000L)), OutputTimestamp.parse("1700000000"));
        BadInputException e = assertThrows(BadInputException.class, () -> OutputTimestamp.parse("yesterday"));
        assertTrue(e.getMessage().contains("project.build.outputTimestamp is 'yesterday'"), e.getMessage());
        assertEquals(0, OutputTimestamp.orNow(null).getNano());
    }

    @Test
    void findsExecutablesOnAPath(@TempDir Path dir) throws IOException {
        Path a = Files.createDirectories(dir.resolve("a"));
        Path b = Files.createDirectories(dir.resolve("b"));
        Files.writeString(a.resolve("syft"), "not executable");
        Path tool = Files.writeString(b.resolve("syft"), "#!/bin/sh\n");
        tool.toFile().setExecutable(true);
        String path = a + File.pathSeparator + File.pathSeparator + b;
        assertEquals(Optional.of(tool), Executables.find("syft", path));
        assertEquals(Optional.empty(), Executables.find("syft", a.toString()));
        assertEquals(Optional.empty(), Executables.find("syft", ""));
    }

    @Test
    void platformSlugsAndClassifiers() {
        assertEquals("linux-arm-v7", SbomFiles.slug("linux/arm/v7"));
        assertEquals("orders-api-linux-arm64-sbom", SbomFiles.classifier("orders-api", "linux/arm64"));
    }

    @Test
    void distroFromOsRelease() {
        Distro d = Distro.parse(
                "# comment\nNAME='Alpine Linux'\nID=alpine\nVERSION_ID=3.19.1\nPRETTY_NAME=\"Alpine \\\"Linux\\\" v3.19\"\n");
        assertEquals("alpine", d.id());
        assertEquals("alpine-3.19.1", d.qualifier());
        assertEquals("Alpine \"Linux\" v3.19", d.prettyName());
        assertEquals(null, Distro.parse("NAME=x").qualifier());
    }

    static void makeExecutable(Path file) throws IOException {
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rwxr-xr-x"));
    }
}
