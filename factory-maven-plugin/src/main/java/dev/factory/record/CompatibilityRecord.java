package dev.factory.record;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.time.Instant;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * One compatibility record ({@code "schema": "factory.record/v1"}): what one run found about one variant
 * of a manifest on one platform. The JSON form is the contract (schema {@code record.schema.json} in the
 * jar); keys are written in a fixed order so the same record always gives the same bytes.
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
public record CompatibilityRecord(String manifestId, String manifestDigest, String build, String plan,
                                  Map<String, String> variant, String fingerprint, List<Fragment> fragments, Image image,
                                  String status, Tests tests, Evidence evidence, Sbom sbom, Tools tools, Source source,
                                  Ci ci, String run, Instant created, List<String> notes, Base base, String key) {
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
    public CompatibilityRecord(String manifestId, String manifestDigest, String build, String plan, Map<String, String> variant,
                               String fingerprint, List<Fragment> fragments, Image image, String status, Tests tests,
                               Evidence evidence, Sbom sbom, Tools tools, Source source, Ci ci, String run, Instant created,
                               List<String> notes) {
        this(manifestId, manifestDigest, build, plan, variant, fingerprint, fragments, image, status, tests, evidence, sbom,
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

    public boolean passed() {
        return PASS.equals(status);
    }

    /** {@code 2026-11-25T10:15:30Z}. */
    public String createdText() {
        return DateTimeFormatter.ISO_INSTANT.format(created);
    }

    public ObjectNode toJson() {
        ObjectNode o = Json.object();
        o.put("schema", SCHEMA);
        o.put("manifest_id", manifestId);
        o.put("manifest_digest", manifestDigest);
        o.put("build", build);
        o.put("plan", plan);
        ObjectNode v = o.putObject("variant");
        variant.forEach(v::put);
        o.put("fingerprint", fingerprint);
        ArrayNode f = o.putArray("fragments");
        for (Fragment fragment : fragments) {
            ObjectNode n = f.addObject();
            n.put("slot", fragment.slot());
            n.put("name", fragment.name());
            n.put("version", fragment.version());
            n.put("sha256", fragment.sha256());
        }
        ObjectNode i = o.putObject("image");
        i.put("name", image.name());
        i.put("tag", image.tag());
        i.put("platform", image.platform());
        i.put("digest", image.digest());
        i.put("index_digest", image.indexDigest());
        i.put("pushed", image.pushed());
        o.put("status", status);
        ObjectNode t = o.putObject("tests");
        t.put("total", tests.total());
        t.put("failed", tests.failed());
        t.put("skipped", tests.skipped());
        if (evidence == null) {
            o.putNull("evidence");
        } else {
            ObjectNode e = o.putObject("evidence");
            e.put("path", evidence.path());
            e.put("sha256", evidence.sha256());
            e.put("report", evidence.report());
        }
        if (sbom == null) {
            o.putNull("sbom");
        } else {
            ObjectNode s = o.putObject("sbom");
            s.put("path", sbom.path());
            s.put("sha256", sbom.sha256());
            s.put("component_count", sbom.componentCount());
            s.put("generator", sbom.generator());
        }
        ObjectNode tl = o.putObject("tools");
        tl.put("docker", tools.docker());
        tl.put("buildx", tools.buildx());
        tl.put("factory", tools.factory());
        ObjectNode src = o.putObject("source");
        src.put("commit", source.commit());
        src.put("dirty", source.dirty());
        if (ci == null) {
            o.putNull("ci");
        } else {
            ObjectNode c = o.putObject("ci");
            c.put("provider", ci.provider());
            c.put("run_id", ci.runId());
            c.put("url", ci.url());
        }
        o.put("run", run);
        o.put("created", createdText());
        ArrayNode n = o.putArray("notes");
        notes.forEach(n::add);
        // optional (records before them read as ever): written when known
        if (base != null) {
            ObjectNode b = o.putObject("base");
            b.put("ref", base.ref());
            b.put("digest", base.digest());
        }
        if (key != null) {
            o.put("key", key);
        }
        return o;
    }

    /** Reads a record that passed the schema (see {@link RecordFiles#parse}); lenient about nothing else. */
    public static CompatibilityRecord fromJson(JsonNode o) {
        List<Fragment> fragments = new ArrayList<>();
        for (JsonNode f : o.path("fragments")) {
            fragments.add(new Fragment(f.path("slot").asText(), f.path("name").asText(), f.path("version").asText(),
                    f.path("sha256").asText()));
        }
        Map<String, String> variant = new LinkedHashMap<>();
        o.path("variant").properties().forEach(e -> variant.put(e.getKey(), e.getValue().asText()));
        JsonNode i = o.path("image");
        Image image = new Image(i.path("name").asText(), Json.textOrNull(i, "tag"), i.path("platform").asText(), Json.textOrNull(i, "digest"),
                Json.textOrNull(i, "index_digest"), i.path("pushed").asBoolean());
        JsonNode t = o.path("tests");
        Tests tests = new Tests(t.path("total").asInt(), t.path("failed").asInt(), t.path("skipped").asInt());
        JsonNode e = o.path("evidence");
        Evidence evidence = e.isObject() ? new Evidence(e.path("path").asText(), e.path("sha256").asText(), Json.textOrNull(e, "report"))
                : null;
        JsonNode s = o.path("sbom");
        Sbom sbom = s.isObject() ? new Sbom(s.path("path").asText(), s.path("sha256").asText(),
                s.path("component_count").asInt(), Json.textOrNull(s, "generator")) : null;
        JsonNode tl = o.path("tools");
        Tools tools = new Tools(Json.textOrNull(tl, "docker"), Json.textOrNull(tl, "buildx"), Json.textOrNull(tl, "factory"));
        JsonNode src = o.path("source");
        Source source = new Source(Json.textOrNull(src, "commit"), src.path("dirty").isBoolean() ? src.path("dirty").asBoolean() : null);
        JsonNode c = o.path("ci");
        Ci ci = c.isObject() ? new Ci(c.path("provider").asText(), Json.textOrNull(c, "run_id"), Json.textOrNull(c, "url")) : null;
        List<String> notes = new ArrayList<>();
        o.path("notes").forEach(n -> notes.add(n.asText()));
        JsonNode b = o.path("base");
        Base base = b.isObject() ? new Base(b.path("ref").asText(), Json.textOrNull(b, "digest")) : null;
        return new CompatibilityRecord(o.path("manifest_id").asText(), o.path("manifest_digest").asText(),
                o.path("build").asText(), Json.textOrNull(o, "plan"), variant, Json.textOrNull(o, "fingerprint"), fragments, image,
                o.path("status").asText(), tests, evidence, sbom, tools, source, ci, Json.textOrNull(o, "run"),
                Instant.parse(o.path("created").asText()), notes, base, Json.textOrNull(o, "key"));
    }

}
