package dev.factory.bake;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageLabelsTest {
    private static final Instant START = Instant.parse("2026-12-02T08:00:00Z");

    @Test
    void aPinnedOutputTimestampDatesTheImageAndIsPassedToTheBuild(@TempDir Path project) {
        assertEquals(Map.of("org.opencontainers.image.source", "https://example.org/app",
                "org.opencontainers.image.version", "1.0", "org.opencontainers.image.created", "2026-11-25T00:00:00Z"),
                ImageLabels.of(project, "https://example.org/app", "1.0", "2026-11-25T00:00:00Z", START));
        assertEquals(Map.of("SOURCE_DATE_EPOCH", "1795564800"), ImageLabels.buildArgs("2026-11-25T00:00:00Z"));
        assertEquals(Map.of("SOURCE_DATE_EPOCH", "1795564800"), ImageLabels.buildArgs("1795564800"));
    }

    @Test
    void withoutOneTheBuildsStartDatesItAndNothingIsPassed(@TempDir Path project) {
        // not a git repository, no source URL: no revision, no source
        assertEquals(
                Map.of("org.opencontainers.image.version", "1.0", "org.opencontainers.image.created", START.toString()),
                ImageLabels.of(project, null, "1.0", null, START));
        assertEquals(Map.of(), ImageLabels.buildArgs(""));
        assertEquals(Map.of(), ImageLabels.buildArgs(null));
    }

    @Test
    void aMalformedOneIsNamed() {
        BadInputException e = assertThrows(BadInputException.class, () -> ImageLabels.buildArgs("yesterday"));
        assertEquals(true, e.getMessage().startsWith("project.build.outputTimestamp is 'yesterday'"), e.getMessage());
    }
}
