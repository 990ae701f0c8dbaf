package dev.factory.sbom;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.Optional;

/** Finds a program on a PATH without starting it (starting processes is ProcessRunner's job alone). */
public final class Executables {
    private Executables() {}

    /** The first executable regular file called {@code name} in the directories of {@code pathVariable}. */
    public static Optional<Path> find(String name, String pathVariable) {
        if (pathVariable == null || pathVariable.isEmpty()) {
            return Optional.empty();
        }
        for (String dir : pathVariable.split(File.pathSeparator)) {
            if (dir.isEmpty()) {
                continue;
            }
            try {
                Path candidate = Path.of(dir, name);
                if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
                    return Optional.of(candidate);
                }
            } catch (InvalidPathException e) {
                // a malformed PATH entry cannot hold the program; look at the next one
            }
        }
        return Optional.empty();
    }

    /** {@link #find} on this process's PATH. */
    public static Optional<Path> onPath(String name) {
        return find(name, System.getenv("PATH"));
    }
}
