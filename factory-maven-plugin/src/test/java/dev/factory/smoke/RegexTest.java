package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.google.re2j.Pattern;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class RegexTest {
    private static Regex re(String source) {
        return new Regex(source, Pattern.compile(source));
    }

    @Test
    void aNestedQuantifierThatBacktracksForeverInJavaEndsAtOnce() {
        // java.util.regex takes on the order of 2^35 steps here; RE2 walks the text once
        String text = "a".repeat(35) + "!";
        long start = System.nanoTime();
        assertFalse(re("^(a+)+$").foundIn(text));
        assertFalse(re("(a|aa)+$").foundIn(text));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 2000, "linear time");
    }

    @Test
    void matchesAsGosRegexpDoes() {
        assertTrue(re("hello").foundIn("say hello world"), "a search, not a whole match");
        assertFalse(re("^hello$").foundIn("hello\n"), "$ is the end of the text, as in Go");
        assertTrue(re("(?m)^hello$").foundIn("x\nhello\n"));
        assertTrue(re("\\Qa.b\\E").foundIn("a.b"));
        assertEquals("ERROR", re("E[A-Z]+").firstMatch("an ERROR here", Regex.Deadline.NONE));
        assertNull(re("nope").firstMatch("an ERROR here", Regex.Deadline.NONE));
    }

    @Test
    void aDeadlineStopsAMatchThatRunsPastIt() {
        // a large pattern over a large text: linear, but long; the deadline has passed already
        String text = "ab".repeat(2_000_000);
        Regex slow = re("(a|b|c|d|e|f|g|h)*z");
        Regex.Deadline past = Regex.Deadline.after(System.nanoTime(), Duration.ofNanos(1));
        long start = System.nanoTime();
        assertThrows(Regex.TimedOut.class, () -> slow.foundIn(text, past));
        assertTrue((System.nanoTime() - start) / 1_000_000 < 1000, "stopped within a few thousand characters");
        assertTrue(re("b").foundIn(text, Regex.Deadline.after(System.nanoTime(), Duration.ofSeconds(30))));
    }

    @Test
    void checksReportATestWhoseMatchingRanOutOfTime() {
        SmokeTest.Command t = new SmokeTest.Command("c", new Origin("manifest app", "app.yaml", 1),
                Duration.ofSeconds(1), "x",
                java.util.List.of(), java.util.List.of(), java.util.List.of(), java.util.List.of(), null, 0,
                java.util.List.of(re("(a|b)*z")), java.util.List.of(), java.util.List.of(), java.util.List.of(),
                SmokeTest.RunOptions.NONE);
        Regex.Deadline past = new Regex.Deadline(System.nanoTime() - 1);
        assertThrows(Regex.TimedOut.class, () -> Checks.command(t, 0, "ab".repeat(100_000), "", past));
        Checks.Problem p = Checks.matchingTimedOut(Duration.ofSeconds(10));
        assertEquals("timed out after 10 s while matching the test's patterns", p.message());
    }
}
