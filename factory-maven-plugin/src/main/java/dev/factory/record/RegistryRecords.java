package dev.factory.record;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.bake.ImageJson;
import dev.factory.oci.Descriptor;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.function.Consumer;

/**
 * Reads records back from the registry, where factory:record pushed them: for each build's image (the
 * digests in its image.json, and whatever its first tag points at now), the referrers of each platform's
 * image manifest with the record artifact type, through the referrers API or the {@code sha256-<hex>} tag.
 *
 * <p>This finds the records of the images builds.json names: those of the current digests, and of every
 * earlier run that produced the same digest (reproducible builds), not of images no tag points at any more.
 */
public final class RegistryRecords {
    private final Registries registries;
    private final Consumer<String> info;
    private final long maxBytes;

    public RegistryRecords(Registries registries, Consumer<String> info) {
        this(registries, info, LocalRecords.MAX_RECORD_BYTES);
    }

    /** @param maxBytes a record layer larger than this is skipped unread (factory.maxInputSize) */
    public RegistryRecords(Registries registries, Consumer<String> info, long maxBytes) {
        this.registries = registries;
        this.info = info;
        this.maxBytes = maxBytes;
    }

    public LoadedRecords read(List<StitchedBuild> builds, Path outputDir) {
        List<LoadedRecords.Loaded> records = new ArrayList<>();
        List<LoadedRecords.Skipped> skipped = new ArrayList<>();
        Set<String> seenArtifacts = new LinkedHashSet<>();
        for (StitchedBuild build : builds) {
            ImageReference ref = ImageReference.parse(build.image());
            RegistryClient client = registries.client(ref.registry());
            String repository = ref.repository();
            Set<String> subjects = subjects(build, outputDir, client, repository);
            for (String subject : subjects) {
                ImageIndex referrers = client.referrers(repository, subject, RecordPublisher.RECORD_ARTIFACT_TYPE);
                for (Descriptor d : referrers.manifests()) {
                    String source = ref.registry() + "/" + repository + "@" + d.digest();
                    if (!seenArtifacts.add(source)) {
                        continue;
                    }
                    byte[] bytes;
                    try {
                        bytes = fetch(client, repository, d, maxBytes);
                    } catch (IOException e) {
                        skipped.add(new LoadedRecords.Skipped(source, e.getMessage()));
                        continue;
                    }
                    RecordFiles.Parsed parsed = RecordFiles.parse(bytes);
                    if (parsed.ok()) {
                        records.add(new LoadedRecords.Loaded(parsed.record(), source, null));
                    } else {
                        skipped.add(new LoadedRecords.Skipped(source, parsed.problem()));
                    }
                }
            }
            info.accept("Records of " + build.build() + ": looked at " + subjects.size() + " image manifest(s) in "
                    + ref.registry() + "/" + repository);
        }
        return new LoadedRecords(records, skipped);
    }

    /** The per-platform image manifests of a build: from image.json, and from its first tag as it is now. */
    private static Set<String> subjects(StitchedBuild build, Path outputDir, RegistryClient client, String repository) {
        Set<String> digests = new LinkedHashSet<>();
        Path buildDir = outputDir.resolve("builds").resolve(build.build());
        if (Files.isRegularFile(buildDir.resolve(ImageJson.FILE))) {
            ImageJson image = ImageJson.read(buildDir, build.build());
            for (ImageJson.PlatformImage p : image.platforms()) {
                if (p.built() && p.digest() != null) {
                    // records hang off the image manifest, which is inside the index image.json names after a push
                    client.getManifest(repository, p.digest()).ifPresent(m -> {
                        try {
                            digests.add(
                                    RecordPublisher.imageManifest(client, repository, m, p.platform(), build.image())
                                            .digest());
                        } catch (BadInputException e) {
                            digests.add(p.digest());
                        }
                    });
                }
            }
        }
        if (!build.tags().isEmpty()) {
            Optional<RegistryClient.Manifest> top = client.getManifest(repository, build.tags().get(0));
            if (top.isPresent()) {
                if (MediaTypes.isIndex(top.get().mediaType())) {
                    try {
                        ImageIndex index = ImageIndex.parse(top.get().bytes(), top.get().mediaType());
                        index.platformManifests().forEach(d -> digests.add(d.digest()));
                    } catch (IOException e) {
                        throw new EnvironmentException("The registry " + client.registry() + " served " + repository
                                + ":"
                                + build.tags().get(0) + " as an index that cannot be read (" + e.getMessage() + ").",
                                e);
                    }
                } else {
                    digests.add(top.get().digest());
                }
            }
        }
        return digests;
    }

    private static byte[] fetch(RegistryClient client, String repository, Descriptor artifact, long maxBytes)
            throws IOException {
        RegistryClient.Manifest m = client.getManifest(repository, artifact.digest())
                .orElseThrow(() -> new IOException("listed as a referrer but the manifest is gone"));
        ImageManifest manifest = ImageManifest.parse(m.bytes(), m.mediaType());
        Descriptor layer = manifest.layers().stream()
                .filter(l -> RecordPublisher.RECORD_ARTIFACT_TYPE.equals(l.mediaType())).findFirst()
                .orElseThrow(() -> new IOException("an artifact of type " + RecordPublisher.RECORD_ARTIFACT_TYPE
                        + " without a layer of that media type"));
        if (layer.size() > maxBytes) {
            throw new IOException("its record layer is " + dev.factory.manifest.InputLimits.describe(layer.size())
                    + ", more than the "
                    + dev.factory.manifest.InputLimits.describe(maxBytes) + " a record may be ("
                    + dev.factory.manifest.InputLimits.MAX_INPUT_SIZE
                    + " raises it); skipped unread");
        }
        try (InputStream in = client.openBlob(repository, layer)) {
            // bounded even when the registry serves more than the descriptor said
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            if (bytes.length > maxBytes) {
                throw new IOException("its record layer is larger than "
                        + dev.factory.manifest.InputLimits.describe(maxBytes) + "; skipped");
            }
            return bytes;
        }
    }
}
