package dev.factory.io;

import dev.factory.BadInputException;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import java.time.temporal.ChronoUnit;
import java.util.Optional;

/**
 * {@code project.build.outputTimestamp}, read as Maven's reproducible-build support reads it: ISO-8601
 * with an offset ({@code 2026-11-25T00:00:00Z}) or seconds since the epoch; empty or a single character
 * means "not set".
 */
public final class OutputTimestamp {
    private OutputTimestamp() {}

    public static Optional<Instant> parse(String value) {
        if (value == null || value.trim().length() < 2) {
            return Optional.empty();
        }
        String v = value.trim();
        try {
            if (v.chars().allMatch(Character::isDigit)) {
                return Optional.of(Instant.ofEpochSecond(Long.parseLong(v)));
            }
            return Optional.of(OffsetDateTime.parse(v).toInstant().truncatedTo(ChronoUnit.SECONDS));
        } catch (DateTimeParseException | NumberFormatException e) {
            throw new BadInputException("project.build.outputTimestamp is '" + value
                    + "', which is neither an ISO-8601 "
                    + "date-time with offset (e.g. 2026-01-01T00:00:00Z) nor seconds since the epoch; fix the property in "
                    + "the pom (or remove it to stamp SBOMs with the current time).", e);
        }
    }

    /** The timestamp for an SBOM: the output timestamp when set, else now (whole seconds, as CycloneDX prints it). */
    public static Instant orNow(String value) {
        return parse(value).orElseGet(() -> Instant.now().truncatedTo(ChronoUnit.SECONDS));
    }
}
