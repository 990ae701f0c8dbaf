package dev.factory.docker;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertInstanceOf;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The timeout of a process is a hard bound, tested on real processes that stall: {@code sleep} holds its
 * stdout open and writes nothing, as a hung {@code docker export} does. {@code timeout 60 sleep 30} puts the
 * stalled writer one level down: killing only the direct child would leave the pipe open (timeout(1) does not
 * pass SIGKILL on), so returning in time proves that the whole tree is killed.
 */
class ProcessRunnerTest {
    private static final Duration TIMEOUT = Duration.ofSeconds(1);
    /** The kill, the reaping and a loaded CI machine; far below the 30 s the children would stall for. */
    private static final Duration MARGIN = Duration.ofSeconds(5);

    @Test
    void streamReturnsWhenTheTimeoutExpiresWhileTheReadIsBlocked() {
        long t0 = System.nanoTime();
        ProcessRunner.Result r = ProcessRunner.stream(ProcessRunner.Command.of(List.of("sleep", "30")).timeout(TIMEOUT),
                in -> in.readAllBytes());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(r.timedOut(), "the result says it timed out");
        assertEquals(-1, r.exitCode());
        assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "returned after " + took.toMillis() + " ms");
        assertTrue(took.compareTo(TIMEOUT) >= 0, "returned before the timeout: " + took.toMillis() + " ms");
    }

    @Test
    void streamKillsTheWholeTreeSoAGrandchildCannotHoldThePipe() {
        long t0 = System.nanoTime();
        ProcessRunner.Result r = ProcessRunner.stream(
                ProcessRunner.Command.of(List.of("timeout", "60", "sleep", "30")).timeout(TIMEOUT),
                in -> in.readAllBytes());
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(r.timedOut());
        assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "returned after " + took.toMillis() + " ms");
    }

    @Test
    void aReaderThatFailsOnTheCutShortStreamStillReportsTheTimeout() {
        ProcessRunner.Result r = ProcessRunner.stream(ProcessRunner.Command.of(List.of("sleep", "30")).timeout(TIMEOUT),
                in -> {
                    if (in.read() < 0) {
                        throw new IOException("unexpected end of the tar stream");
                    }
                });
        assertTrue(r.timedOut(), "the timeout, not the reader's view of the truncated stream, is what happened");
    }

    @Test
    void aReaderFailureIsAnEnvironmentErrorNamingTheCommand() {
        ProcessRunner.OutputReadException e = assertThrows(ProcessRunner.OutputReadException.class, () -> ProcessRunner
                .stream(ProcessRunner.Command.of(List.of("echo", "hello")).timeout(Duration.ofSeconds(30)), in -> {
                    throw new IOException("No space left on device");
                }));
        assertEquals("Reading the output of 'echo hello' failed: No space left on device", e.getMessage());
        assertInstanceOf(IOException.class, e.getCause());
    }

    @Test
    void streamHandsOverTheOutputOfAProcessThatEndsInTime() {
        byte[][] out = new byte[1][];
        ProcessRunner.Result r = ProcessRunner.stream(ProcessRunner.Command.of(List.of("echo", "hello"))
                .timeout(Duration.ofSeconds(30)), in -> out[0] = in.readAllBytes());
        assertFalse(r.timedOut());
        assertEquals(0, r.exitCode());
        assertEquals("hello\n", new String(out[0], StandardCharsets.UTF_8));
    }

    @Test
    void runReturnsWhenTheTimeoutExpiresAndTheTreeHoldsItsPipes() {
        List<String> lines = new ArrayList<>();
        long t0 = System.nanoTime();
        ProcessRunner.Result r = ProcessRunner.run(ProcessRunner.Command.of(List.of("timeout", "60", "sleep", "30"))
                .timeout(TIMEOUT).streaming(lines::add, lines::add));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(r.timedOut());
        assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "returned after " + took.toMillis() + " ms");
    }

    @Test
    void runIsNotHeldByAChildThatReadsNoneOfItsStdin() {
        // far more than a pipe buffer (64 KiB on Linux): written on the caller's thread, this blocked forever
        byte[] input = new byte[8 * 1024 * 1024];
        long t0 = System.nanoTime();
        ProcessRunner.Result r = ProcessRunner
                .run(ProcessRunner.Command.of(List.of("sleep", "30")).stdin(input).timeout(TIMEOUT));
        Duration took = Duration.ofNanos(System.nanoTime() - t0);
        assertTrue(r.timedOut());
        assertTrue(took.compareTo(TIMEOUT.plus(MARGIN)) < 0, "returned after " + took.toMillis() + " ms");
    }

    @Test
    void runCapturesOutputAndExitCode() {
        ProcessRunner.Result r = ProcessRunner
                .run(ProcessRunner.Command.of(List.of("cat")).stdin("hi\n".getBytes(StandardCharsets.UTF_8))
                        .timeout(Duration.ofSeconds(30)));
        assertEquals(0, r.exitCode());
        assertFalse(r.timedOut());
        assertEquals("hi\n", r.stdout());
    }
}
