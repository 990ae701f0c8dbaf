package dev.factory.smoke;

import java.time.Duration;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Timeouts as users write them ({@code 60s}, {@code 500ms}, {@code 2m}, {@code 1m30s}, or a bare number
 * of seconds) and the arithmetic the runner does with them.
 */
public final class Durations {
    private static final Pattern PART = Pattern.compile("(\\d+(?:\\.\\d+)?)(ms|s|m|h)");
    private static final Pattern NUMBER = Pattern.compile("\\d+(?:\\.\\d+)?");

    private Durations() {}

    /** The duration, or null when the text is not one (the caller reports where it was written). */
    public static Duration parse(String text) {
        if (text == null) {
            return null;
        }
        String t = text.trim().toLowerCase(Locale.ROOT);
        if (NUMBER.matcher(t).matches()) {
            return millis(Double.parseDouble(t) * 1000);
        }
        Matcher m = PART.matcher(t);
        int at = 0;
        double total = 0;
        while (m.find()) {
            if (m.start() != at) {
                return null;
            }
            double n = Double.parseDouble(m.group(1));
            switch (m.group(2)) {
                case "ms" :
                    total += n;
                    break;
                case "s" :
                    total += n * 1000;
                    break;
                case "m" :
                    total += n * 60_000;
                    break;
                default :
                    total += n * 3_600_000;
                    break;
            }
            at = m.end();
        }
        return at == t.length() && at > 0 ? millis(total) : null;
    }

    private static Duration millis(double ms) {
        return Duration.ofMillis(Math.round(ms));
    }

    /**
     * The timeout that applies on a platform: emulated platforms (arm64 through QEMU on an amd64 engine)
     * run many times slower, so their timeouts are multiplied by {@code emulationFactor}.
     */
    public static Duration effective(Duration base, boolean emulated, double emulationFactor) {
        if (!emulated || emulationFactor <= 1.0) {
            return base;
        }
        return millis(base.toMillis() * emulationFactor);
    }

    /** What is left of a budget that started at {@code startNanos}; never negative. */
    public static Duration remaining(Duration budget, long startNanos, long nowNanos) {
        long left = budget.toNanos() - (nowNanos - startNanos);
        return Duration.ofNanos(Math.max(0, left));
    }

    /** "60 s", "1.5 s", "250 ms": for messages. */
    public static String format(Duration d) {
        long ms = d.toMillis();
        if (ms < 1000) {
            return ms + " ms";
        }
        if (ms % 1000 == 0) {
            return (ms / 1000) + " s";
        }
        return String.format(Locale.ROOT, "%.1f s", ms / 1000.0);
    }

    /** Seconds with millisecond precision, as JUnit XML writes time: "1.234". */
    public static String seconds(Duration d) {
        return String.format(Locale.ROOT, "%.3f", d.toNanos() / 1e9);
    }
}
