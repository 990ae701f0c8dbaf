package dev.factory.record;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compatibility record ({@code "schema": "factory.record/v1"}): what one run found about one variant
 * of a manifest on one platform. The JSON form is the contract (schema {@code record.schema.json} in the
 * jar). Bound by Jackson (see {@link dev.factory.io.Json}): the components, in their order, are the keys, so the
 * same record always gives the same bytes; {@code base} and {@code key} are left out when null, so records from
 * before them read as ever.
 *
 * @param manifestDigest {@code sha256:<hex>} of the manifest file as stitched
 * @param plan null for a manifest's own build
 * @param variant axis to value, in the plan's order; empty without a plan
 * @param status {@link #PASS}, {@link #FAIL} or {@link #ERROR}
 * @param evidence null when the platform was never tested (it did not build)
 * @param sbom null when no SBOM was written for the image
 * @param ci null outside CI
 * @param run the smoke-test run id, null when there was no test run
 * @param created when the record was made, whole seconds, UTC
 * @param base the base image the variant was built on, with its digest on this platform; null in records written
 *     before Factory resolved base digests, or when the digest was unknown (offline)
 * @param key the variant key ({@link dev.factory.stitch.VariantKey}): what a later run compares to reuse this record;
 *     null when it could not be computed (no base digest)
 */
@JsonPropertyOrder("schema")
public record CompatibilityRecord(String manifestId, String manifestDigest, String build, String plan,
        Map<String, String> variant, String fingerprint, List<Fragment> fragments, Image image,
        String status, Tests tests, Evidence evidence, Sbom sbom, Tools tools, Source source,
        Ci ci, String run, Instant created, List<String> notes,
        @JsonInclude(JsonInclude.Include.NON_NULL) Base base,
        @JsonInclude(JsonInclude.Include.NON_NULL) String key) {
    public static final String SCHEMA = "factory.record/v1";
    public static final String PASS = "pass";
    public static final String FAIL = "fail";
    public static final String ERROR = "error";

    public CompatibilityRecord {
        variant = variant == null ? Map.of() : java.util.Collections.unmodifiableMap(new LinkedHashMap<>(variant));
        fragments = fragments == null ? List.of() : List.copyOf(fragments);
        notes = notes == null ? List.of() : List.copyOf(notes);
        created = created == null ? null : created.truncatedTo(ChronoUnit.SECONDS);
    }

    /** A record without base and key (as records were before Factory resolved base digests). */
    public CompatibilityRecord(String manifestId, String manifestDigest, String build, String plan,
            Map<String, String> variant,
            String fingerprint, List<Fragment> fragments, Image image, String status, Tests tests,
            Evidence evidence, Sbom sbom, Tools tools, Source source, Ci ci, String run, Instant created,
            List<String> notes) {
        this(manifestId, manifestDigest, build, plan, variant, fingerprint, fragments, image, status, tests, evidence,
                sbom,
                tools, source, ci, run, created, notes, null, null);
    }

    /**
     * The base image a variant was built on.
     *
     * @param ref the reference its Dockerfile names (after factory.mirror)
     * @param digest the platform's image manifest digest that reference named when stitched; null when unknown
     */
    public record Base(String ref, String digest) {}

    /** A fragment as built into the image. */
    public record Fragment(String slot, String name, String version, String sha256) {}

    /**
     * The image the record is about.
     *
     * @param name the repository, e.g. {@code localhost:5000/factory/orders-api}
     * @param digest the platform's image manifest digest; null when it was not built
     * @param indexDigest the multi-arch index after a push and merge, else null
     */
    public record Image(String name, String tag, String platform, String digest, String indexDigest, boolean pushed) {}

    /** @param failed failed tests plus tests that could not run */
    public record Tests(int total, int failed, int skipped) {}

    /** @param path evidence.log relative to the project; @param report the JUnit report relative to the project */
    public record Evidence(String path, String sha256, String report) {}

    public record Sbom(String path, String sha256, int componentCount, String generator) {}

    public record Tools(String docker, String buildx, String factory) {}

    /** @param dirty whether tracked files differed from the commit; null when unknown */
    public record Source(String commit, Boolean dirty) {}

    public record Ci(String provider, String runId, String url) {}

    /** Always {@value #SCHEMA}: written first, checked by the schema. */
    @JsonProperty("schema")
    public String schema() {
        return SCHEMA;
    }

    public boolean passed() {
        return PASS.equals(status);
    }

    /** {@code 2026-11-25T10:15:30Z}. */
    public String createdText() {
        return DateTimeFormatter.ISO_INSTANT.format(created);
    }
}
