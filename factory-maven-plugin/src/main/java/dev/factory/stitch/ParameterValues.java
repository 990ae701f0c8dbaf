package dev.factory.stitch;

import dev.factory.manifest.ControlCharacters;
import dev.factory.manifest.Fields;
import dev.factory.manifest.YamlNode;
import java.util.List;
import java.util.Map;

/**
 * Keeps parameter values on their line. A fragment places its parameters into Dockerfile lines, where a
 * line break would end the line and start a new instruction ({@code "hi\nRUN touch /x"}), so values
 * with control characters are refused where they are written. Only a parameter its descriptor declares
 * {@code multiline: true} may hold line feeds; the renderer then lets such a value into the output only
 * through {@code $heredoc} (see {@link Renderer}).
 */
final class ParameterValues {
    private ParameterValues() {}

    /** Checks a value as written in YAML (a manifest's params or a descriptor's default). */
    static void check(YamlNode at, String param, boolean multiline, String what, String fragment) {
        switch (at.kind()) {
            case SCALAR :
                refuse(at, at.text(), param, multiline, what, fragment);
                break;
            case LIST :
                at.items().forEach(item -> check(item, param, multiline, what, fragment));
                break;
            case MAP :
                at.entries().forEach((k, v) -> {
                    refuse(v, k, param, false, what + " (a key)", fragment);
                    check(v, param, multiline, what, fragment);
                });
                break;
            default :
                break;
        }
    }

    /** Checks a merged value (String, List or Map); {@code at} is where it was written. */
    static void check(Object value, YamlNode at, String param, boolean multiline, String what, String fragment) {
        if (value instanceof String s) {
            refuse(at, s, param, multiline, what, fragment);
        } else if (value instanceof List<?> list) {
            list.forEach(item -> check(item, at, param, multiline, what, fragment));
        } else if (value instanceof Map<?, ?> map) {
            map.forEach((k, v) -> {
                check(String.valueOf(k), at, param, false, what + " (a key)", fragment);
                check(v, at, param, multiline, what, fragment);
            });
        }
    }

    private static void refuse(YamlNode at, String value, String param, boolean multiline, String what,
            String fragment) {
        int i = ControlCharacters.find(value, multiline);
        if (i < 0) {
            return;
        }
        if (multiline) {
            throw Fields.error(at, what + " of " + fragment + " " + ControlCharacters.holds(value, i)
                    + "; the parameter is multi-line, so it may hold line feeds and TABs, but no other control characters",
                    "Remove that character (write line breaks as plain line feeds, for instance in a '|' block).");
        }
        throw Fields.error(at, what + " of " + fragment + " " + ControlCharacters.holds(value, i)
                + "; the fragment places it on a line of the Dockerfile, where a line break would end that line and "
                + "start a new instruction",
                "Write the value on one line without control characters (TAB is allowed). A value that must span lines needs "
                        + "the parameter declared 'multiline: true' in the fragment's fragment.yaml, and the fragment placing it "
                        + "with $heredoc (see docs/fragments.md).");
    }
}
