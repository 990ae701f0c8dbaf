package dev.factory.smoke;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * {@code builds/<build>/smoke.json}: what factory:test found for one build, for the record goal to read
 * without parsing XML. Paths are relative to the project directory. Bound by Jackson (components in order are the
 * keys, see {@link Json}); schema {@code smoke.schema.json}.
 *
 * @param status {@code pass}, {@code fail} or {@code error} over all platforms (error wins over fail)
 * @param tests the counts over all platforms
 * @param report the JUnit report of all platforms
 * @param evidence evidence.log as written
 */
@JsonPropertyOrder("schema")
public record SmokeSummary(String build, String run, String status, Tests tests, String report, Evidence evidence,
        List<Platform> platforms) {
    public static final String SCHEMA = "factory.smoke/v1";
    public static final String FILE = "smoke.json";

    public SmokeSummary {
        platforms = platforms == null ? List.of() : platforms;
    }

    /** Always {@value #SCHEMA}: written first, checked by the schema. */
    @JsonProperty("schema")
    public String schema() {
        return SCHEMA;
    }

    /** @param failed tests that failed (not counting errors); @param errors tests that could not run */
    public record Tests(int total, int failed, int errors, int skipped) {}

    /** @param sha256 sha256 (hex) of the file as written */
    public record Evidence(String path, String sha256) {}

    /**
     * One platform.
     *
     * @param failed tests that failed (not counting errors)
     * @param errors tests that could not run, or 1 when the image itself was missing
     * @param suiteReport the Surefire-style copy ({@code target/failsafe-reports/TEST-<suite>.xml})
     * @param problem why the platform could not be tested, else null
     */
    public record Platform(String platform, String image, String digest, boolean emulated, String status, int total,
            int passed, int failed, int errors, int skipped,
            @JsonProperty("duration_ms") long durationMillis, String suite,
            String suiteReport, String problem) {}

    /** The summary of a build's last test run; absent means the build was never tested, which the message says. */
    public static SmokeSummary read(Path buildDir, String build) {
        Path file = buildDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException(
                    "Build " + build + " has no test results: " + file + " does not exist. Run factory:test "
                            + "first (mvn verify runs it in the integration-test phase).");
        }
        try {
            JsonNode root = Json.read(file);
            if (!SCHEMA.equals(root.path("schema").asText())) {
                throw new BadInputException(
                        file + " is not a Factory smoke summary (schema '" + root.path("schema").asText()
                                + "'); run factory:test again.");
            }
            return Json.bind(root, SmokeSummary.class);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read (" + e.getMessage() + "); run factory:test again.", e);
        }
    }

}
