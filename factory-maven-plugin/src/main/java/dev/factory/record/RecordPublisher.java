package dev.factory.record;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.Platform;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Puts a record, and the SBOM it names, next to its image in the registry: each as an OCI artifact
 * manifest whose {@code subject} is the platform's image manifest, so any runner that can pull the image
 * finds its records through the referrers API, or through the {@code sha256-<hex>} tag where the
 * registry has no such API (CNCF distribution 2.x, the lab's registry).
 *
 * <p>Each artifact has the empty config ({@code application/vnd.oci.empty.v1+json}) and one layer, the
 * file itself, whose media type is the artifact type.
 */
public final class RecordPublisher {
    /** artifactType and layer media type of a pushed record. */
    public static final String RECORD_ARTIFACT_TYPE = "application/vnd.dev.factory.record.v1+json";
    /** artifactType and layer media type of a pushed SBOM. */
    public static final String CYCLONEDX_TYPE = "application/vnd.cyclonedx+json";
    public static final String ANNOTATION_CREATED = "org.opencontainers.image.created";
    public static final String ANNOTATION_TITLE = "org.opencontainers.image.title";
    public static final String ANNOTATION_MANIFEST = "dev.factory.manifest.id";
    public static final String ANNOTATION_BUILD = "dev.factory.build";
    public static final String ANNOTATION_PLATFORM = "dev.factory.platform";
    public static final String ANNOTATION_STATUS = "dev.factory.record.status";
    static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);

    private final Registries registries;
    private final Path projectDir;

    public RecordPublisher(Registries registries, Path projectDir) {
        this.registries = registries;
        this.projectDir = projectDir;
    }

    /**
     * What was pushed for one record.
     *
     * @param subject the image manifest the artifacts refer to (inside the index image.json names, when it is one)
     * @param record the digest of the record artifact
     * @param sbom the digest of the SBOM artifact, null when the record names no SBOM
     * @param apiUsed whether the registry indexed the referrers itself (else the referrers tag was updated)
     */
    public record Pushed(String repository, String subject, String record, String sbom, boolean apiUsed,
            String referrersTag) {}

    /**
     * Pushes the record (and its SBOM) as referrers of {@code record.image().digest()}. The image must be in
     * its registry: a missing one is a {@link BadInputException}; an unreachable registry or refused
     * credentials an {@link EnvironmentException}.
     */
    public Pushed push(CompatibilityRecord record) {
        CompatibilityRecord.Image image = record.image();
        ImageReference ref = ImageReference.parse(image.name());
        RegistryClient client = registries.client(ref.registry());
        String repository = ref.repository();
        RegistryClient.Manifest subject = client.getManifest(repository, image.digest()).orElseThrow(
                () -> new BadInputException("Image " + ref.name() + "@" + image.digest() + " (" + record.build() + ", "
                        + image.platform() + ") was not found in the registry " + ref.registry()
                        + ", so its record cannot "
                        + "be attached to it. Push the image (factory:bake with factory.push=true), or set "
                        + "factory.record.push=false to keep records local."));
        Descriptor subjectDescriptor = imageManifest(client, repository, subject, image.platform(), ref.name());
        Descriptor config = pushEmptyConfig(client, repository);

        byte[] recordBytes = RecordFiles.bytes(record);
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(ANNOTATION_CREATED, record.createdText());
        annotations.put(ANNOTATION_MANIFEST, record.manifestId());
        annotations.put(ANNOTATION_BUILD, record.build());
        annotations.put(ANNOTATION_PLATFORM, image.platform());
        annotations.put(ANNOTATION_STATUS, record.status());
        String recordName = record.build() + "--" + RecordFiles.slug(image.platform()) + ".record.json";
        String recordDigest = pushArtifact(client, repository, RECORD_ARTIFACT_TYPE, recordBytes, recordName, config,
                subjectDescriptor, annotations);

        String sbomDigest = null;
        if (record.sbom() != null) {
            Path file = projectDir.resolve(record.sbom().path());
            byte[] sbomBytes;
            try {
                sbomBytes = Files.readAllBytes(file);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read the SBOM " + file + " to push it (" + e.getMessage() + ").",
                        e);
            }
            // no timestamp in these annotations: the same SBOM gives the same artifact, pushed once however often recorded
            Map<String, String> sbomAnnotations = new LinkedHashMap<>();
            sbomAnnotations.put(ANNOTATION_BUILD, record.build());
            sbomAnnotations.put(ANNOTATION_PLATFORM, image.platform());
            sbomDigest = pushArtifact(client, repository, CYCLONEDX_TYPE, sbomBytes, file.getFileName().toString(),
                    config,
                    subjectDescriptor, sbomAnnotations);
        }
        boolean api = apiAvailable(client, repository, subjectDescriptor.digest());
        return new Pushed(ref.registry() + "/" + repository, subjectDescriptor.digest(), recordDigest, sbomDigest, api,
                RegistryClient.referrersTagName(subjectDescriptor.digest()));
    }

    /**
     * The image manifest the artifacts refer to. A per-platform push with provenance is an index of the image
     * and its attestation, and image.json names that index; the referrers belong to the image manifest in
     * it, where clients looking at the platform's image (and at the multi-arch tag) find them.
     */
    public static Descriptor imageManifest(RegistryClient client, String repository, RegistryClient.Manifest top,
            String platform,
            String name) {
        if (!MediaTypes.isIndex(top.mediaType())) {
            return Descriptor.of(top.mediaType(), top.digest(), top.bytes().length);
        }
        ImageIndex index;
        try {
            index = ImageIndex.parse(top.bytes(), top.mediaType());
        } catch (IOException e) {
            throw new EnvironmentException("The registry " + client.registry() + " served " + name + "@" + top.digest()
                    + " as an index that cannot be read (" + e.getMessage() + ").", e);
        }
        Platform wanted = Platform.parse(platform);
        return index.platformManifests().stream().filter(d -> wanted.accepts(d.platform())).findFirst()
                .map(d -> Descriptor.of(d.mediaType(), d.digest(), d.size()))
                .orElseThrow(() -> new BadInputException("The index " + name + "@" + top.digest() + " has no image for "
                        + platform + ", so its record cannot be attached to one. Run factory:bake again."));
    }

    private static Descriptor pushEmptyConfig(RegistryClient client, String repository) {
        client.pushBlob(repository, EMPTY_CONFIG);
        return Descriptor.of(MediaTypes.OCI_EMPTY, Digests.of(EMPTY_CONFIG), EMPTY_CONFIG.length);
    }

    private static String pushArtifact(RegistryClient client, String repository, String type, byte[] content,
            String title,
            Descriptor config, Descriptor subject, Map<String, String> annotations) {
        client.pushBlob(repository, content);
        Descriptor layer = Descriptor.of(type, Digests.of(content), content.length)
                .withAnnotations(Map.of(ANNOTATION_TITLE, title));
        ImageManifest artifact = ImageManifest.artifact(type, config, java.util.List.of(layer), subject, annotations);
        return client.pushReferrer(repository, artifact);
    }

    /**
     * Whether the registry indexed the referrers itself (for the log line only): without the API, the push
     * has just created the {@code sha256-<hex>} tag.
     */
    private static boolean apiAvailable(RegistryClient client, String repository, String digest) {
        return client.getManifest(repository, RegistryClient.referrersTagName(digest)).isEmpty();
    }
}
