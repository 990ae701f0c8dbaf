package dev.factory.stitch;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.factory.BadInputException;
import dev.factory.io.Hashing;
import dev.factory.io.Json;
import dev.factory.manifest.ControlCharacters;
import java.util.ArrayList;
import java.util.List;

/**
 * The quoting helpers every template sees, one per place a value can land. A value is data; these make
 * sure it stays data there, whatever characters it holds:
 * <ul>
 *   <li>{@code $sh.quote(v)}: one shell word ({@code RUN} lines), {@code $sh.words(v)}: a space-separated list
 *       as separate words (package lists);</li>
 *   <li>{@code $dockerfile.quote(v)}: a Dockerfile double-quoted string ({@code ENV}, {@code LABEL}), with no
 *       variable expansion;</li>
 *   <li>{@code $json.quote(v)}: a JSON string (exec-form {@code CMD ["..."]}, {@code HEALTHCHECK}, and YAML
 *       flow values in a fragment's tests.yaml, as JSON strings are YAML double-quoted scalars);</li>
 *   <li>{@code $heredoc.copy(v, "/path")}: a multi-line value written into the image as a file.</li>
 * </ul>
 * Written here, not taken from a library: each is a few lines fixed by the target syntax (POSIX sh quoting,
 * BuildKit's Dockerfile lexer, heredocs), and no library quotes for Dockerfiles.
 */
public final class Quoting {
    private Quoting() {}

    /** {@code $sh}: POSIX shell quoting. */
    public static final class Sh {
        /** One word, single-quoted: nothing inside is special to sh ({@code it's} becomes {@code 'it'\''s'}). */
        public String quote(Object value) {
            String s = String.valueOf(value);
            return "'" + s.replace("'", "'\\''") + "'";
        }

        /** Each white-space separated part as its own quoted word; empty for a blank value. */
        public String words(Object value) {
            String s = String.valueOf(value).strip();
            if (s.isEmpty()) {
                return "";
            }
            List<String> out = new ArrayList<>();
            for (String w : s.split("[ \\t]+")) {
                out.add(quote(w));
            }
            return String.join(" ", out);
        }
    }

    /** {@code $dockerfile}: a double-quoted string as BuildKit's Dockerfile lexer reads it in ENV and LABEL. */
    public static final class Dockerfile {
        /** {@code "..."} with {@code \}, {@code "} and {@code $} escaped, so no quote ends early and no variable expands. */
        public String quote(Object value) {
            String s = String.valueOf(value);
            StringBuilder out = new StringBuilder(s.length() + 2).append('"');
            for (int i = 0; i < s.length(); i++) {
                char c = s.charAt(i);
                if (c == '\\' || c == '"' || c == '$') {
                    out.append('\\');
                }
                out.append(c);
            }
            return out.append('"').toString();
        }
    }

    /** {@code $json}: a JSON string literal (line breaks and quotes escaped, so it stays on its line). */
    public static final class JsonString {
        public String quote(Object value) {
            try {
                return Json.mapper().writeValueAsString(String.valueOf(value));
            } catch (JsonProcessingException e) {
                throw new IllegalStateException("a string always serializes", e);
            }
        }
    }

    /**
     * {@code $heredoc}: multi-line values as Dockerfile here-documents. The delimiter is quoted, so BuildKit
     * expands nothing inside, and chosen so that no line of the value equals it.
     */
    public static final class Heredoc {
        /**
         * {@code COPY <<'FACTORY_EOF' /path} + the value's lines + the delimiter: the value becomes the file's
         * content (ending in a line feed).
         */
        public TrustedText copy(Object value, Object destination) {
            String dest = String.valueOf(destination);
            if (dest.isEmpty()
                    || dest.chars().anyMatch(c -> Character.isWhitespace(c) || !ControlCharacters.allowed(c, false))) {
                throw new BadInputException(
                        "$heredoc.copy: the destination '" + dest + "' must be one path without spaces "
                                + "or control characters, such as \"/etc/motd\".");
            }
            String text = String.valueOf(value);
            int bad = ControlCharacters.find(text, true);
            if (bad >= 0) {
                throw new BadInputException("$heredoc.copy to " + dest + ": the value "
                        + ControlCharacters.holds(text, bad)
                        + "; a here-document holds lines of text (line feeds and TABs), no other control characters.");
            }
            String body = text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
            String delimiter = delimiter(body);
            return new TrustedText("COPY <<'" + delimiter + "' " + dest + "\n" + body + delimiter);
        }

        static String delimiter(String body) {
            List<String> lines = List.of(body.split("\n", -1));
            String d = "FACTORY_EOF";
            for (int n = 0; lines.contains(d); n++) {
                d = "FACTORY_EOF_" + Hashing.sha256(body + n).substring(0, 12);
            }
            return d;
        }
    }
}
