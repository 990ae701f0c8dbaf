package dev.factory.testing;

import static org.junit.jupiter.api.Assertions.assertEquals;

import java.util.Arrays;
import java.util.List;

/** Assertions on text that Factory writes (reports, logs, Dockerfiles). */
public final class TextAssertions {
    private TextAssertions() {}

    /** Asserts that {@code text} holds each of {@code parts}; a failure names the parts missing and shows the text. */
    public static void assertContainsAll(String text, String... parts) {
        List<String> missing = Arrays.stream(parts).filter(part -> !text.contains(part)).toList();
        assertEquals(List.of(), missing, () -> "missing from:\n" + text);
    }
}
