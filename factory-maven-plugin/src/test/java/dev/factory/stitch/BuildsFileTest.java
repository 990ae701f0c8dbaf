package dev.factory.stitch;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class BuildsFileTest {
    @Test
    void aMissingFileSaysHowToStitchInBothKindsOfProject(@TempDir Path dir) {
        BadInputException e = assertThrows(BadInputException.class, () -> BuildsFile.read(dir));
        assertEquals(dir.resolve("builds.json")
                + " does not exist: run factory:stitch first. A lifecycle phase such as mvn "
                + "package does: with packaging factory, or in a jar project whose pom binds Factory's goals (as the archetype's "
                + "does), it runs factory:stitch, the jar (in a jar project), then factory:bake, in that order. To name the goals "
                + "yourself: mvn factory:stitch factory:bake, once the files the Dockerfiles copy (a jar project's jar) exist.",
                e.getMessage());
    }
}
