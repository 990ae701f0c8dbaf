package dev.factory.manifest;

import dev.factory.BadInputException;
import java.util.Locale;
import java.util.Map;
import java.util.function.Predicate;

/**
 * Values Factory places into generated text (a Dockerfile line, a tag, a label, a test name in a log)
 * must stay on the line they are placed on. A line feed or carriage return would end that line and
 * start a new Dockerfile instruction; NUL and the other C0 and C1 controls, DEL and the Unicode line
 * and paragraph separators have no business in such a value either and hide what a line really says.
 * TAB is allowed: it is ordinary white space wherever a value lands (Dockerfile, shell, YAML, logs).
 */
public final class ControlCharacters {
    private static final Map<Integer, String> NAMES = Map.of(0x0A, "a line feed (LF, U+000A)", 0x0D,
            "a carriage return (CR, U+000D)", 0x00, "a NUL character (U+0000)", 0x1B,
            "an escape character (ESC, U+001B)",
            0x85, "a next-line character (NEL, U+0085)", 0x2028, "a line separator (U+2028)", 0x2029,
            "a paragraph separator (U+2029)", 0x7F, "a DEL character (U+007F)");

    private ControlCharacters() {}

    /** Whether a value may hold this character: everything but the controls named above. */
    public static boolean allowed(int c, boolean lineFeedAllowed) {
        if (c == '\t' || (c == '\n' && lineFeedAllowed)) {
            return true;
        }
        return !(c < 0x20 || (c >= 0x7F && c <= 0x9F) || c == 0x2028 || c == 0x2029);
    }

    /** Index of the first refused character, or -1 when there is none. */
    public static int find(String value, boolean lineFeedAllowed) {
        if (value == null) {
            return -1;
        }
        for (int i = 0; i < value.length(); i++) {
            if (!allowed(value.charAt(i), lineFeedAllowed)) {
                return i;
            }
        }
        return -1;
    }

    /** "a line feed (LF, U+000A)", "a control character U+0007". */
    public static String describe(int c) {
        String name = NAMES.get(c);
        return name != null ? name : "a control character (U+" + String.format(Locale.ROOT, "%04X", c) + ")";
    }

    /** The text with each refused character written as an escape ({@code \\u0000}), for messages that quote it. */
    public static String visible(String text) {
        StringBuilder out = new StringBuilder(text.length());
        for (int i = 0; i < text.length(); i++) {
            char c = text.charAt(i);
            out.append(allowed(c, false) ? String.valueOf(c) : String.format(Locale.ROOT, "\\u%04X", (int) c));
        }
        return out.toString();
    }

    /** The problem and its position within the value, for messages: "holds a line feed (LF, U+000A) as character 3". */
    public static String holds(String value, int index) {
        return "holds " + describe(value.charAt(index)) + " as character " + (index + 1);
    }

    /** Refuses a value given in the YAML at {@code at}; {@code what} names it, {@code why} says where it would land. */
    public static void check(YamlNode at, String value, String what, String why) {
        int i = find(value, false);
        if (i >= 0) {
            throw Fields.error(at, what + " " + holds(value, i) + "; " + why,
                    "Write it on one line without control characters (TAB is allowed).");
        }
    }

    /**
     * Checks every key and scalar of a YAML tree, except the subtrees whose element paths {@code skip} accepts
     * (free text such as descriptions, and values checked later with more to say).
     *
     * @param what a noun for the document, e.g. "manifest"
     */
    public static void checkTree(YamlNode node, Predicate<String> skip, String what) {
        if (skip.test(node.path())) {
            return;
        }
        switch (node.kind()) {
            case MAP :
                node.entries().forEach((key, child) -> {
                    int i = find(key, false);
                    if (i >= 0) {
                        throw new BadInputException(
                                child.keyLocation() + ": " + visible(child.path()) + ": the key " + holds(key, i)
                                        + ". A key of a " + what
                                        + " is a name; write it on one line without control characters.");
                    }
                    checkTree(child, skip, what);
                });
                break;
            case LIST :
                node.items().forEach(item -> checkTree(item, skip, what));
                break;
            case SCALAR :
                int i = find(node.text(), false);
                if (i >= 0) {
                    throw Fields.error(node, "the value " + holds(node.text(), i) + "; Factory places " + what
                            + " values into Dockerfiles, bake files, tags and logs, where a line break would start a "
                            + "new line (a new Dockerfile instruction)",
                            "Write it on one line without control characters (TAB is allowed).");
                }
                break;
            default :
                break;
        }
    }
}
