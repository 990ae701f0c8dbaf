package dev.factory.repack;

import dev.factory.oci.ImageConfig;
import dev.factory.oci.ImageManifest;
import dev.factory.oci.Platform;
import java.util.List;

/**
 * A repacked image, its layer blobs still in files of the work directory.
 *
 * @param sourceDigest the manifest digest it was repacked from
 * @param sourceSize the source's layers, compressed, in bytes
 * @param treeDigest the flattened tree digest ({@link dev.factory.oci.FlatTree}) that source and result share,
 *     or null when another engine repacked it unchecked
 * @param treeEntries how many paths that tree holds
 */
public record RepackedImage(Platform platform, String sourceDigest, long sourceSize, int sourceLayers,
        ImageManifest manifest, ImageConfig config, List<LayerWriter.LayerFile> layers,
        String treeDigest, int treeEntries) {

    public String digest() {
        return manifest.digest();
    }

    /** The new layers, compressed, in bytes. */
    public long size() {
        return layers.stream().mapToLong(l -> l.descriptor().size()).sum();
    }

    public long uncompressedSize() {
        return layers.stream().mapToLong(LayerWriter.LayerFile::uncompressedSize).sum();
    }
}
