package dev.factory.testing;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Input files that tests write as text. */
public final class TestFiles {
    private TestFiles() {}

    /** Writes {@code text} to {@code rel} in {@code dir}, making its folders; returns the file. */
    public static Path write(Path dir, String rel, String text) throws IOException {
        Path f = dir.resolve(rel);
        Files.createDirectories(f.getParent());
        Files.writeString(f, text);
        return f;
    }
}
