package dev.factory.io;

/** The two string helpers every step needs: one line of a tool's message, and an unset-or-blank setting as null. */
public final class Text {
    private Text() {}

    /** The first line of {@code text}, trimmed; "" for null. Messages quote a tool's first line, the rest goes to -X. */
    public static String firstLine(String text) {
        String t = text == null ? "" : text.trim();
        int nl = t.indexOf('\n');
        return nl < 0 ? t : t.substring(0, nl).trim();
    }

    /** {@code s} trimmed, or null when it is null or blank: a parameter left empty means "not set". */
    public static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.trim();
    }
}
