package dev.factory.maven;

import java.nio.file.Path;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.time.format.DateTimeParseException;
import org.apache.maven.project.MavenProject;

/** Small facts read off the Maven project and the user's environment, shared by the goals. */
final class MavenFacts {
    private MavenFacts() {}

    /** {@code project.build.outputTimestamp} as an instant (ISO-8601 or epoch seconds), or null when unset. */
    static Instant outputTimestamp(String value) {
        if (value == null || value.isBlank() || value.length() < 2) {
            return null;
        }
        try {
            if (value.chars().allMatch(Character::isDigit)) {
                return Instant.ofEpochSecond(Long.parseLong(value));
            }
            return OffsetDateTime.parse(value).toInstant();
        } catch (DateTimeParseException | NumberFormatException e) {
            return null;
        }
    }

    /** The project's source URL: its SCM url, else its url. */
    static String sourceUrl(MavenProject project) {
        if (project.getScm() != null && project.getScm().getUrl() != null) {
            return project.getScm().getUrl();
        }
        return project.getUrl();
    }

    /** $XDG_CACHE_HOME, or ~/.cache. */
    static Path userCacheDirectory() {
        String xdg = System.getenv("XDG_CACHE_HOME");
        if (xdg != null && !xdg.isBlank()) {
            return Path.of(xdg).toAbsolutePath();
        }
        return Path.of(System.getProperty("user.home"), ".cache");
    }
}
