package dev.factory.smoke;

import com.google.re2j.Matcher;
import com.google.re2j.Pattern;

/**
 * A regular expression from a test spec, compiled when the spec is read (so a bad one fails before
 * any container starts). Matching is a search, as in container-structure-test: the pattern may match
 * anywhere unless it anchors itself with {@code ^} and {@code $}.
 *
 * <p>Patterns are RE2 (RE2/J, the Java port of Go's {@code regexp}): container-structure-test matches
 * with Go's RE2, so a suite means here what it means there, and RE2 runs in time linear in the text,
 * so no pattern backtracks for hours. A deadline still bounds a match, because linear in 16 MiB of file
 * content can be long for a large pattern: a test's timeout covers its matching too.
 */
public record Regex(String source, Pattern pattern) {

    public boolean foundIn(String text) {
        return foundIn(text, Deadline.NONE);
    }

    public boolean foundIn(String text, Deadline deadline) {
        return pattern.matcher(deadline.watch(text == null ? "" : text)).find();
    }

    /** The first match, or null. */
    public String firstMatch(String text, Deadline deadline) {
        Matcher m = pattern.matcher(deadline.watch(text == null ? "" : text));
        return m.find() ? m.group() : null;
    }

    @Override
    public String toString() {
        return source;
    }

    /** When matching must stop; checked while the matcher reads the text. */
    public record Deadline(long nanoTime) {
        public static final Deadline NONE = new Deadline(Long.MAX_VALUE);

        /** The deadline {@code budget} after {@code startNanos} (System.nanoTime()). */
        public static Deadline after(long startNanos, java.time.Duration budget) {
            return new Deadline(startNanos + budget.toNanos());
        }

        CharSequence watch(String text) {
            return this == NONE || nanoTime == Long.MAX_VALUE ? text : new Watched(text, nanoTime);
        }
    }

    /** Thrown when a match runs past its deadline; the executor reports the test as timed out. */
    public static final class TimedOut extends RuntimeException {
        public TimedOut() {
            super("matching ran past the test's timeout", null, false, false);
        }
    }

    /** The text as the matcher reads it, looking at the clock every few thousand characters read. */
    private static final class Watched implements CharSequence {
        private final String text;
        private final long deadline;
        private int reads;

        Watched(String text, long deadline) {
            this.text = text;
            this.deadline = deadline;
        }

        @Override
        public int length() {
            return text.length();
        }

        @Override
        public char charAt(int index) {
            if ((++reads & 0xFFF) == 0 && System.nanoTime() - deadline > 0) {
                throw new TimedOut();
            }
            return text.charAt(index);
        }

        @Override
        public CharSequence subSequence(int start, int end) {
            return text.subSequence(start, end);
        }

        @Override
        public String toString() {
            return text;
        }
    }
}
