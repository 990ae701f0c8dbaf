package dev.factory.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.bake.ImageJson;
import dev.factory.io.Json;
import dev.factory.io.ProjectPaths;
import dev.factory.oci.Descriptor;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.RecordFiles;
import dev.factory.record.RecordPublisher;
import dev.factory.sbom.SbomFiles;
import dev.factory.stitch.BuildSelector;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * What factory:sign signs, found in the files the earlier goals left: for every build in builds.json whose
 * image.json says it was pushed, each platform's image manifest (with its SBOM and its newest record about that
 * very digest), the per-platform tag's index where provenance made one, and the multi-arch index. After
 * factory:merge in a job of its own (no image.json there), the multi-arch tags of builds.json instead.
 */
final class SignTargets {
    private final SignRequest request;
    private final Registries registries;
    private final Consumer<String> warn;

    SignTargets(SignRequest request, Registries registries) {
        this.request = request;
        this.registries = registries;
        this.warn = request.warn();
    }

    List<SignTarget> collect() {
        List<StitchedBuild> builds = new BuildSelector(request.manifestId()).read(request.outputDir());
        if (builds.isEmpty()) {
            throw new BadInputException("No build is listed in " + request.outputDir().resolve(BuildsFile.NAME)
                    + "; there is nothing to sign.");
        }
        List<SignTarget> targets = new ArrayList<>();
        List<String> unpushed = new ArrayList<>();
        for (StitchedBuild build : builds) {
            if (request.merged()) {
                targets.add(mergedIndex(build));
            } else {
                targets.addAll(ofBuild(build, unpushed));
            }
        }
        if (targets.isEmpty()) {
            throw new BadInputException("Nothing to sign: no image of " + String.join(", ", unpushed)
                    + " was pushed. factory:sign "
                    + "signs images in their registry: run it after factory:publish (mvn deploy does), or after factory:bake "
                    + "with factory.push=true.");
        }
        if (!unpushed.isEmpty()) {
            warn.accept("Not signed, as they were not pushed: " + String.join(", ", unpushed));
        }
        return targets;
    }

    private List<SignTarget> ofBuild(StitchedBuild build, List<String> unpushed) {
        Path buildDir = request.outputDir().resolve("builds").resolve(build.build());
        if (!Files.isRegularFile(buildDir.resolve(ImageJson.FILE))) {
            unpushed.add(build.build() + " (not built)");
            return List.of();
        }
        ImageJson image = ImageJson.read(buildDir, build.build());
        if (!image.pushed()) {
            unpushed.add(build.build());
            return List.of();
        }
        ImageReference name = ImageReference.parse(image.image());
        RegistryClient client = registries.client(name.registry());
        List<SignTarget> out = new ArrayList<>();
        for (ImageJson.PlatformImage pi : image.platforms()) {
            if (request.platform() != null && !request.platform().equals(pi.platform())) {
                continue;
            }
            if (!pi.built() || pi.digest() == null) {
                warn.accept("Not signed: " + build.build() + " (" + pi.platform() + ") did not build.");
                continue;
            }
            RegistryClient.Manifest top = manifest(client, name, pi.digest(),
                    build.build() + " (" + pi.platform() + ")");
            Descriptor imageManifest = RecordPublisher.imageManifest(client, name.repository(), top, pi.platform(),
                    name.name());
            String label = build.build() + " (" + pi.platform() + ")";
            // the evidence names the image the tests ran: the image itself when it was tested before the push, the
            // per-platform index around it when bake pushed and the tests pulled it; attested on the image either way
            Set<String> about = Set.of(imageManifest.digest(), top.digest());
            Path sbom = sbom(buildDir, image, pi.platform(), about, imageManifest.digest(), label);
            RecordFiles.Written record = record(build, pi.platform(), about, imageManifest.digest(), label);
            out.add(new SignTarget(name, imageManifest, label, true, sbom, record == null ? null : record.file(),
                    record == null ? null : record.record()));
            if (!top.digest().equals(imageManifest.digest())) {
                // the per-platform tag names an index of the image and its provenance: what a pull of that tag checks
                out.add(new SignTarget(name, Descriptor.of(top.mediaType(), top.digest(), top.bytes().length),
                        build.build() + " (" + pi.platform() + " tag)", false, null, null, null));
            }
        }
        // with one platform the multi-arch tag names the per-platform tag's index: signed once
        boolean known = out.stream().anyMatch(t -> t.subject().digest().equals(image.indexDigest()));
        if (image.indexDigest() != null && request.platform() == null && !known) {
            RegistryClient.Manifest index = manifest(client, name, image.indexDigest(),
                    build.build() + " (multi-arch index)");
            out.add(new SignTarget(name, Descriptor.of(index.mediaType(), index.digest(), index.bytes().length),
                    build.build() + " (multi-arch index)", false, null, null, null));
        }
        return out;
    }

    private SignTarget mergedIndex(StitchedBuild build) {
        if (build.tags().isEmpty()) {
            throw new BadInputException(
                    "Build " + build.build() + " has no tag in builds.json, so there is no multi-arch tag to sign.");
        }
        ImageReference tag = ImageReference.parse(build.image() + ":" + build.tags().get(0));
        RegistryClient client = registries.client(tag.registry());
        RegistryClient.Manifest index = client.getManifest(tag.repository(), tag.tag())
                .orElseThrow(() -> new BadInputException(
                        "The multi-arch tag " + tag + " of " + build.build()
                                + " is not in its registry, so it cannot be signed: run "
                                + "factory:merge first (factory.sign.merged signs what it made)."));
        if (!MediaTypes.isIndex(index.mediaType())) {
            throw new BadInputException("The tag " + tag + " of " + build.build() + " names a single image ("
                    + index.mediaType()
                    + "), not a multi-arch index: run factory:merge first, or sign without factory.sign.merged.");
        }
        return new SignTarget(ImageReference.parse(build.image()), Descriptor.of(index.mediaType(), index.digest(),
                index.bytes().length), build.build() + " (multi-arch tag " + build.tags().get(0) + ")", false, null,
                null, null);
    }

    private static RegistryClient.Manifest manifest(RegistryClient client, ImageReference name, String digest,
            String what) {
        return client.getManifest(name.repository(), digest)
                .orElseThrow(() -> new BadInputException("Image " + name.name()
                        + "@" + digest + " of " + what
                        + " is not in its registry, though image.json says it was pushed: push it again "
                        + "(factory:publish), then sign."));
    }

    /** The platform's SBOM when it describes this very image ({@code about}); else null, with a warning. */
    private Path sbom(Path buildDir, ImageJson image, String platform, Set<String> about, String digest, String label) {
        Path file = SbomFiles.path(buildDir, image, platform);
        if (!Files.isRegularFile(file)) {
            warn.accept(label + ": no SBOM (" + display(file)
                    + "), so none is attested; factory:verify-image will reject the "
                    + "image. Run factory:sbom before signing.");
            return null;
        }
        try {
            JsonNode root = Json.read(file);
            String described = root.path("metadata").path("component").path("version").asText("");
            if (described.startsWith("sha256:") && !about.contains(described)) {
                warn.accept(label + ": the SBOM " + display(file) + " describes image " + described + ", not " + digest
                        + ", so it is not attested. Run factory:sbom again.");
                return null;
            }
        } catch (IOException e) {
            warn.accept(label + ": the SBOM " + display(file) + " cannot be read (" + e.getMessage()
                    + "), so it is not attested.");
            return null;
        }
        return file;
    }

    /** The newest record of the build and platform about this very image ({@code about}); null, with a warning, when there is none. */
    private RecordFiles.Written record(StitchedBuild build, String platform, Set<String> about, String digest,
            String label) {
        Path dir = request.recordsDir().resolve(build.manifestId());
        String prefix = build.build() + "--" + RecordFiles.slug(platform) + "--";
        List<RecordFiles.Written> found = new ArrayList<>();
        if (Files.isDirectory(dir)) {
            try (Stream<Path> files = Files.list(dir)) {
                for (Path file : (Iterable<Path>) files.filter(f -> f.getFileName().toString().startsWith(prefix)
                        && f.getFileName().toString().endsWith(".json"))::iterator) {
                    byte[] bytes = dev.factory.record.LocalRecords.readBounded(file, request.maxRecordBytes());
                    if (bytes == null) {
                        warn.accept(label + ": " + display(file)
                                + " is larger than factory.maxInputSize allows a record; not read.");
                        continue;
                    }
                    RecordFiles.Parsed parsed = RecordFiles.parse(bytes);
                    CompatibilityRecord r = parsed.record();
                    if (parsed.ok() && about.contains(r.image().digest()) && platform.equals(r.image().platform())
                            && build.build().equals(r.build())) {
                        found.add(new RecordFiles.Written(r, file, RecordFiles.classifier(r.build(), platform)));
                    }
                }
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read the records in " + dir + " (" + e.getMessage() + ").", e);
            }
        }
        RecordFiles.Written newest = found.stream()
                .max(Comparator.comparing((RecordFiles.Written w) -> w.record().created())
                        .thenComparing(w -> w.file().toString()))
                .orElse(null);
        if (newest == null) {
            warn.accept(label + ": no record of image " + digest + " in " + display(dir) + ", so none is attested; "
                    + "factory:verify-image will reject the image. Run factory:record before signing.");
        } else if (!newest.record().passed()) {
            warn.accept(label + ": its newest record " + display(newest.file()) + " says " + newest.record().status()
                    + "; it is attested as it is, and factory:verify-image will reject the image.");
        }
        return newest;
    }

    private String display(Path file) {
        return ProjectPaths.display(request.projectDir(), file);
    }
}
