package dev.factory.smoke;

import java.util.Map;

/**
 * {@code $NAME} and {@code ${NAME}} replaced by the image's environment, as container-structure-test
 * does for commands, arguments, paths and variable values (it uses Go's {@code os.Expand}; this
 * follows the same rules): unset names become empty, {@code $} before a character that cannot start a
 * name stays as it is, and the shell's one-character names ({@code $1}, {@code $$}, {@code $?} ...) are
 * looked up like any other name.
 */
public final class EnvExpansion {
    private EnvExpansion() {}

    public static String expand(String text, Map<String, String> env) {
        if (text == null || text.indexOf('$') < 0) {
            return text;
        }
        StringBuilder out = new StringBuilder(text.length());
        int i = 0;
        while (i < text.length()) {
            char c = text.charAt(i);
            if (c != '$' || i + 1 >= text.length()) {
                out.append(c);
                i++;
                continue;
            }
            String rest = text.substring(i + 1);
            int[] width = new int[1];
            String name = shellName(rest, width);
            if (name == null) {
                // bad syntax such as "${" without a closing brace: the characters are dropped, as Go does
            } else if (name.isEmpty()) {
                out.append('$');
            } else {
                out.append(env.getOrDefault(name, ""));
            }
            i += 1 + width[0];
        }
        return out.toString();
    }

    /** The name after a '$' and how many characters it took; "" for none (keep the '$'), null for bad syntax. */
    private static String shellName(String s, int[] width) {
        char first = s.charAt(0);
        if (first == '{') {
            if (s.length() > 2 && special(s.charAt(1)) && s.charAt(2) == '}') {
                width[0] = 3;
                return s.substring(1, 2);
            }
            int close = s.indexOf('}');
            if (close < 0) {
                width[0] = 1;
                return null;
            }
            if (close == 1) {
                width[0] = 2;
                return null;
            }
            width[0] = close + 1;
            return s.substring(1, close);
        }
        if (special(first)) {
            width[0] = 1;
            return s.substring(0, 1);
        }
        int n = 0;
        while (n < s.length() && (Character.isLetterOrDigit(s.charAt(n)) && s.charAt(n) < 128 || s.charAt(n) == '_')) {
            n++;
        }
        width[0] = n;
        return s.substring(0, n);
    }

    private static boolean special(char c) {
        return c == '*' || c == '#' || c == '$' || c == '@' || c == '!' || c == '?' || c == '-'
                || (c >= '0' && c <= '9');
    }
}
