package dev.factory.io;

import dev.factory.BadInputException;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Sizes as users write them: {@code 32MB}, {@code 512KB}, {@code 1GB}, {@code 1048576}. Units are binary (1 KB = 1024 bytes). */
public final class ByteSize {
    private static final Pattern SIZE = Pattern.compile("(\\d+(?:\\.\\d+)?)\\s*([kmgt]?)(i?b?)");

    private ByteSize() {}

    /** @param parameter the parameter the text came from, named in the error */
    public static long parse(String text, String parameter) {
        Matcher m = SIZE.matcher(text == null ? "" : text.trim().toLowerCase(Locale.ROOT));
        if (!m.matches()) {
            throw new BadInputException(
                    parameter + " = '" + text + "' is not a size: write a number with an optional unit, "
                            + "such as 32MB, 512KB or 1GB.");
        }
        double number = Double.parseDouble(m.group(1));
        long unit = switch (m.group(2)) {
            case "k" -> 1024L;
            case "m" -> 1024L * 1024;
            case "g" -> 1024L * 1024 * 1024;
            case "t" -> 1024L * 1024 * 1024 * 1024;
            default -> 1L;
        };
        return (long) Math.ceil(number * unit);
    }

    /** {@code 33554432} to {@code 32.0 MiB}, for logs and reports. */
    public static String format(long bytes) {
        if (bytes < 1024) {
            return bytes + " B";
        }
        String[] units = {"KiB", "MiB", "GiB", "TiB"};
        double value = bytes;
        int i = -1;
        while (value >= 1024 && i < units.length - 1) {
            value /= 1024;
            i++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[i]);
    }
}
