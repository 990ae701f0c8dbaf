package dev.factory.docker;

import dev.factory.EnvironmentException;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;

/**
 * The only place in Factory that starts processes. Always an argv array (never a shell), with an
 * optional timeout after which the process tree is killed, output captured up to a limit and
 * optionally streamed line by line (for progress in the Maven log).
 */
public final class ProcessRunner {
    /** Captured output beyond this many bytes per stream is dropped (the head is kept, marked truncated). */
    public static final int DEFAULT_CAPTURE_LIMIT = 4 * 1024 * 1024;

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
     * not (the caller decides what it means).
     */
    public static Result run(Command command) {
        long start = System.nanoTime();
        Process process = start(command);
        Capture out = new Capture(process.getInputStream(), command.onStdout(), command.captureLimit());
        Capture err = new Capture(process.getErrorStream(), command.onStderr(), command.captureLimit());
        Thread tOut = pump(out, command.argv().get(0) + "-stdout");
        Thread tErr = pump(err, command.argv().get(0) + "-stderr");
        feed(process, command.stdin());
        boolean timedOut = false;
        try {
            if (command.timeout() == null) {
                process.waitFor();
            } else if (!process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS)) {
                timedOut = true;
                kill(process);
            }
            tOut.join(5000);
            tErr.join(5000);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while running " + command.argv().get(0), e);
        }
        return new Result(timedOut ? -1 : process.exitValue(), out.text(), err.text(),
                Duration.ofNanos(System.nanoTime() - start), timedOut, out.truncated, err.truncated);
    }

    /**
     * Runs and hands stdout as a stream to {@code reader} (for large binary output such as an image
     * export); stderr is captured. The process is killed if the reader stops early.
     */
    public static Result stream(Command command, StreamReader reader) {
        long start = System.nanoTime();
        Process process = start(command);
        Capture err = new Capture(process.getErrorStream(), command.onStderr(), command.captureLimit());
        Thread tErr = pump(err, command.argv().get(0) + "-stderr");
        feed(process, command.stdin());
        try (InputStream in = process.getInputStream()) {
            reader.read(in);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IOException e) {
            kill(process);
            throw new UncheckedIOException(e);
        } catch (RuntimeException e) {
            kill(process);
            throw e;
        }
        try {
            boolean finished = command.timeout() == null ? process.waitFor(1, TimeUnit.DAYS)
                    : process.waitFor(command.timeout().toMillis(), TimeUnit.MILLISECONDS);
            if (!finished) {
                kill(process);
            }
            tErr.join(5000);
            return new Result(finished ? process.exitValue() : -1, "", err.text(),
                    Duration.ofNanos(System.nanoTime() - start), !finished, false, err.truncated);
        } catch (InterruptedException e) {
            kill(process);
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while running " + command.argv().get(0), e);
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

    private static void feed(Process process, byte[] stdin) {
        try (OutputStream in = process.getOutputStream()) {
            if (stdin != null) {
                in.write(stdin);
            }
        } catch (IOException e) {
            // the process may exit without reading its input; its exit code tells what happened
        }
    }

    private static void kill(Process process) {
        process.descendants().forEach(ProcessHandle::destroyForcibly);
        process.destroyForcibly();
        try {
            process.waitFor(10, TimeUnit.SECONDS);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
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
                for (int n; (n = in.read(buf)) > 0; ) {
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
