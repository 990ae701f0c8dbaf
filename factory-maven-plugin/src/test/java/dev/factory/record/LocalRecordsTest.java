package dev.factory.record;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class LocalRecordsTest {
    @TempDir
    Path project;

    @Test
    void aHugeFileInTheRecordsFolderIsSkippedUnreadNamingItsSize() throws IOException {
        Path dir = Files.createDirectories(project.resolve("target/factory/records/app"));
        try (RandomAccessFile f = new RandomAccessFile(dir.resolve("huge.json").toFile(), "rw")) {
            f.setLength(20L * 1024 * 1024); // sparse: never written, so never read either
        }
        long start = System.nanoTime();
        LoadedRecords loaded = LocalRecords.read(project.resolve("target/factory/records"), project);
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000);
        assertEquals(0, loaded.records().size());
        assertEquals("target/factory/records/app/huge.json", loaded.skipped().get(0).source());
        assertEquals("20.0 MiB (20971520 bytes), more than the 1.0 MiB (1048576 bytes) a record may be "
                + "(factory.maxInputSize raises it); skipped unread", loaded.skipped().get(0).reason());
        assertEquals(0,
                LocalRecords.read(project.resolve("target/factory/records"), project, 32L * 1024 * 1024).records()
                        .size(),
                "under a raised limit it is read, and is no record");
        assertTrue(LocalRecords.read(project.resolve("target/factory/records"), project, 32L * 1024 * 1024).skipped()
                .get(0)
                .reason().startsWith("not JSON"));
    }

    @Test
    void aRecordRewrittenInPlaceIsReadAgainNotTakenFromWhatWasParsedBefore() throws IOException {
        Path dir = Files.createDirectories(project.resolve("records/jre"));
        Path file = dir.resolve("jre-17--linux-amd64--x.json");
        CompatibilityRecord pass = Fixtures.record("jre", "jres", java.util.Map.of("core.version", "17"), "linux/amd64",
                "pass",
                java.time.Instant.parse("2026-11-25T10:15:30Z"));
        Files.write(file, RecordFiles.bytes(pass));
        assertEquals("pass", LocalRecords.read(project.resolve("records"), project).records().get(0).record().status());
        CompatibilityRecord fail = Fixtures.record("jre", "jres", java.util.Map.of("core.version", "17"), "linux/amd64",
                "fail",
                java.time.Instant.parse("2026-11-25T10:15:31Z"));
        Files.write(file, RecordFiles.bytes(fail));
        Files.setLastModifiedTime(file, java.nio.file.attribute.FileTime.fromMillis(System.currentTimeMillis() + 5000));
        assertEquals("fail", LocalRecords.read(project.resolve("records"), project).records().get(0).record().status(),
                "another size and time: parsed again");
    }

    @Test
    void readBoundedStopsAtTheLimit() throws IOException {
        Path file = project.resolve("r.json");
        Files.writeString(file, "x".repeat(100));
        assertEquals(100, LocalRecords.readBounded(file, 100).length);
        assertEquals(null, LocalRecords.readBounded(file, 99));
    }
}
