package dev.factory.report;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import dev.factory.record.Fixtures;
import dev.factory.record.RecordFiles;
import dev.factory.record.RecordSource;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildConclusionTest {
    private static final Instant DAY1 = Instant.parse("2026-11-24T09:00:00Z");
    private static final Instant DAY2 = Instant.parse("2026-11-25T09:00:00Z");

    @TempDir
    Path dir;

    private final List<String> infos = new ArrayList<>();

    private ReportRequest request(Path records) {
        return new ReportRequest(dir, dir.resolve("target/factory"), RecordSource.LOCAL, records, null, Map.of(),
                () -> null,
                infos::add, infos::add, line -> {});
    }

    private void write(Path records, String core, String status, Instant created) {
        RecordFiles.writeAll(records,
                List.of(Fixtures.record("jre", "jres", Map.of("core.version", core), "linux/amd64",
                        status, created)),
                RecordFiles::randomSuffix);
    }

    @Test
    void aFailingRecordOfThisBuildFailsItAndOneOfAnEarlierRunDoesNot() {
        Path records = dir.resolve("target/factory/records");
        write(records, "17", "fail", DAY1);
        write(records, "21", "pass", DAY2);
        assertTrue(BuildConclusion.conclude(request(records), null, DAY2).isPresent());
        assertTrue(infos.contains("Where to look:"), infos.toString());
        assertTrue(infos.contains("  records  target/factory/records"), infos.toString());

        write(records, "25", "error", DAY2.plusSeconds(5));
        BadInputException e = assertThrows(BadInputException.class,
                () -> BuildConclusion.conclude(request(records), null, DAY2));
        assertTrue(e.getMessage()
                .startsWith("1 variant(s) of this build did not pass (records in " + records + "; matrix in "
                        + dir.resolve("target/factory/compatibility.md") + "):\n  jre-25"),
                e.getMessage());
    }

    @Test
    void withoutTestsNothingFailsAndWithoutRecordsNothingIsReported() {
        Path records = dir.resolve("target/factory/records");
        assertTrue(BuildConclusion.conclude(request(records), "skipITs", DAY2).isEmpty());
        assertEquals(List
                .of("Skipping factory:report (skipITs: nothing was tested, and there are no records of earlier runs "
                        + "in target/factory/records)"),
                infos);
        assertTrue(Files.notExists(dir.resolve("target/factory/compatibility.md")));

        write(records, "17", "fail", DAY2);
        infos.clear();
        assertTrue(BuildConclusion.conclude(request(records), "skipTests", DAY2).isPresent());
        assertEquals("Nothing was tested (skipTests): the matrix shows the records of earlier runs, and fails nothing",
                infos.get(0));
    }
}
