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
        assertEquals(0, LocalRecords.read(project.resolve("target/factory/records"), project, 32L * 1024 * 1024).records().size(),
                "under a raised limit it is read, and is no record");
        assertTrue(LocalRecords.read(project.resolve("target/factory/records"), project, 32L * 1024 * 1024).skipped().get(0)
                .reason().startsWith("not JSON"));
    }
}
