package dev.factory.repack;

import dev.factory.EnvironmentException;
import dev.factory.io.AtomicFiles;
import dev.factory.oci.Descriptor;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.OciLayout;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/**
 * Publishes repacked images: to a registry (every blob of every platform first, then the manifests by
 * digest, and the tag last, so a failure never leaves a tag pointing at missing content) or into an
 * OCI layout directory (blobs first, {@code index.json} last).
 */
final class RepackPublisher {
    private static final String REF_NAME = "org.opencontainers.image.ref.name";

    private RepackPublisher() {}

    /**
     * @param asIndex push an OCI index of the platforms under the tag (the source was multi-arch)
     * @return the digest the tag points at
     */
    static String push(RegistryClient client, String repository, String tag, List<RepackedImage> images,
            boolean asIndex,
            Consumer<String> log) {
        for (RepackedImage image : images) {
            for (LayerWriter.LayerFile layer : image.layers()) {
                client.pushBlob(repository, layer.descriptor().digest(), layer.descriptor().size(), layer.file(), null);
            }
            client.pushBlob(repository, image.config().bytes());
        }
        for (RepackedImage image : images) {
            // per platform too, as bake tags them (tag-linux-arm64-repacked), so factory:test can run each one
            String platformTag = tag.substring(0, tag.length() - RepackService.TAG_SUFFIX.length()) + "-"
                    + image.platform().slug()
                    + RepackService.TAG_SUFFIX;
            client.putManifest(repository, platformTag, image.manifest().bytes(), image.manifest().mediaType());
        }
        String target;
        if (asIndex || images.size() > 1) {
            ImageIndex index = index(images);
            target = client.putManifest(repository, tag, index.bytes(), index.mediaType());
        } else {
            RepackedImage only = images.get(0);
            target = client.putManifest(repository, tag, only.manifest().bytes(), only.manifest().mediaType());
        }
        log.accept("Pushed " + client.registry() + "/" + repository + ":" + tag + " (" + target + ")");
        return target;
    }

    /** Writes the images into {@code dir} (replaced) with {@code tag} as the ref name; returns the digest index.json names. */
    static String writeLayout(Path dir, String tag, List<RepackedImage> images, boolean asIndex) {
        try {
            AtomicFiles.deleteTree(dir);
            Files.createDirectories(dir);
            OciLayout layout = OciLayout.at(dir);
            for (RepackedImage image : images) {
                for (LayerWriter.LayerFile layer : image.layers()) {
                    Path blob = layout.blobPath(layer.descriptor().digest());
                    Files.createDirectories(blob.getParent());
                    if (!Files.exists(blob)) {
                        Files.copy(layer.file(), blob);
                    }
                }
                layout.addBlob(image.config().bytes());
                layout.addBlob(image.manifest().bytes());
            }
            Descriptor top;
            if (asIndex || images.size() > 1) {
                ImageIndex index = index(images);
                layout.addBlob(index.bytes());
                top = index.descriptor();
            } else {
                top = images.get(0).manifest().descriptor().withPlatform(images.get(0).platform());
            }
            layout.writeIndex(List.of(top.withAnnotations(Map.of(REF_NAME, tag))));
            return top.digest();
        } catch (IOException e) {
            throw new EnvironmentException("Cannot write the OCI layout " + dir + ": " + e.getMessage()
                    + ". Check the free space and permissions there.", e);
        }
    }

    private static ImageIndex index(List<RepackedImage> images) {
        List<Descriptor> entries = new ArrayList<>();
        for (RepackedImage image : images) {
            entries.add(image.manifest().descriptor().withPlatform(image.platform()));
        }
        return ImageIndex.oci(entries, Map.of());
    }
}
