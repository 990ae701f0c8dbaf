package dev.factory.oci;

import java.util.ArrayList;
import java.util.List;

/**
 * One platform's image, opened for reading: its manifest, config and where its blobs are.
 *
 * @param source what was opened, for messages (a reference, or "the local engine: ref")
 * @param digest the manifest digest; for an archive from an engine without OCI layout (manifest.json
 *     and layer.tar only) it is the digest of an equivalent OCI manifest built in memory
 */
public record Image(String source, String digest, Platform platform, ImageManifest manifest, ImageConfig config,
        BlobSource blobs) {

    /** The final filesystem, read by streaming the layers. */
    public LayeredFilesystem filesystem() {
        List<LayeredFilesystem.Layer> layers = new ArrayList<>();
        for (Descriptor d : manifest.layers()) {
            layers.add(new LayeredFilesystem.Layer(d, blobs));
        }
        return new LayeredFilesystem(layers);
    }

    /** The sum of the layer sizes as stored (compressed). */
    public long layersSize() {
        return manifest.layers().stream().mapToLong(Descriptor::size).sum();
    }
}
