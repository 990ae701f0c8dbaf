package dev.factory.sign;

import dev.factory.EnvironmentException;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * Sigstore bundles next to their image in one repository, laid out as cosign 3 lays them (its BUNDLE_SPEC):
 * an OCI artifact manifest with artifactType {@link BundleFormat#BUNDLE_MEDIA_TYPE}, the empty config, the
 * bundle as its one layer, the image as its subject, and the annotations that say what is inside. Written
 * through {@link RegistryClient#pushReferrer}, so registries without the referrers API get the
 * {@code sha256-<hex>} tag index that cosign and the policy engines read there.
 */
final class BundleReferrers {
    /** A bundle is a few KiB; with an SBOM as predicate, megabytes. Anything larger is not read. */
    static final long MAX_BUNDLE = 64L * 1024 * 1024;
    private static final byte[] EMPTY_CONFIG = "{}".getBytes(StandardCharsets.UTF_8);
    /** Repositories that have the empty config already, so each gets it pushed once per run. */
    private final Set<String> withConfig = ConcurrentHashMap.newKeySet();
    private final RegistryClient client;

    BundleReferrers(RegistryClient client) {
        this.client = client;
    }

    /**
     * Pushes a bundle as a referrer of {@code subject}.
     *
     * @return the artifact manifest's digest
     */
    String push(String repository, Descriptor subject, SigstoreBundle bundle, String predicateType, Instant created) {
        if (withConfig.add(repository)) {
            client.pushBlob(repository, EMPTY_CONFIG);
        }
        byte[] json = bundle.toJson();
        String digest = Digests.of(json);
        client.pushBlob(repository, json);
        Descriptor layer = Descriptor.of(BundleFormat.BUNDLE_MEDIA_TYPE, digest, json.length)
                .withAnnotations(Map.of("org.opencontainers.image.title", digest.replace(':', '-') + ".sigstore.json"));
        Map<String, String> annotations = new LinkedHashMap<>();
        annotations.put(BundleFormat.ANNOTATION_CONTENT, BundleFormat.CONTENT_DSSE);
        annotations.put(BundleFormat.ANNOTATION_PREDICATE_TYPE, predicateType);
        annotations.put("org.opencontainers.image.created", created.truncatedTo(ChronoUnit.SECONDS).toString());
        Descriptor config = Descriptor.of(MediaTypes.OCI_EMPTY, Digests.of(EMPTY_CONFIG), EMPTY_CONFIG.length);
        ImageManifest artifact = ImageManifest.artifact(BundleFormat.BUNDLE_MEDIA_TYPE, config, List.of(layer),
                Descriptor.of(subject.mediaType(), subject.digest(), subject.size()), annotations);
        return client.pushReferrer(repository, artifact);
    }

    /**
     * One bundle found among a subject's referrers: its artifact digest, the predicate type its manifest
     * announces (unsigned: a hint for messages only), and the bundle, or why it could not be read.
     */
    record Found(String artifact, String announcedType, SigstoreBundle bundle, String problem) {}

    /**
     * The sigstore bundles that refer to {@code digest}. Referrer entries of other known types (Factory's
     * records and SBOMs) are not opened; those without a type are, because cosign's tag-schema index lists its
     * bundles with the empty config's media type.
     */
    List<Found> list(String repository, String digest) {
        ImageIndex referrers = client.referrers(repository, digest, null);
        List<Found> found = new ArrayList<>();
        for (Descriptor d : referrers.manifests()) {
            String type = d.artifactType();
            if (type != null && !type.equals(BundleFormat.BUNDLE_MEDIA_TYPE) && !type.equals(MediaTypes.OCI_EMPTY)) {
                continue;
            }
            Optional<RegistryClient.Manifest> m = client.getManifest(repository, d.digest());
            if (m.isEmpty()) {
                continue;
            }
            ImageManifest manifest;
            try {
                manifest = ImageManifest.parse(m.get().bytes(), m.get().mediaType());
            } catch (IOException e) {
                continue;
            }
            boolean bundle = BundleFormat.BUNDLE_MEDIA_TYPE.equals(manifest.artifactType())
                    || BundleFormat.BUNDLE_MEDIA_TYPE.equals(manifest.config().mediaType());
            if (!bundle || manifest.layers().isEmpty()) {
                continue;
            }
            String announced = manifest.annotations().get(BundleFormat.ANNOTATION_PREDICATE_TYPE);
            Descriptor layer = manifest.layers().get(0);
            if (layer.size() > MAX_BUNDLE) {
                found.add(new Found(d.digest(), announced, null, "its bundle is " + layer.size() + " bytes, more than "
                        + MAX_BUNDLE / (1024 * 1024) + " MiB"));
                continue;
            }
            byte[] bytes;
            try (InputStream in = client.openBlob(repository, layer)) {
                bytes = in.readNBytes((int) MAX_BUNDLE + 1);
            } catch (IOException e) {
                // a blob whose content does not match its digest lands here too
                found.add(new Found(d.digest(), announced, null, "its bundle " + layer.digest() + " cannot be read ("
                        + e.getMessage() + ")"));
                continue;
            } catch (java.io.UncheckedIOException e) {
                throw new EnvironmentException("Reading a signature of " + digest + " from " + client.registry() + "/"
                        + repository + " failed: " + e.getMessage(), e);
            }
            try {
                found.add(new Found(d.digest(), announced, SigstoreBundle.parse(bytes), null));
            } catch (IllegalArgumentException e) {
                found.add(new Found(d.digest(), announced, null, "its bundle is unreadable: " + e.getMessage()));
            }
        }
        return found;
    }
}
