package dev.factory.manifest;

import static dev.factory.testing.TestFiles.write;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.io.IOException;
import java.nio.file.Path;

/** Manifests and plans written as text into a test's folder, and the message with which the loader refuses them. */
final class InputFiles {
    private InputFiles() {}

    /** Writes the manifest {@code text} to {@code rel} in {@code dir}: the message of the loader's refusal. */
    static String manifestRefusal(Path dir, String rel, String text) throws IOException {
        Path f = write(dir, rel, text);
        return assertThrows(BadInputException.class, () -> new ManifestLoader(dir).loadManifest(f)).getMessage();
    }

    /** Writes the plan {@code text} to {@code rel} in {@code dir}: the message of the loader's refusal. */
    static String planRefusal(Path dir, String rel, String text) throws IOException {
        Path f = write(dir, rel, text);
        return assertThrows(BadInputException.class, () -> new ManifestLoader(dir).loadPlan(f)).getMessage();
    }
}
