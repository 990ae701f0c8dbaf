package dev.factory.smoke;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class DurationsTest {
    @Test
    void parsesWhatUsersWrite() {
        assertEquals(Duration.ofSeconds(60), Durations.parse("60s"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("90"));
        assertEquals(Duration.ofMillis(500), Durations.parse("500ms"));
        assertEquals(Duration.ofMinutes(2), Durations.parse("2m"));
        assertEquals(Duration.ofSeconds(90), Durations.parse("1m30s"));
        assertEquals(Duration.ofMillis(1500), Durations.parse("1.5s"));
        assertEquals(Duration.ofHours(1), Durations.parse(" 1H "));
        assertNull(Durations.parse("soon"));
        assertNull(Durations.parse("10 s"));
        assertNull(Durations.parse("s"));
        assertNull(Durations.parse("1m30"));
    }

    @Test
    void emulatedPlatformsGetLongerTimeouts() {
        assertEquals(Duration.ofSeconds(180), Durations.effective(Duration.ofSeconds(60), true, 3.0));
        assertEquals(Duration.ofSeconds(60), Durations.effective(Duration.ofSeconds(60), false, 3.0));
        assertEquals(Duration.ofMillis(1250), Durations.effective(Duration.ofMillis(500), true, 2.5));
        assertEquals(Duration.ofSeconds(60), Durations.effective(Duration.ofSeconds(60), true, 1.0));
    }

    @Test
    void remainingNeverGoesBelowZero() {
        long start = 1_000_000_000L;
        assertEquals(Duration.ofSeconds(7), Durations.remaining(Duration.ofSeconds(10), start, start + 3_000_000_000L));
        assertEquals(Duration.ZERO, Durations.remaining(Duration.ofSeconds(10), start, start + 30_000_000_000L));
    }

    @Test
    void formats() {
        assertEquals("60 s", Durations.format(Duration.ofSeconds(60)));
        assertEquals("1.5 s", Durations.format(Duration.ofMillis(1500)));
        assertEquals("250 ms", Durations.format(Duration.ofMillis(250)));
        assertEquals("1.234", Durations.seconds(Duration.ofMillis(1234)));
    }
}
