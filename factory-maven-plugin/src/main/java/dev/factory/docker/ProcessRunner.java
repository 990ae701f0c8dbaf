package dev.factory.docker;

import dev.factory.EnvironmentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * The only place in Factory that starts processes. Always an argv array (never a shell), with an
 * optional timeout after which the process tree is killed, output captured up to a limit and
 * optionally streamed line by line (for progress in the Maven log).
 */
public final class ProcessRunner {
    /** Captured output beyond this many bytes per stream is dropped (the head is kept, marked truncated). */
    public static final int DEFAULT_CAPTURE_LIMIT = 4 * 1024 * 1024;
    /** How long the output pumps may go on after the process ended (a descendant that escaped the kill keeps a pipe open). */
    static final Duration PUMP_GRACE = Duration.ofSeconds(5);

    private ProcessRunner() {}

    /** What to run. {@code onStdout}/{@code onStderr} receive each line as it arrives (may be null). */
    public record Command(List<String> argv, Map<String, String> env, java.nio.file.Path directory, Duration timeout,
            Consumer<String> onStdout, Consumer<String> onStderr, byte[] stdin, int captureLimit) {
        public static Command of(List<String> argv) {
            return new Command(List.copyOf(argv), Map.of(), null, null, null, null, null, DEFAULT_CAPTURE_LIMIT);
        }

        public Command timeout(Duration t) {
            return new Command(argv, env, directory, t, onStdout, onStderr, stdin, captureLimit);
        }

        public Command env(Map<String, String> e) {
            return new Command(argv, e, directory, timeout, onStdout, onStderr, stdin, captureLimit);
        }

        public Command directory(java.nio.file.Path d) {
            return new Command(argv, env, d, timeout, onStdout, onStderr, stdin, captureLimit);
        }

        public Command streaming(Consumer<String> out, Consumer<String> err) {
            return new Command(argv, env, directory, timeout, out, err, stdin, captureLimit);
        }

        public Command stdin(byte[] input) {
            return new Command(argv, env, directory, timeout, onStdout, onStderr, input, captureLimit);
        }

        public Command captureLimit(int bytes) {
            return new Command(argv, env, directory, timeout, onStdout, onStderr, stdin, bytes);
        }
    }

    /** How it ended. {@code exitCode} is -1 when it timed out. */
    public record Result(int exitCode, String stdout, String stderr, Duration duration, boolean timedOut,
            boolean stdoutTruncated, boolean stderrTruncated) {
        public boolean ok() {
            return exitCode == 0 && !timedOut;
        }
    }

    /**
     * Runs to completion. A missing executable is an {@link EnvironmentException}; a non-zero exit is
     * not (the caller decides what it means). The timeout is a hard bound: a {@link Watchdog} kills the
     * process tree when it expires, whatever the process does with its pipes (a child that reads no
     * stdin, or a grandchild that keeps stdout open, cannot hold the caller).
     */
    public static Result run(Command command) {
        long start = System.nanoTime();
        Process process = start(command);
        Watchdog watchdog = Watchdog.start(process, command.timeout());
        Capture out = new Capture(process.getInputStream(), command.onStdout(), command.captureLimit());
        Capture err = new Capture(process.getErrorStream(), command.onStderr(), command.captureLimit());
        Thread tOut = pump(out, command.argv().get(0) + "-stdout");
        Thread tErr = pump(err, command.argv().get(0) + "-stderr");
        Thread tIn = feed(process, command.stdin(), command.argv().get(0));
        try {
            process.waitFor();
            watchdog.cancel();
            // the pipes close when the tree is gone; a descendant that escaped the tree gets PUMP_GRACE, not forever
            tOut.join(PUMP_GRACE.toMillis());
            tErr.join(PUMP_GRACE.toMillis());
            tIn.join(PUMP_GRACE.toMillis());
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while running " + command.argv().get(0), e);
        } finally {
            watchdog.cancel();
        }
        boolean timedOut = watchdog.fired();
        return new Result(timedOut ? -1 : process.exitValue(), out.text(), err.text(),
                Duration.ofNanos(System.nanoTime() - start), timedOut, out.truncated, err.truncated);
    }

    /**
     * Runs and hands stdout as a stream to {@code reader} (for large binary output such as an image
     * export); stderr is captured. The process is killed if the reader stops early. The timeout bounds
     * the whole run, the reading included: when it expires the process tree is killed, the blocked read
     * sees the end of the stream, and the result says {@link Result#timedOut()} (whatever the reader made of
     * the cut-short stream). A reader's {@link IOException} is an {@link OutputReadException}.
     */
    public static Result stream(Command command, StreamReader reader) {
        long start = System.nanoTime();
        Process process = start(command);
        Watchdog watchdog = Watchdog.start(process, command.timeout());
        Capture err = new Capture(process.getErrorStream(), command.onStderr(), command.captureLimit());
        Thread tErr = pump(err, command.argv().get(0) + "-stderr");
        Thread tIn = feed(process, command.stdin(), command.argv().get(0));
        try {
            try (InputStream in = process.getInputStream()) {
                reader.read(in);
                in.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                killTree(process);
                if (!watchdog.fired()) {
                    throw new OutputReadException(command.argv(), e);
                }
            } catch (RuntimeException e) {
                killTree(process);
                if (!watchdog.fired()) {
                    throw e;
                }
            }
            process.waitFor();
            watchdog.cancel();
            tErr.join(PUMP_GRACE.toMillis());
            tIn.join(PUMP_GRACE.toMillis());
            boolean timedOut = watchdog.fired();
            return new Result(timedOut ? -1 : process.exitValue(), "", err.text(),
                    Duration.ofNanos(System.nanoTime() - start), timedOut, false, err.truncated);
        } catch (InterruptedException e) {
            killTree(process);
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while running " + command.argv().get(0), e);
        } finally {
            watchdog.cancel();
        }
    }

    /** Reading a process's stdout failed (not the process itself): names the command and the cause. */
    public static final class OutputReadException extends EnvironmentException {
        private static final long serialVersionUID = 1L;

        OutputReadException(List<String> argv, IOException cause) {
            super("Reading the output of '" + String.join(" ", argv) + "' failed: " + cause.getMessage(), cause);
        }

        @Override
        public synchronized IOException getCause() {
            return (IOException) super.getCause();
        }
    }

    /** Consumes a process's stdout. */
    @FunctionalInterface
    public interface StreamReader {
        void read(InputStream stdout) throws IOException;
    }

    private static Process start(Command command) {
        ProcessBuilder builder = new ProcessBuilder(command.argv());
        if (command.directory() != null) {
            builder.directory(command.directory().toFile());
        }
        builder.environment().putAll(command.env());
        try {
            return builder.start();
        } catch (IOException e) {
            throw new MissingToolException(command.argv().get(0), e);
        }
    }

    /**
     * Writes stdin on its own thread: a child that does not read it would otherwise block the caller
     * before the wait (and its timeout) begins.
     */
    private static Thread feed(Process process, byte[] stdin, String name) {
        Thread t = new Thread(() -> {
            try (OutputStream in = process.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // the process may exit (or be killed) without reading its input; its exit code tells what happened
            }
        }, "factory-" + name + "-stdin");
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Kills the process and everything it started, children first, and waits (briefly) for it to end. */
    private static void killTree(Process process) {
        signalTree(process);
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    /** SIGKILL to the process and its descendants (as they are now); does not wait. */
    private static void signalTree(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
    }

    /**
     * Kills a process tree when its time is up. Scheduled on one shared daemon thread, so a hung child costs
     * no thread of its own; the kill does not wait, so one slow death cannot delay another watchdog.
     */
    private static final class Watchdog {
        private static final ScheduledThreadPoolExecutor TIMER = timer();
        private static final Watchdog NONE = new Watchdog(null);

        private final Process process;
        private final AtomicBoolean fired = new AtomicBoolean();
        private volatile ScheduledFuture<?> task;

        private Watchdog(Process process) {
            this.process = process;
        }

        static Watchdog start(Process process, Duration timeout) {
            if (timeout == null) {
                return NONE;
            }
            Watchdog w = new Watchdog(process);
            w.task = TIMER.schedule(w::fire, Math.max(0, timeout.toMillis()), TimeUnit.MILLISECONDS);
            return w;
        }

        private void fire() {
            if (process.isAlive() && fired.compareAndSet(false, true)) {
                signalTree(process);
            }
        }

        boolean fired() {
            return fired.get();
        }

        void cancel() {
            ScheduledFuture<?> t = task;
            if (t != null) {
                t.cancel(false);
            }
        }

        private static ScheduledThreadPoolExecutor timer() {
            ScheduledThreadPoolExecutor timer = new ScheduledThreadPoolExecutor(1, r -> {
                Thread t = new Thread(r, "factory-process-watchdog");
                t.setDaemon(true);
                return t;
            });
            timer.setRemoveOnCancelPolicy(true);
            return timer;
        }
    }

    private static Thread pump(Capture capture, String name) {
        Thread t = new Thread(capture::drain, "factory-" + name);
        t.setDaemon(true);
        t.start();
        return t;
    }

    /** Reads a stream to its end, keeping up to a limit and passing complete lines to a listener. */
    private static final class Capture {
        private final InputStream in;
        private final Consumer<String> listener;
        private final int limit;
        private final ByteArrayOutputStream kept = new ByteArrayOutputStream();
        private final ByteArrayOutputStream line = new ByteArrayOutputStream();
        volatile boolean truncated;

        Capture(InputStream in, Consumer<String> listener, int limit) {
            this.in = in;
            this.listener = listener;
            this.limit = limit;
        }

        void drain() {
            byte[] buf = new byte[8192];
            try {
                for (int n; (n = in.read(buf)) > 0;) {
                    synchronized (this) {
                        int room = limit - kept.size();
                        if (room > 0) {
                            kept.write(buf, 0, Math.min(room, n));
                        }
                        if (n > room) {
                            truncated = true;
                        }
                    }
                    if (listener != null) {
                        for (int i = 0; i < n; i++) {
                            if (buf[i] == '\n') {
                                emit();
                            } else {
                                line.write(buf[i]);
                            }
                        }
                    }
                }
            } catch (IOException e) {
                // stream closed when the process was killed; what was read is kept
            }
            if (listener != null && line.size() > 0) {
                emit();
            }
        }

        private void emit() {
            String text = line.toString(StandardCharsets.UTF_8);
            line.reset();
            listener.accept(text.endsWith("\r") ? text.substring(0, text.length() - 1) : text);
        }

        synchronized String text() {
            return kept.toString(StandardCharsets.UTF_8);
        }
    }
}
