package dev.factory.io;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import dev.factory.EnvironmentException;
import java.io.IOException;
import java.io.InputStream;
import java.util.Collections;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.stream.Collectors;

/**
 * The JSON Schemas shipped in the plugin jar under {@code dev/factory/schemas/}, loaded once: the inputs (manifest,
 * plan, fragment, template), the record, validated before it is written or trusted, and the files one goal hands to
 * the next (builds.json, stitch.json, image.json, smoke.json, repack.json), which document the contract for workflows and
 * scripts that read them; tests hold what Factory writes to them.
 */
public final class Schemas {
    public static final String MANIFEST = "manifest.schema.json";
    public static final String PLAN = "plan.schema.json";
    public static final String FRAGMENT = "fragment.schema.json";
    public static final String TEMPLATE = "template.schema.json";
    public static final String RECORD = "record.schema.json";
    public static final String BUILDS = "builds.schema.json";
    public static final String STITCH = "stitch.schema.json";
    public static final String IMAGE = "image.schema.json";
    public static final String SMOKE = "smoke.schema.json";
    public static final String REPACK = "repack.schema.json";

    static {
        quietValidatorLogs();
    }

    private static final SchemaRegistry REGISTRY = SchemaRegistry
            .withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    private static final Map<String, Schema> LOADED = new ConcurrentHashMap<>();

    private Schemas() {}

    /**
     * The validator warns about every vendor keyword it meets (CycloneDX's schema has several); that
     * noise reached the Maven log once per build. Maven's logger reads per-logger levels from system
     * properties when a logger is first created, so this must run before the validator logs anything.
     */
    public static void quietValidatorLogs() {
        if (System.getProperty("org.slf4j.simpleLogger.log.com.networknt") == null) {
            System.setProperty("org.slf4j.simpleLogger.log.com.networknt", "error");
        }
    }

    /** The schema document itself (for docs and tests). */
    public static JsonNode document(String name) {
        try (InputStream in = open(name)) {
            return Json.mapper().readTree(in);
        } catch (IOException e) {
            throw new EnvironmentException("The JSON schema " + name + " in Factory's plugin jar cannot be read ("
                    + e.getMessage() + "): the jar in your Maven repository is damaged. Delete "
                    + "~/.m2/repository/dev/factory/factory-maven-plugin and run again to download it anew.", e);
        }
    }

    /** One way a document fails its schema: where (a JSON pointer, empty for the root) and what. */
    public record Problem(String at, String message) {
        @Override
        public String toString() {
            return at + ": " + message;
        }
    }

    /** Problems of {@code document} against the named schema, as "location: message" lines; empty when valid. */
    public static List<String> problems(String name, JsonNode document) {
        return check(name, document).stream().map(Problem::toString).collect(Collectors.toList());
    }

    /** Problems of {@code document} against the named schema; empty when valid. */
    public static List<Problem> check(String name, JsonNode document) {
        Schema schema = LOADED.computeIfAbsent(name, n -> REGISTRY.getSchema(document(n)));
        List<Error> errors = schema.validate(document);
        return errors.stream().map(e -> new Problem(e.getInstanceLocation().toString(), e.getMessage())).toList();
    }

    /** The top-level property names of a schema, in its order: the keys a document of that kind may have. */
    public static Set<String> properties(String name) {
        Set<String> keys = new LinkedHashSet<>();
        document(name).path("properties").fieldNames().forEachRemaining(keys::add);
        return Collections.unmodifiableSet(keys);
    }

    private static InputStream open(String name) {
        InputStream in = Schemas.class.getResourceAsStream("/dev/factory/schemas/" + name);
        if (in == null) {
            throw new IllegalStateException("schema " + name + " is missing from the plugin jar");
        }
        return in;
    }
}
