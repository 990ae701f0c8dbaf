package dev.factory.record;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.FactoryException;
import dev.factory.bake.ImageJson;
import dev.factory.docker.EngineInfo;
import dev.factory.io.Hashing;
import dev.factory.io.Json;
import dev.factory.io.ProjectPaths;
import dev.factory.oci.ImageReference;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import dev.factory.sbom.SbomFiles;
import dev.factory.sbom.SbomResult;
import dev.factory.smoke.SmokeSummary;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.StitchJson;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * factory:record's core. For every build in builds.json and each of its platforms, one record made from
 * the files the earlier goals left (stitch.json, image.json, smoke.json, evidence.log, the SBOM), all
 * checked to be about the same image. Records are written all-or-nothing, handed to
 * {@link RecordRequest#written()}, and then pushed as referrers of their images where asked.
 *
 * <p>Status: {@code error} when the platform did not build (no image.json, or its entry failed) or its
 * image could not be tested; {@code fail} when a smoke test failed or could not run; else {@code pass}.
 * A built platform without test results (factory:test skipped) gets no record, with a warning: a record
 * without evidence would claim what nobody checked.
 */
public final class Recorder {

    /** Writes (and maybe pushes) the records; returns those written. */
    public List<RecordFiles.Written> record(RecordRequest request) {
        List<StitchedBuild> builds = new BuildSelector(request.manifestId()).read(request.outputDir());
        Context context = new Context(request);
        List<CompatibilityRecord> records = new ArrayList<>();
        List<String> unrecorded = new ArrayList<>();
        for (StitchedBuild build : builds) {
            records.addAll(context.recordsOf(build, unrecorded));
        }
        List<RecordFiles.Written> written = RecordFiles.writeAll(request.recordsDir(), records,
                RecordFiles::randomSuffix);
        for (RecordFiles.Written w : context.published) {
            request.info()
                    .accept("Record " + w.record().build() + " (" + w.record().image().platform() + "): the image was "
                            + "published since it was recorded, and it is the image tested ("
                            + w.record().image().digest()
                            + "); its record " + display(request, w.file()) + " goes to the registry as it is");
        }
        for (RecordFiles.Written w : written) {
            CompatibilityRecord r = w.record();
            request.info().accept("Record " + r.build() + " (" + r.image().platform() + "): " + r.status()
                    + (r.tests().total() > 0 ? ", " + (r.tests().total() - r.tests().failed()) + "/" + r.tests().total()
                            + " tests passed" : "")
                    + " -> " + display(request, w.file()));
        }
        if (!context.reused.isEmpty()) {
            request.info()
                    .accept("Not recorded again: " + context.reused.size() + " reused image(s), whose passing records "
                            + "still vouch for them"
                            + (context.reused.size() <= 4 ? ": " + String.join("; ", context.reused)
                                    : " (factory:report lists them)"));
        }
        if (!unrecorded.isEmpty()) {
            request.warn().accept(
                    "No record for " + unrecorded.size() + " build platform(s): " + String.join("; ", unrecorded));
        }
        written.forEach(request.written());
        List<RecordFiles.Written> toPush = new ArrayList<>(context.published);
        toPush.addAll(written);
        push(request, context, toPush);
        return written;
    }

    private void push(RecordRequest request, Context context, List<RecordFiles.Written> written) {
        List<RecordFiles.Written> toPush = new ArrayList<>();
        for (RecordFiles.Written w : written) {
            CompatibilityRecord.Image image = w.record().image();
            if (request.push().pushes(image.pushed() || w.publishedSince())) {
                if (image.digest() == null) {
                    request.info()
                            .accept("Record " + w.record().build() + " (" + image.platform() + ") stays local: there "
                                    + "is no image to attach it to.");
                } else {
                    toPush.add(w);
                }
            }
        }
        if (toPush.isEmpty()) {
            return;
        }
        RecordPublisher publisher = new RecordPublisher(context.registries(), request.projectDir());
        List<String> failures = new ArrayList<>();
        Set<String> failedRegistries = new LinkedHashSet<>();
        boolean environment = false;
        FactoryException first = null;
        for (RecordFiles.Written w : toPush) {
            CompatibilityRecord r = w.record();
            try {
                RecordPublisher.Pushed pushed = publisher.push(r);
                request.info()
                        .accept("Pushed record " + r.build() + " (" + r.image().platform() + ") to "
                                + pushed.repository()
                                + " as referrer " + pushed.record() + " of " + pushed.subject()
                                + (pushed.sbom() != null ? ", with its SBOM " + pushed.sbom() : "")
                                + (pushed.apiUsed() ? "" : " (referrers tag " + pushed.referrersTag() + ")"));
            } catch (FactoryException e) {
                failedRegistries.add(ImageReference.parse(r.image().name()).registry());
                failures.add(r.build() + " (" + r.image().platform() + ") -> " + display(request, w.file()) + ": "
                        + e.getMessage());
                environment |= e instanceof EnvironmentException;
                first = first == null ? e : first;
            }
        }
        if (!failures.isEmpty()) {
            String message = "Pushing " + failures.size() + " of " + toPush.size() + " record(s) to the registry "
                    + String.join(", ", failedRegistries)
                    + " failed; the records are written locally all the same:\n  - "
                    + String.join("\n  - ", failures)
                    + (environment ? "\nWhen the registry is back, run factory:record again to push new records; "
                            + "factory.record.push=false keeps records local only." : "");
            throw environment ? new EnvironmentException(message, first) : new BadInputException(message, first);
        }
    }

    static String display(RecordRequest request, Path file) {
        return ProjectPaths.display(request.projectDir(), file);
    }

    /** What every record of one run shares, computed once. */
    private static final class Context {
        private final RecordRequest request;
        private final Instant created;
        private final CompatibilityRecord.Ci ci;
        /** Records of the last test run whose image has been pushed since: pushed as they are, not written again. */
        private final List<RecordFiles.Written> published = new ArrayList<>();
        /** Platforms a passing record of the same key and digest vouches for: not recorded again. */
        private final List<String> reused = new ArrayList<>();
        private Registries registries;
        private CompatibilityRecord.Tools tools;
        private CompatibilityRecord.Source source;

        Context(RecordRequest request) {
            this.request = request;
            this.created = request.clock().instant();
            this.ci = new CiEnvironment(request.env()).describe();
        }

        CompatibilityRecord.Tools tools() {
            if (tools == null) {
                String docker = null;
                String buildx = null;
                try {
                    EngineInfo engine = request.engine().get();
                    docker = engine.dockerVersion();
                    buildx = engine.buildxVersion();
                } catch (EnvironmentException e) {
                    // the records are still true without the versions; they say "unknown" (null)
                    request.warn().accept("Docker and buildx versions are not recorded: " + e.getMessage());
                }
                tools = new CompatibilityRecord.Tools(docker, buildx, request.factoryVersion());
            }
            return tools;
        }

        CompatibilityRecord.Source source() {
            if (source == null) {
                source = request.source().get();
            }
            return source;
        }

        List<CompatibilityRecord> recordsOf(StitchedBuild build, List<String> unrecorded) {
            Path buildDir = request.outputDir().resolve("builds").resolve(build.build());
            String manifestDigest = manifestDigest(buildDir, build);
            ImageJson.Outcome read = ImageJson.tryRead(buildDir, build.build());
            ImageJson image = read.image();
            String imageProblem = read.problem();
            if (image != null && image.fingerprint() != null && !image.fingerprint().isEmpty()
                    && build.fingerprint() != null && !image.fingerprint().equals(build.fingerprint())) {
                unrecorded.add(build.build() + ": its image was baked from another stitch (fingerprint "
                        + image.fingerprint()
                        + ", builds.json has " + build.fingerprint() + "); run factory:bake and factory:test again");
                return List.of();
            }
            SmokeSummary smoke = Files.isRegularFile(buildDir.resolve(SmokeSummary.FILE))
                    ? SmokeSummary.read(buildDir, build.build()) : null;
            List<CompatibilityRecord> out = new ArrayList<>();
            for (String platform : platforms(build, image)) {
                Draft draft = new Draft(build, manifestDigest, platform, image);
                if (image == null) {
                    draft.error("Not built: " + imageProblem);
                    draft.evidence(smoke, null);
                    out.add(draft.finish());
                    continue;
                }
                ImageJson.PlatformImage pi = image.platforms().stream().filter(p -> p.platform().equals(platform))
                        .findFirst().orElse(null);
                if (pi == null || !pi.built()) {
                    draft.error("Not built: " + (pi == null ? "image.json has no entry for " + platform
                            : pi.error() != null ? pi.error() : "status " + pi.status()));
                    draft.evidence(smoke, null);
                    out.add(draft.finish());
                    continue;
                }
                if (pi.isReused()) {
                    reused.add(build.build() + " (" + platform + "): vouched by " + pi.reused().record() + " (pass, "
                            + pi.reused().created() + ", run " + pi.reused().run() + ")");
                    continue;
                }
                SmokeSummary.Platform tested = smoke == null ? null : smoke.platforms().stream()
                        .filter(p -> p.platform().equals(platform)).findFirst().orElse(null);
                if (tested == null) {
                    unrecorded.add(build.build() + " (" + platform + "): it was not tested ("
                            + (smoke == null ? display(request, buildDir.resolve(SmokeSummary.FILE)) + " does not exist"
                                    : "smoke.json has no results for " + platform)
                            + "; run factory:test)");
                    continue;
                }
                // tests of no image (it did not build then) are not tests of the image built since
                if (pi.digest() != null && !pi.digest().equals(tested.digest())) {
                    String pushedImage = image.pushed() && tested.digest() != null ? pushedImageManifest(image, pi)
                            : null;
                    if (tested.digest() == null || !tested.digest().equals(pushedImage)) {
                        unrecorded.add(build.build() + " (" + platform + "): the tests ran on "
                                + (tested.digest() == null ? "no image (it was not built then)"
                                        : "image " + tested.digest())
                                + " but image.json now has "
                                + (pushedImage != null ? pi.digest() + " (image " + pushedImage + ")" : pi.digest())
                                + "; run factory:test again"
                                + (image.pushed() && tested.digest() != null
                                        ? " (a push is the image tested only when the "
                                                + "build is reproducible: same labels, same compression; see docs/records.md)"
                                        : ""));
                        continue;
                    }
                    // published since the tests ran, and the registry holds the very image tested
                    RecordFiles.Written earlier = earlierRecord(build, platform, smoke.run(), tested.digest());
                    if (earlier != null) {
                        published.add(earlier);
                        continue;
                    }
                }
                draft.tested(smoke, tested);
                draft.sbom(buildDir, image, pi);
                out.add(draft.finish());
            }
            return out;
        }

        /** The registry clients, made once per run and only when something is asked of a registry. */
        Registries registries() {
            if (registries == null) {
                registries = request.registries().get();
            }
            return registries;
        }

        /**
         * The platform's image manifest in the registry: image.json names the per-platform index after a push
         * with provenance, the tests name the image manifest they ran (loaded before the push).
         */
        private String pushedImageManifest(ImageJson image, ImageJson.PlatformImage pi) {
            ImageReference ref = ImageReference.parse(image.image());
            RegistryClient client = registries().client(ref.registry());
            RegistryClient.Manifest top = client.getManifest(ref.repository(), pi.digest()).orElse(null);
            if (top == null) {
                return null;
            }
            return RecordPublisher.imageManifest(client, ref.repository(), top, pi.platform(), ref.name()).digest();
        }

        /** This run's record of the platform, written before its image was pushed; null when there is none. */
        private RecordFiles.Written earlierRecord(StitchedBuild build, String platform, String run, String digest) {
            Path dir = request.recordsDir().resolve(build.manifestId());
            String prefix = build.build() + "--" + RecordFiles.slug(platform) + "--";
            if (run == null || !Files.isDirectory(dir)) {
                return null;
            }
            try (var files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix))
                        .sorted()::iterator) {
                    byte[] bytes = LocalRecords.readBounded(file, request.maxRecordBytes());
                    if (bytes == null) {
                        // larger than any record: not one of this run's
                        continue;
                    }
                    RecordFiles.Parsed parsed = RecordFiles.parse(bytes);
                    CompatibilityRecord r = parsed.record();
                    if (parsed.ok() && run.equals(r.run()) && build.build().equals(r.build())
                            && digest.equals(r.image().digest())
                            && platform.equals(r.image().platform())) {
                        return new RecordFiles.Written(r, file, RecordFiles.classifier(r.build(), platform), true);
                    }
                }
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read the records in " + dir + " (" + e.getMessage() + ").", e);
            }
            return null;
        }

        private List<String> platforms(StitchedBuild build, ImageJson image) {
            Set<String> all = new LinkedHashSet<>();
            if (image != null) {
                image.platforms().forEach(p -> all.add(p.platform()));
            } else {
                all.addAll(build.platforms());
            }
            if (request.platform() != null) {
                all.retainAll(Set.of(request.platform()));
            }
            return new ArrayList<>(all);
        }

        private String manifestDigest(Path buildDir, StitchedBuild build) {
            Path file = buildDir.resolve("stitch.json");
            String hex;
            try {
                hex = Files.isRegularFile(file) ? manifestSha256(StitchJson.read(file)) : null;
            } catch (IOException e) {
                throw new BadInputException(
                        file + " cannot be read (" + e.getMessage() + "); run factory:stitch again.", e);
            }
            if (hex == null) {
                throw new BadInputException("Build " + build.build() + " has no " + file + "; run factory:stitch again "
                        + "(mvn verify runs it first).");
            }
            if (!hex.matches("[0-9a-f]{64}")) {
                throw new BadInputException(file + " has no manifest sha256 (manifest.sha256 is '" + hex + "'); run "
                        + "factory:stitch again.");
            }
            return "sha256:" + hex;
        }

        private static String manifestSha256(StitchJson stitched) {
            return stitched.manifest() == null || stitched.manifest().sha256() == null ? ""
                    : stitched.manifest().sha256();
        }

        /** One record being put together. */
        private final class Draft {
            private final StitchedBuild build;
            private final String manifestDigest;
            private final String platform;
            private final ImageJson image;
            private final List<String> notes = new ArrayList<>();
            private String digest;
            private String status = CompatibilityRecord.PASS;
            private CompatibilityRecord.Tests tests = new CompatibilityRecord.Tests(0, 0, 0);
            private CompatibilityRecord.Evidence evidence;
            private CompatibilityRecord.Sbom sbom;
            private String run;

            Draft(StitchedBuild build, String manifestDigest, String platform, ImageJson image) {
                this.build = build;
                this.manifestDigest = manifestDigest;
                this.platform = platform;
                this.image = image;
            }

            void error(String note) {
                status = CompatibilityRecord.ERROR;
                notes.add(note);
            }

            void tested(SmokeSummary smoke, SmokeSummary.Platform tested) {
                digest = tested.digest();
                tests = new CompatibilityRecord.Tests(tested.total(), tested.failed() + tested.errors(),
                        tested.skipped());
                evidence(smoke, tested);
                if (tested.problem() != null) {
                    error("Not tested: " + tested.problem());
                } else if (tested.failed() + tested.errors() > 0) {
                    status = CompatibilityRecord.FAIL;
                    notes.add(tested.failed() + " test(s) failed" + (tested.errors() > 0 ? ", " + tested.errors()
                            + " could not run" : "") + "; see the evidence.");
                }
                if (tested.emulated()) {
                    notes.add("Tested through emulation (QEMU).");
                }
            }

            void evidence(SmokeSummary smoke, SmokeSummary.Platform tested) {
                if (smoke == null || smoke.evidence() == null || smoke.evidence().path() == null
                        || smoke.evidence().path().isEmpty()) {
                    return;
                }
                if (tested == null && smoke.platforms().stream().noneMatch(p -> p.platform().equals(platform))) {
                    return;
                }
                run = smoke.run();
                evidence = new CompatibilityRecord.Evidence(smoke.evidence().path(), smoke.evidence().sha256(),
                        smoke.report());
                Path file = request.projectDir().resolve(smoke.evidence().path());
                try {
                    if (Files.isRegularFile(file) && !Hashing.sha256(file).equals(smoke.evidence().sha256())) {
                        String note = smoke.evidence().path() + " changed after the test run " + smoke.run()
                                + " (its sha256 differs "
                                + "from smoke.json's)";
                        notes.add(note + ".");
                        request.warn()
                                .accept(build.build() + " (" + platform + "): " + note + "; run factory:test again "
                                        + "to get evidence that matches.");
                    }
                } catch (IOException e) {
                    throw new EnvironmentException("Cannot read " + file + " (" + e.getMessage() + ").", e);
                }
            }

            void sbom(Path buildDir, ImageJson image, ImageJson.PlatformImage pi) {
                Path file = SbomFiles.path(buildDir, image, platform);
                if (!Files.isRegularFile(file)) {
                    return;
                }
                try {
                    JsonNode root = Json.read(file);
                    String about = root.path("metadata").path("component").path("version").asText(null);
                    String expected = digest != null ? digest : pi.digest();
                    if (about != null && expected != null && about.startsWith("sha256:") && !about.equals(expected)) {
                        String note = "The SBOM " + display(request, file) + " describes image " + about + ", not "
                                + expected;
                        notes.add(note + "; it is not recorded.");
                        request.warn()
                                .accept(build.build() + " (" + platform + "): " + note + "; run factory:sbom again.");
                        return;
                    }
                    SbomResult described = SbomFiles.describe(build.build(), platform, file);
                    sbom = new CompatibilityRecord.Sbom(display(request, file), described.sha256(),
                            described.componentCount(),
                            described.generator());
                } catch (IOException e) {
                    String note = "The SBOM " + display(request, file) + " cannot be read (" + e.getMessage() + ")";
                    notes.add(note + "; it is not recorded.");
                    request.warn().accept(build.build() + " (" + platform + "): " + note + "; run factory:sbom again.");
                }
            }

            CompatibilityRecord finish() {
                ImageJson.PlatformImage pi = image == null ? null : image.platforms().stream()
                        .filter(p -> p.platform().equals(platform)).findFirst().orElse(null);
                String imageDigest = digest != null ? digest : pi != null && pi.built() ? pi.digest() : null;
                CompatibilityRecord.Image img = new CompatibilityRecord.Image(
                        image != null ? image.image() : build.image(),
                        image != null ? image.tag() : build.tags().isEmpty() ? null : build.tags().get(0),
                        platform, imageDigest, image != null ? image.indexDigest() : null,
                        image != null && image.pushed());
                List<CompatibilityRecord.Fragment> fragments = build.fragments().stream()
                        .map(f -> new CompatibilityRecord.Fragment(f.slot(), f.name(), f.version(), f.sha256()))
                        .toList();
                CompatibilityRecord.Base base = build.base() == null || build.base().isBlank() ? null
                        : new CompatibilityRecord.Base(build.base(), build.baseDigests().get(platform));
                return new CompatibilityRecord(build.manifestId(), manifestDigest, build.build(), build.plan(),
                        build.variant(),
                        build.fingerprint(), fragments, img, status, tests, evidence, sbom, tools(), source(), ci, run,
                        created,
                        notes, base, pi == null ? null : pi.key());
            }
        }
    }
}
