package dev.factory.smoke;

import java.util.regex.Pattern;

/**
 * A regular expression from a test spec, compiled when the spec is read (so a bad one fails before
 * any container starts). Matching is a search, as in container-structure-test: the pattern may match
 * anywhere unless it anchors itself with {@code ^} and {@code $}.
 */
public record Regex(String source, Pattern pattern) {

    public boolean foundIn(String text) {
        return pattern.matcher(text == null ? "" : text).find();
    }

    @Override
    public String toString() {
        return source;
    }
}
