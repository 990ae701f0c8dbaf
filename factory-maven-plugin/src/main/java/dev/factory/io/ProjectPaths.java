package dev.factory.io;

import java.nio.file.Path;

/** Paths as messages show them: relative to the project when inside it, so a log reads the same on every machine. */
public final class ProjectPaths {
    private ProjectPaths() {}

    /** {@code file} relative to {@code projectDir} when it lies below it, else absolute; both normalized. */
    public static String display(Path projectDir, Path file) {
        Path abs = file.toAbsolutePath().normalize();
        Path base = projectDir.toAbsolutePath().normalize();
        return abs.startsWith(base) ? base.relativize(abs).toString() : abs.toString();
    }
}
