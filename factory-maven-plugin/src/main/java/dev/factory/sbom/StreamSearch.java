package dev.factory.sbom;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds a version string in a file's bytes as they stream past, without holding the file: a literal anchor is
 * looked for chunk by chunk, and a pattern is tried only where the anchor is, on a short window of bytes
 * (read as ISO-8859-1, one char per byte). Chunks overlap by the window so that a match across a chunk
 * boundary is still found. Reading stops at the first match or after {@code limit} bytes.
 */
final class StreamSearch {
    static final int CHUNK = 64 * 1024;

    private StreamSearch() {}

    /**
     * Group 1 of the first match of {@code pattern} that starts at an occurrence of {@code anchor}, or null.
     *
     * @param window how many bytes from the anchor on the pattern may look at (at least the anchor's length)
     */
    static String find(InputStream in, long limit, byte[] anchor, Pattern pattern, int window) throws IOException {
        if (window < anchor.length) {
            throw new IllegalArgumentException("window " + window + " is shorter than the anchor");
        }
        byte[] buf = new byte[CHUNK + window];
        int len = 0;
        long consumed = 0;
        boolean end = false;
        while (true) {
            while (len < buf.length && !end) {
                int n = consumed >= limit ? -1 : in.read(buf, len, (int) Math.min(buf.length - len, limit - consumed));
                if (n < 0) {
                    end = true;
                } else {
                    len += n;
                    consumed += n;
                }
            }
            // an anchor starting past len - window might be cut short: it is tried on the next round, unless this is the end
            int lastStart = end ? len - anchor.length : len - window - 1;
            for (int i = indexOf(buf, anchor, 0, lastStart); i >= 0; i = indexOf(buf, anchor, i + 1, lastStart)) {
                Matcher m = pattern.matcher(new String(buf, i, Math.min(window, len - i), StandardCharsets.ISO_8859_1));
                if (m.lookingAt()) {
                    return m.group(1);
                }
            }
            if (end) {
                return null;
            }
            System.arraycopy(buf, len - window, buf, 0, window);
            len = window;
        }
    }

    /** The first index in [from, lastStart] where {@code needle} starts in {@code hay}, or -1. */
    static int indexOf(byte[] hay, byte[] needle, int from, int lastStart) {
        byte first = needle[0];
        for (int i = from; i <= lastStart; i++) {
            if (hay[i] != first) {
                continue;
            }
            int j = 1;
            while (j < needle.length && hay[i + j] == needle[j]) {
                j++;
            }
            if (j == needle.length) {
                return i;
            }
        }
        return -1;
    }
}
