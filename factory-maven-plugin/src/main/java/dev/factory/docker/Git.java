package dev.factory.docker;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

/** The source revision of a project, for image labels and records. Absent git or repository gives nulls. */
public final class Git {
    private static final Duration TIMEOUT = Duration.ofSeconds(10);

    private Git() {}

    /** The commit checked out in {@code dir}, or null. */
    public static String revision(Path dir) {
        ProcessRunner.Result r = git(dir, "rev-parse", "HEAD");
        return r != null && r.ok() ? r.stdout().trim() : null;
    }

    /** Whether tracked files differ from the commit; null when unknown. */
    public static Boolean dirty(Path dir) {
        ProcessRunner.Result r = git(dir, "status", "--porcelain", "--untracked-files=no");
        return r != null && r.ok() ? !r.stdout().isBlank() : null;
    }

    private static ProcessRunner.Result git(Path dir, String... args) {
        List<String> argv = new java.util.ArrayList<>(List.of("git", "-C", dir.toString()));
        argv.addAll(List.of(args));
        try {
            return ProcessRunner.run(ProcessRunner.Command.of(argv).timeout(TIMEOUT));
        } catch (MissingToolException e) {
            return null;
        }
    }
}
