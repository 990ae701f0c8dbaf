package dev.factory.smoke;

import dev.factory.EnvironmentException;
import dev.factory.docker.Containers;
import java.security.SecureRandom;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;

/**
 * Owns one goal execution's containers: gives them names and the {@code dev.factory.run} label, and
 * removes whatever carries that label when the run ends, fails or is interrupted. Each test removes
 * its own containers in a finally; this is the second line: a JVM shutdown hook (Ctrl-C) and a final
 * sweep that also catches a container a killed docker client left running.
 */
public final class RunJanitor implements AutoCloseable {
    private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMddHHmmss");

    /** Between the two sweeps of an interrupted run. */
    static final long SETTLE_MILLIS = 750;

    private final Containers containers;
    private final String runId;
    private final Consumer<String> warn;
    private final AtomicInteger counter = new AtomicInteger();
    private final AtomicBoolean closing = new AtomicBoolean();
    private final Thread hook;
    private boolean hookInstalled;

    public RunJanitor(Containers containers, String runId, Consumer<String> warn) {
        this.containers = containers;
        this.runId = runId;
        this.warn = warn;
        this.hook = new Thread(this::interrupted, "factory-test-cleanup");
    }

    /** A fresh id per goal execution: time plus randomness, safe in container names and label values. */
    public static String newRunId() {
        byte[] random = new byte[3];
        new SecureRandom().nextBytes(random);
        return LocalDateTime.now().format(STAMP) + "-" + HexFormat.of().formatHex(random);
    }

    public String runId() {
        return runId;
    }

    /** Installs the shutdown hook; call once before the first container starts. */
    public RunJanitor start() {
        Runtime.getRuntime().addShutdownHook(hook);
        hookInstalled = true;
        return this;
    }

    /**
     * The name for the next container, {@code factory-<run>-<n>}. Refuses once the run is being torn
     * down, so no worker starts a container after the sweep.
     */
    public String nextName() {
        if (closing.get()) {
            throw new EnvironmentException(
                    "The test run " + runId + " was interrupted; no further containers are started.");
        }
        return "factory-" + runId + "-" + counter.incrementAndGet();
    }

    public boolean closing() {
        return closing.get();
    }

    /** Labels every container (and every image committed from one) of this run carries. */
    public Containers.Spec label(Containers.Spec spec, String build) {
        return spec.label(Containers.RUN_LABEL, runId).label(Containers.BUILD_LABEL, build);
    }

    /**
     * Removes every container and committed image labelled with this run id. Returns how many were left
     * over (0 when every test cleaned up after itself).
     */
    public int sweep() {
        int left = 0;
        List<String> leftContainers = containers.containersLabelled(Containers.RUN_LABEL, runId);
        if (!leftContainers.isEmpty()) {
            left += leftContainers.size();
            if (!containers.remove(leftContainers)) {
                warn.accept("Could not remove containers of test run " + runId
                        + "; remove them with: docker rm -f $(docker ps -aq "
                        + "--filter label=" + Containers.RUN_LABEL + "=" + runId + ")");
            }
        }
        List<String> leftImages = containers.imagesLabelled(Containers.RUN_LABEL, runId);
        if (!leftImages.isEmpty()) {
            left += leftImages.size();
            if (!containers.removeImages(leftImages)) {
                warn.accept("Could not remove the setup images of test run " + runId + "; remove them with: docker rmi "
                        + "$(docker images -q --filter label=" + Containers.RUN_LABEL + "=" + runId + ")");
            }
        }
        return left;
    }

    /** The hook: the JVM is going down (Ctrl-C) while tests may still run. */
    private void interrupted() {
        closing.set(true);
        try {
            int left = sweep();
            // a worker may have been starting a container while the first sweep ran; catch that one too
            pause(SETTLE_MILLIS);
            left += sweep();
            if (left > 0) {
                warn.accept("Interrupted: removed " + left + " container(s)/image(s) of test run " + runId + ".");
            }
        } catch (EnvironmentException e) {
            warn.accept("Interrupted, and the cleanup of test run " + runId + " failed: " + e.getMessage());
        }
    }

    private static void pause(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** Ends the run: stops new containers, sweeps, and removes the shutdown hook. */
    @Override
    public void close() {
        closing.set(true);
        try {
            sweep();
        } finally {
            if (hookInstalled) {
                try {
                    Runtime.getRuntime().removeShutdownHook(hook);
                } catch (IllegalStateException e) {
                    // the JVM is already shutting down: the hook is running or has run the same sweep
                }
                hookInstalled = false;
            }
        }
    }
}
