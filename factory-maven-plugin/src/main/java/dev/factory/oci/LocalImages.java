package dev.factory.oci;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.docker.ProcessRunner;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;

/**
 * Images in the local engine, exported with {@code docker image save} into a temporary archive (the
 * compressed layers as the engine stores them; nothing is extracted) and read from there.
 */
public final class LocalImages {
    private final Docker docker;
    private final Path tempDir;
    private final Duration timeout;

    /**
     * @param tempDir where exports are spooled (e.g. {@code target/factory/tmp}); null for the system default
     * @param timeout how long an export may take
     */
    public LocalImages(Docker docker, Path tempDir, Duration timeout) {
        this.docker = docker;
        this.tempDir = tempDir;
        this.timeout = timeout;
    }

    /** Exports {@code ref}; the caller closes the archive, which deletes the spooled file. */
    public ImageArchive export(String ref) {
        Path spool;
        try {
            if (tempDir != null) {
                Files.createDirectories(tempDir);
            }
            spool = tempDir == null ? Files.createTempFile("factory-save-", ".tar")
                    : Files.createTempFile(tempDir, "factory-save-", ".tar");
        } catch (IOException e) {
            throw new EnvironmentException("Cannot create a temporary file to export " + ref + " (" + e.getMessage()
                    + "); check the free space and permissions of " + (tempDir == null ? "java.io.tmpdir" : tempDir)
                    + ".", e);
        }
        try {
            ProcessRunner.Result result = docker.read(List.of("image", "save", ref), timeout, in -> {
                try (OutputStream out = Files.newOutputStream(spool)) {
                    in.transferTo(out);
                }
            });
            if (result.timedOut()) {
                throw new EnvironmentException("Exporting " + ref
                        + " from the local engine (docker image save) did not "
                        + "finish within " + timeout.toSeconds() + " s; check the engine, or raise the timeout.");
            }
            if (result.exitCode() != 0) {
                String err = result.stderr().trim();
                String lower = err.toLowerCase(Locale.ROOT);
                if (lower.contains("no such image") || lower.contains("not found")
                        || lower.contains("reference does not exist")) {
                    throw new BadInputException(
                            "Image " + ref + " was not found in the local engine; build it first with "
                                    + "factory:bake (or docker pull " + ref + ").");
                }
                throw new EnvironmentException("docker image save " + ref + " failed (exit " + result.exitCode() + "): "
                        + Docker.lastLines(err, 5));
            }
            return ImageArchive.open(spool, true, "the local engine's image " + ref);
        } catch (IOException | ProcessRunner.OutputReadException e) {
            deleteQuietly(spool);
            String why = e instanceof ProcessRunner.OutputReadException r ? r.getCause().getMessage() : e.getMessage();
            throw new EnvironmentException("Cannot export " + ref + " from the local engine: " + why
                    + ". Check the free disk space under " + spool.getParent() + ".", e);
        } catch (RuntimeException e) {
            deleteQuietly(spool);
            throw e;
        }
    }

    /** One platform of an exported archive, with read failures turned into an {@link EnvironmentException}. */
    public static Image image(ImageArchive archive, String ref, Platform platform) {
        try {
            return archive.image(ref, platform);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the exported image " + ref + ": " + e.getMessage(), e);
        }
    }

    private static void deleteQuietly(Path file) {
        try {
            Files.deleteIfExists(file);
        } catch (IOException ignored) {
            // best effort: the file is in a temporary directory
        }
    }
}
