package dev.factory.oci;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.docker.Containers;
import dev.factory.docker.Docker;
import dev.factory.docker.ProcessRunner;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * The final filesystem of an image in the local engine, read through a container that is created and
 * never started: {@code docker export} streams its root filesystem as one uncompressed tar, already
 * flattened by the engine (no layers, no whiteouts, no compression), much faster than
 * {@code docker image save} plus decompression. Nothing is spooled to disk; the container is removed
 * after every walk, whatever happens (and by a shutdown hook if the JVM goes down meanwhile). It is named
 * {@code factory-sbom-<run>-<n>} and labelled {@code dev.factory.run=sbom-<run>}, so a leftover can be
 * found and removed. {@code docker create --platform} runs nothing, so foreign platforms (arm64 under
 * QEMU) work without emulation.
 *
 * <p>What the export holds beyond the image: the engine's container placeholders ({@code .dockerenv},
 * empty {@code etc/hostname}, {@code etc/hosts}, {@code etc/resolv.conf}, {@code etc/mtab} as a symlink,
 * {@code dev/console}, {@code dev/pts}, {@code dev/shm}, {@code proc}, {@code sys}), which mask the image's
 * own files at those paths. What it lacks: which layer each file came from. Fine for cataloging; a faithful
 * copy (repack) reads the layers instead.
 */
public final class ContainerExport implements ImageFilesystem {
    static final String NAME_PREFIX = "factory-sbom-";
    /** Never run; only there because {@code docker create} refuses an image without a command. */
    static final String NO_COMMAND = "factory-export-only";
    static final Duration QUICK = Duration.ofSeconds(60);

    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    private final Docker docker;
    private final String ref;
    private final String platform;
    private final Duration timeout;
    private final String runId;
    private final AtomicInteger counter;

    /**
     * @param ref the image in the local engine (a per-platform reference)
     * @param platform e.g. {@code linux/arm64}; null for the engine's default
     * @param timeout how long the export may take
     */
    public ContainerExport(Docker docker, String ref, String platform, Duration timeout) {
        this(docker, ref, platform, timeout, newRunId(), new AtomicInteger());
    }

    ContainerExport(Docker docker, String ref, String platform, Duration timeout, String runId, AtomicInteger counter) {
        this.docker = docker;
        this.ref = ref;
        this.platform = platform;
        this.timeout = timeout;
        this.runId = runId;
        this.counter = counter;
    }

    /** Time plus randomness: unique enough across concurrent builds, safe in names and label values. */
    static String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return LocalDateTime.now().format(STAMP) + "-" + HexFormat.of().formatHex(random);
    }

    @Override
    public void walk(FsVisitor visitor) throws IOException {
        String name = NAME_PREFIX + runId + "-" + counter.incrementAndGet();
        Thread hook = new Thread(() -> remove(name), "factory-sbom-cleanup");
        Runtime.getRuntime().addShutdownHook(hook);
        Throwable failure = null;
        try {
            create(name);
            export(name, visitor);
        } catch (IOException | RuntimeException | Error e) {
            failure = e;
            throw e;
        } finally {
            boolean removed = remove(name);
            try {
                Runtime.getRuntime().removeShutdownHook(hook);
            } catch (IllegalStateException e) {
                // the JVM is shutting down: the hook runs the same removal
            }
            if (!removed) {
                EnvironmentException left = new EnvironmentException("Could not remove the container " + name + " that "
                        + "exported " + describe() + "; remove it with: docker rm -f " + name);
                if (failure == null) {
                    throw left;
                }
                failure.addSuppressed(left);
            }
        }
    }

    private void create(String name) {
        List<String> args = createArgs(name, runId, ref, platform);
        ProcessRunner.Result r = docker.run(args, QUICK);
        if (r.timedOut()) {
            throw new EnvironmentException(
                    "Creating a container from " + describe() + " (docker create) did not finish "
                            + "within " + QUICK.toSeconds() + " s; check the engine (docker info), then run again.");
        }
        if (r.exitCode() != 0) {
            throw createFailure(ref, platform, r.exitCode(), r.stderr());
        }
    }

    private void export(String name, FsVisitor visitor) throws IOException {
        ProcessRunner.Result r;
        try {
            r = docker.read(List.of("export", name), timeout, in -> walkTar(in, visitor));
        } catch (ProcessRunner.OutputReadException e) {
            // the walk's own failure (a broken tar, a full disk): the caller names the image
            throw e.getCause();
        }
        if (r.timedOut()) {
            throw new EnvironmentException(
                    "Exporting the filesystem of " + describe() + " (docker export) did not finish "
                            + "within " + timeout.toSeconds() + " s; check the engine, or raise the timeout.");
        }
        if (r.exitCode() != 0) {
            throw new EnvironmentException("docker export of " + describe() + " failed (exit " + r.exitCode() + "): "
                    + Docker.lastLines(r.stderr(), 5));
        }
    }

    /** {@code docker rm -f -v}; a container already gone counts as removed. */
    private boolean remove(String name) {
        try {
            return new Containers(docker).remove(List.of(name));
        } catch (RuntimeException e) {
            return false;
        }
    }

    private String describe() {
        return ref + (platform == null ? "" : " (" + platform + ")");
    }

    /**
     * The argv after {@code docker}: never pulls (the image bake left must be there), labelled like every
     * Factory container, with a command that is never run.
     */
    static List<String> createArgs(String name, String runId, String ref, String platform) {
        Containers.Spec spec = new Containers.Spec(ref).name(name).label(Containers.RUN_LABEL, "sbom-" + runId)
                .entrypoint(List.of(NO_COMMAND));
        if (platform != null) {
            spec.platform(platform);
        }
        List<String> args = new ArrayList<>(spec.createArgs());
        args.addAll(1, List.of("--pull", "never"));
        return args;
    }

    /** A missing image (or a platform the engine does not hold) is the user's to fix; anything else the engine's. */
    static RuntimeException createFailure(String ref, String platform, int exitCode, String stderr) {
        String err = stderr == null ? "" : stderr.trim();
        String lower = err.toLowerCase(Locale.ROOT);
        if (lower.contains("no such image") || lower.contains("not found") || lower.contains("does not match")) {
            String pull = platform == null ? ref : "--platform " + platform + " " + ref;
            return new BadInputException(
                    "Image " + ref + (platform == null ? "" : " for " + platform) + " was not found in "
                            + "the local engine; build it first with factory:bake (or docker pull " + pull + ").");
        }
        return new EnvironmentException(
                "Creating a container from " + ref + (platform == null ? "" : " (" + platform + ")")
                        + " to export its filesystem failed (docker create, exit " + exitCode + "): "
                        + Docker.lastLines(err, 5));
    }

    /**
     * Visits every entry of a flattened filesystem tar (an export) once: files with their content, hard
     * links with the path they link to (a file earlier in the same tar), everything else without content.
     * The root entry is skipped.
     */
    static void walkTar(InputStream tar, FsVisitor visitor) throws IOException {
        // 64 KiB reads: fewer system calls than the process stream's 8 KiB over 300+ MB
        TarReader reader = new TarReader(new BufferedInputStream(tar, 64 * 1024));
        for (TarEntry entry; (entry = reader.next()) != null;) {
            if (entry.path().isEmpty()) {
                continue;
            }
            visitor.visit(entry.toFsEntry(),
                    entry.type() == FsEntry.Type.FILE ? reader.content() : InputStream.nullInputStream());
        }
    }
}
