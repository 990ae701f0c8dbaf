package dev.factory.record;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.bake.ImageJson;
import dev.factory.docker.EngineInfo;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Hashing;
import dev.factory.io.Json;
import dev.factory.oci.Registries;
import dev.factory.smoke.SmokeSummary;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/** A project folder with what stitch, bake, test and sbom leave behind, written with their own classes. */
public final class Fixtures {
    static final Instant NOW = Instant.parse("2026-11-25T10:15:30Z");
    static final String MANIFEST_HEX = "8eb1117b719abab7f301950ac8590da36f2f4c48c16edf26700218dffdf6c839";
    static final String AMD = "linux/amd64";
    static final String ARM = "linux/arm64";

    final Path project;
    final Path output;
    final List<StitchedBuild> builds = new ArrayList<>();
    final List<String> infos = new ArrayList<>();
    final List<String> warnings = new ArrayList<>();
    final List<RecordFiles.Written> attached = new ArrayList<>();
    Map<String, String> env = Map.of();
    Instant now = NOW;
    Registries registries = new Registries(registry -> java.util.Optional.empty(), Set.of(), 0);

    Fixtures(Path project) {
        this.project = project;
        this.output = project.resolve("target/factory");
    }

    static String digest(char c) {
        return "sha256:" + String.valueOf(c).repeat(64);
    }

    /** The build solo of the manifest solo (no plan, no variant): localhost:5000/team/solo on {@code platforms}. */
    StitchedBuild solo(String... platforms) throws IOException {
        return build("solo", "solo", null, Map.of(), "localhost:5000/team/solo", List.of(platforms));
    }

    /** solo on linux/amd64, built as digest('a'). */
    StitchedBuild builtSolo() throws IOException {
        StitchedBuild b = solo(AMD);
        image(b, false, built(AMD, digest('a')));
        return b;
    }

    /** solo on linux/amd64, built as digest('a'), and its 3 tests passed on that image. */
    StitchedBuild testedSolo() throws IOException {
        StitchedBuild b = builtSolo();
        smoke(b, tested(AMD, digest('a'), 3, 0, 0, null));
        return b;
    }

    /** The build app-CORE of the manifest app, plan jres, variant core.version=CORE: localhost:5000/team/app. */
    StitchedBuild app(String core, String... platforms) throws IOException {
        return build("app-" + core, "app", "jres", Map.of("core.version", core), "localhost:5000/team/app",
                List.of(platforms));
    }

    /** app-17 on linux/amd64 and linux/arm64, built as digest('a') and digest('b'). */
    StitchedBuild builtApp17() throws IOException {
        StitchedBuild b = app("17", AMD, ARM);
        image(b, false, built(AMD, digest('a')), built(ARM, digest('b')));
        return b;
    }

    /** app-21 on linux/amd64, whose bake failed (exit code 100 in RUN apt-get install openjdk-21). */
    StitchedBuild failedApp21() throws IOException {
        StitchedBuild b = app("21", AMD);
        image(b, false, failed(AMD, "exit code 100 in RUN apt-get install openjdk-21"));
        return b;
    }

    StitchedBuild build(String id, String manifest, String plan, Map<String, String> variant, String image,
            List<String> platforms) throws IOException {
        List<StitchedBuild.FragmentUse> fragments = List.of(
                new StitchedBuild.FragmentUse("core", "jre", "1.0.0", "factory-fragments.jar", "1".repeat(64)),
                new StitchedBuild.FragmentUse("light", "healthcheck", "1.0.0", "factory-fragments.jar",
                        "2".repeat(64)));
        StitchedBuild b = new StitchedBuild(id, manifest, "src/main/factory/manifests/" + manifest + ".yaml", plan,
                plan == null ? null : "src/main/factory/plans/" + plan + ".yaml", new LinkedHashMap<>(variant),
                "debian:bookworm-slim", image, List.of(id), platforms, null, "layered", fragments,
                "target/factory/builds/" + id + "/Dockerfile", Map.of(), Map.of(), "sha256:" + "f".repeat(64));
        builds.add(b);
        AtomicFiles.write(output.resolve(BuildsFile.NAME), BuildsFile.bytes(builds));
        ObjectNode stitch = Json.object();
        stitch.put("schema", "factory.stitch/v1");
        stitch.put("build", id);
        ObjectNode m = stitch.putObject("manifest");
        m.put("id", manifest);
        m.put("sha256", MANIFEST_HEX);
        AtomicFiles.write(buildDir(id).resolve("stitch.json"), Json.bytes(stitch));
        return b;
    }

    Path buildDir(String id) {
        return output.resolve("builds").resolve(id);
    }

    void image(StitchedBuild b, boolean pushed, ImageJson.PlatformImage... platforms) {
        new ImageJson(b.build(), b.manifestId(), b.image(), b.tags().get(0), b.fingerprint(), pushed, null,
                List.of(platforms)).write(buildDir(b.build()));
    }

    static ImageJson.PlatformImage built(String platform, String digest) {
        return new ImageJson.PlatformImage(platform, "ref-" + platform, digest, "built", null);
    }

    static ImageJson.PlatformImage failed(String platform, String error) {
        return new ImageJson.PlatformImage(platform, null, null, "failed", error);
    }

    /** A platform's smoke result: total tests, failed, errors; problem when it could not be tested. */
    static SmokeSummary.Platform tested(String platform, String digest, int total, int failed, int errors,
            String problem) {
        return new SmokeSummary.Platform(platform, "ref-" + platform, digest, false,
                errors > 0 ? "error" : failed > 0 ? "fail"
                        : "pass",
                total, total - failed - errors, failed, errors, 0, 1000, "factory.x", null, problem);
    }

    void smoke(StitchedBuild b, SmokeSummary.Platform... platforms) throws IOException {
        Path dir = buildDir(b.build());
        byte[] evidence = ("# Factory smoke-test evidence\n# build: " + b.build() + "\n")
                .getBytes(StandardCharsets.UTF_8);
        AtomicFiles.write(dir.resolve("evidence.log"), evidence);
        String rel = "target/factory/builds/" + b.build() + "/";
        int total = 0;
        int failed = 0;
        int errors = 0;
        for (SmokeSummary.Platform p : platforms) {
            total += p.total();
            failed += p.failed();
            errors += p.errors();
        }
        SmokeSummary s = new SmokeSummary(b.build(), "20261125-101500-abcdef", "pass",
                new SmokeSummary.Tests(total, failed, errors, 0), rel + "smoke-report.xml",
                new SmokeSummary.Evidence(rel + "evidence.log", Hashing.sha256(evidence)), List.of(platforms));
        AtomicFiles.write(dir.resolve(SmokeSummary.FILE), Json.bytes(s));
    }

    /** A CycloneDX-shaped SBOM about {@code digest} with {@code components} components. */
    void sbom(StitchedBuild b, String file, String digest, int components) throws IOException {
        ObjectNode root = Json.object();
        root.put("bomFormat", "CycloneDX");
        root.put("specVersion", "1.6");
        ObjectNode meta = root.putObject("metadata");
        ObjectNode c = meta.putObject("component");
        c.put("type", "container");
        c.put("version", digest);
        var props = meta.putArray("properties");
        ObjectNode gen = props.addObject();
        gen.put("name", "dev.factory:sbom:generator");
        gen.put("value", "builtin");
        var list = root.putArray("components");
        for (int i = 0; i < components; i++) {
            list.addObject().put("name", "pkg" + i);
        }
        AtomicFiles.write(buildDir(b.build()).resolve(file), Json.bytes(root));
    }

    RecordRequest request(Path recordsDir, PushMode push, String platform) {
        return new RecordRequest(project, output, recordsDir, null, platform, push, "0.1.0-TEST",
                () -> new EngineInfo("26.1.5", "0.13.1", true, "linux/amd64"),
                () -> new CompatibilityRecord.Source("c0ffee" + "0".repeat(34), false), env,
                Clock.fixed(now, ZoneOffset.UTC), () -> registries, infos::add, warnings::add, attached::add);
    }

    /** A valid record for report tests. */
    public static CompatibilityRecord record(String manifest, String plan, Map<String, String> variant, String platform,
            String status, Instant created) {
        String build = manifest + variant.values().stream().map(v -> "-" + v.replaceAll("[^A-Za-z0-9._-]", "-"))
                .reduce("", String::concat);
        int failed = status.equals(CompatibilityRecord.FAIL) ? 2 : 0;
        return new CompatibilityRecord(manifest, "sha256:" + MANIFEST_HEX, build, plan, variant,
                "sha256:" + "f".repeat(64),
                List.of(new CompatibilityRecord.Fragment("core", "jre", "1.0.0", "1".repeat(64))),
                new CompatibilityRecord.Image("localhost:5000/team/" + manifest, build, platform,
                        status.equals(CompatibilityRecord.ERROR) ? null : digest('a'), null, false),
                status, new CompatibilityRecord.Tests(status.equals(CompatibilityRecord.ERROR) ? 0 : 12, failed, 0),
                new CompatibilityRecord.Evidence("target/factory/builds/" + build + "/evidence.log", "3".repeat(64),
                        "target/factory/builds/" + build + "/smoke-report.xml"),
                null, new CompatibilityRecord.Tools("26.1.5", "0.13.1", "0.1.0"),
                new CompatibilityRecord.Source("abc", false), null, "run-1", created,
                status.equals(CompatibilityRecord.ERROR) ? List.of("Not built: exit code 1 in RUN apt-get install")
                        : List.of());
    }

    /** The same record with a base and a key, as Factory writes them since it resolves base digests. */
    static CompatibilityRecord withBase(CompatibilityRecord r, String baseRef, String baseDigest, String key) {
        return new CompatibilityRecord(r.manifestId(), r.manifestDigest(), r.build(), r.plan(), r.variant(),
                r.fingerprint(),
                r.fragments(), r.image(), r.status(), r.tests(), r.evidence(), r.sbom(), r.tools(), r.source(), r.ci(),
                r.run(),
                r.created(), r.notes(), new CompatibilityRecord.Base(baseRef, baseDigest), key);
    }
}
