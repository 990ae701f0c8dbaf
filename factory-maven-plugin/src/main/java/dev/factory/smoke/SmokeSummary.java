package dev.factory.smoke;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.BadInputException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * {@code builds/<build>/smoke.json}: what factory:test found for one build, for the record goal to read
 * without parsing XML. Paths are relative to the project directory.
 *
 * @param status {@code pass}, {@code fail} or {@code error} over all platforms (error wins over fail)
 * @param evidenceSha256 sha256 (hex) of evidence.log as written
 */
public record SmokeSummary(String build, String run, String status, int total, int failed, int errors, int skipped,
                           String report, String evidence, String evidenceSha256, List<Platform> platforms) {
    public static final String SCHEMA = "factory.smoke/v1";
    public static final String FILE = "smoke.json";

    /**
     * One platform.
     *
     * @param failed tests that failed (not counting errors)
     * @param errors tests that could not run, or 1 when the image itself was missing
     * @param suiteReport the Surefire-style copy ({@code target/failsafe-reports/TEST-<suite>.xml})
     * @param problem why the platform could not be tested, else null
     */
    public record Platform(String platform, String image, String digest, boolean emulated, String status, int total,
                           int passed, int failed, int errors, int skipped, long durationMillis, String suite,
                           String suiteReport, String problem) {}

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("schema", SCHEMA);
        o.put("build", build);
        o.put("run", run);
        o.put("status", status);
        ObjectNode t = o.putObject("tests");
        t.put("total", total);
        t.put("failed", failed);
        t.put("errors", errors);
        t.put("skipped", skipped);
        o.put("report", report);
        ObjectNode e = o.putObject("evidence");
        e.put("path", evidence);
        e.put("sha256", evidenceSha256);
        ArrayNode list = o.putArray("platforms");
        for (Platform p : platforms) {
            ObjectNode n = list.addObject();
            n.put("platform", p.platform());
            n.put("image", p.image());
            n.put("digest", p.digest());
            n.put("emulated", p.emulated());
            n.put("status", p.status());
            n.put("total", p.total());
            n.put("passed", p.passed());
            n.put("failed", p.failed());
            n.put("errors", p.errors());
            n.put("skipped", p.skipped());
            n.put("duration_ms", p.durationMillis());
            n.put("suite", p.suite());
            n.put("suite_report", p.suiteReport());
            n.put("problem", p.problem());
        }
        return o;
    }

    public static SmokeSummary fromJson(JsonNode o) {
        List<Platform> platforms = new ArrayList<>();
        for (JsonNode n : o.path("platforms")) {
            platforms.add(new Platform(n.path("platform").asText(), Json.textOrNull(n, "image"), Json.textOrNull(n, "digest"),
                    n.path("emulated").asBoolean(), n.path("status").asText(), n.path("total").asInt(), n.path("passed").asInt(),
                    n.path("failed").asInt(), n.path("errors").asInt(), n.path("skipped").asInt(), n.path("duration_ms").asLong(),
                    n.path("suite").asText(), Json.textOrNull(n, "suite_report"), Json.textOrNull(n, "problem")));
        }
        JsonNode t = o.path("tests");
        return new SmokeSummary(o.path("build").asText(), o.path("run").asText(), o.path("status").asText(),
                t.path("total").asInt(), t.path("failed").asInt(), t.path("errors").asInt(), t.path("skipped").asInt(),
                o.path("report").asText(), o.path("evidence").path("path").asText(), o.path("evidence").path("sha256").asText(),
                platforms);
    }

    /** The summary of a build's last test run; absent means the build was never tested, which the message says. */
    public static SmokeSummary read(Path buildDir, String build) {
        Path file = buildDir.resolve(FILE);
        if (!Files.isRegularFile(file)) {
            throw new BadInputException("Build " + build + " has no test results: " + file + " does not exist. Run factory:test "
                    + "first (mvn verify runs it in the integration-test phase).");
        }
        try {
            JsonNode root = Json.read(file);
            if (!SCHEMA.equals(root.path("schema").asText())) {
                throw new BadInputException(file + " is not a Factory smoke summary (schema '" + root.path("schema").asText()
                        + "'); run factory:test again.");
            }
            return fromJson(root);
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read (" + e.getMessage() + "); run factory:test again.", e);
        }
    }

}
