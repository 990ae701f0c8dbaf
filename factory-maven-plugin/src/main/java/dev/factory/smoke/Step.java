package dev.factory.smoke;

import java.time.Duration;

/**
 * One thing a test did, as the evidence shows it: the exact command line (or HTTP request), how it
 * ended, what it printed (cut to the output limit), how long it took and in which container.
 *
 * @param exitCode the exit code, or the HTTP status for a request; null when there was none (timed out, refused)
 * @param containerId the container's id (or name) when one was involved, else null
 * @param note anything else worth keeping (response headers, why a probe failed)
 */
public record Step(String label, String command, Integer exitCode, boolean timedOut, Output stdout, Output stderr,
        Duration duration, String containerId, String note) {

    /**
     * Captured text cut to a limit.
     *
     * @param bytes the size before cutting (at least; the process runner itself keeps at most a few MiB)
     */
    public record Output(String text, long bytes, boolean truncated) {
        public static final Output EMPTY = new Output("", 0, false);

        /** Keeps at most {@code limit} bytes of UTF-8, cutting at a character boundary. */
        public static Output of(String full, boolean alreadyTruncated, int limit) {
            if (full == null || full.isEmpty()) {
                return EMPTY;
            }
            byte[] bytes = full.getBytes(java.nio.charset.StandardCharsets.UTF_8);
            if (bytes.length <= limit) {
                return new Output(full, bytes.length, alreadyTruncated);
            }
            int end = limit;
            // step back over UTF-8 continuation bytes so no character is split
            while (end > 0 && (bytes[end] & 0xC0) == 0x80) {
                end--;
            }
            return new Output(new String(bytes, 0, end, java.nio.charset.StandardCharsets.UTF_8), bytes.length, true);
        }
    }
}
