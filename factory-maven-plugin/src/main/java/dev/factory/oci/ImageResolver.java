package dev.factory.oci;

import dev.factory.BadInputException;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;

/**
 * Walks from what a reference names (an index or a manifest) to one platform's image, the same way
 * for registries, archives and layout directories.
 */
final class ImageResolver {
    /** Reads the bytes of a manifest or index a descriptor points at; null when the blob is absent. */
    interface Fetcher {
        byte[] fetch(Descriptor descriptor) throws IOException;
    }

    private static final int MAX_MANIFEST = 4 * 1024 * 1024;

    private ImageResolver() {}

    /**
     * @param top the descriptor of what the reference names (media type may be null: sniffed from the JSON)
     * @param requested the platform wanted, or null for "the only one"
     * @param what the image, for messages
     * @param absentHint appended to "platform X ... is not there" (e.g. how to pull it)
     */
    static Image resolve(Descriptor top, byte[] topBytes, Platform requested, BlobSource blobs, Fetcher fetcher,
            String what, String absentHint) throws IOException {
        Descriptor current = top;
        byte[] bytes = topBytes;
        for (int depth = 0; depth < 4; depth++) {
            String mediaType = mediaType(current.mediaType(), bytes);
            if (MediaTypes.isIndex(mediaType)) {
                ImageIndex index = ImageIndex.parse(bytes, mediaType);
                Descriptor chosen = choose(index, requested, what);
                byte[] next = fetcher.fetch(chosen);
                if (next == null) {
                    throw new BadInputException("Platform " + chosen.platform() + " of " + what + " is not there: its "
                            + "manifest " + chosen.digest() + " is missing. " + absentHint);
                }
                current = chosen;
                bytes = next;
                continue;
            }
            ImageManifest manifest = ImageManifest.parse(bytes, mediaType);
            byte[] configBytes = blobs.readAll(manifest.config(), MAX_MANIFEST);
            ImageConfig config = ImageConfig.parse(configBytes);
            Platform platform = config.platform() != null ? config.platform() : current.platform();
            if (requested != null && platform != null && !requested.accepts(platform)) {
                throw new BadInputException(what + " is a " + platform + " image, not " + requested
                        + ": choose a platform it has, or build " + requested + " first.");
            }
            return new Image(what, Digests.of(bytes), platform, manifest, config, blobs);
        }
        throw new IOException(what + ": indexes nested too deep");
    }

    private static Descriptor choose(ImageIndex index, Platform requested, String what) {
        List<Descriptor> candidates = index.platformManifests();
        if (candidates.isEmpty()) {
            // an index of one image without platform annotations (a docker save index.json)
            List<Descriptor> images = new ArrayList<>();
            for (Descriptor d : index.manifests()) {
                if (!"attestation-manifest".equals(d.annotations().get("vnd.docker.reference.type"))) {
                    images.add(d);
                }
            }
            if (images.size() == 1) {
                return images.get(0);
            }
            throw new BadInputException(what + " is an index of " + images.size() + " entries without platforms; "
                    + "name one manifest by digest instead.");
        }
        if (requested == null) {
            if (candidates.size() == 1) {
                return candidates.get(0);
            }
            throw new BadInputException(what + " has several platforms (" + platforms(candidates)
                    + "); choose one (factory.platform=" + candidates.get(0).platform() + ").");
        }
        for (Descriptor d : candidates) {
            if (requested.accepts(d.platform())) {
                return d;
            }
        }
        throw new BadInputException(what + " has no " + requested + " image (it has " + platforms(candidates)
                + "); build that platform first or choose one of these.");
    }

    private static String platforms(List<Descriptor> list) {
        List<String> names = new ArrayList<>();
        list.forEach(d -> names.add(String.valueOf(d.platform())));
        return String.join(", ", names);
    }

    /** The media type from the JSON when the descriptor has none. */
    static String mediaType(String declared, byte[] bytes) throws IOException {
        var root = dev.factory.io.Json.mapper().readTree(bytes);
        String inJson = root.path("mediaType").asText(null);
        if (inJson != null) {
            return inJson;
        }
        if (declared != null && !declared.isBlank()) {
            return declared;
        }
        return root.has("manifests") ? MediaTypes.OCI_INDEX : MediaTypes.OCI_MANIFEST;
    }
}
