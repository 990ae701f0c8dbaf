package dev.factory.oci;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.io.Json;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Reads images out of an OCI image layout ({@code oci-layout}, {@code index.json}, {@code blobs/sha256/...})
 * or, for archives from engines without one, Docker's {@code manifest.json} + {@code <id>/layer.tar}
 * format. The files may be in a directory or in a tar archive.
 */
final class LayoutReader {
    /** Named files of a layout. */
    interface Files {
        /** The file's content, or null when it does not exist. */
        InputStream open(String name) throws IOException;

        /** The file's size, or -1 when it does not exist. */
        long size(String name);
    }

    private static final int MAX_JSON = 4 * 1024 * 1024;

    private LayoutReader() {}

    /**
     * @param ref the reference the layout was saved for (picks an entry of several), may be null
     * @param what names the layout in messages
     * @param absentHint what to do when a platform's content is missing
     */
    static Image open(Files files, String ref, Platform requested, String what, String absentHint) throws IOException {
        BlobSource blobs = blobSource(files, what);
        if (files.size("index.json") >= 0) {
            byte[] indexBytes = read(files, "index.json");
            ImageIndex index = ImageIndex.parse(indexBytes, MediaTypes.OCI_INDEX);
            Descriptor top = pickEntry(index, ref, what);
            byte[] topBytes = fetch(files, top);
            if (topBytes == null) {
                throw new BadInputException(
                        what + " lists " + top.digest() + " but does not contain it. " + absentHint);
            }
            return ImageResolver.resolve(top, topBytes, requested, blobs, d -> fetch(files, d), what, absentHint);
        }
        if (files.size("manifest.json") >= 0) {
            return legacy(files, ref, requested, what);
        }
        throw new BadInputException(what + " is not an image archive: it has neither index.json nor manifest.json.");
    }

    private static Descriptor pickEntry(ImageIndex index, String ref, String what) {
        List<Descriptor> entries = index.manifests();
        if (entries.isEmpty()) {
            throw new BadInputException(what + " holds no image (its index.json is empty).");
        }
        if (entries.size() == 1 || ref == null) {
            return entries.get(0);
        }
        String tag = ref.contains(":") ? ref.substring(ref.lastIndexOf(':') + 1) : "latest";
        for (Descriptor d : entries) {
            if (ref.equals(d.annotations().get("io.containerd.image.name"))
                    || tag.equals(d.annotations().get("org.opencontainers.image.ref.name"))) {
                return d;
            }
        }
        return entries.get(0);
    }

    private static Image legacy(Files files, String ref, Platform requested, String what) throws IOException {
        JsonNode list = Json.mapper().readTree(read(files, "manifest.json"));
        JsonNode chosen = null;
        for (JsonNode entry : list) {
            for (JsonNode tag : entry.path("RepoTags")) {
                if (tag.asText().equals(ref)) {
                    chosen = entry;
                }
            }
        }
        if (chosen == null) {
            chosen = list.path(0);
        }
        String configName = chosen.path("Config").asText();
        byte[] configBytes = read(files, configName);
        ImageConfig config = ImageConfig.parse(configBytes);
        List<String> diffIds = config.diffIds();
        JsonNode layerNames = chosen.path("Layers");
        if (layerNames.size() != diffIds.size()) {
            throw new IOException(what + ": manifest.json lists " + layerNames.size() + " layers but the config has "
                    + diffIds.size() + " diff ids");
        }
        Map<String, String> names = new HashMap<>();
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < diffIds.size(); i++) {
            String name = layerNames.get(i).asText();
            String digest = name.startsWith("blobs/sha256/") ? "sha256:" + name.substring("blobs/sha256/".length())
                    : diffIds.get(i);
            String mediaType = name.startsWith("blobs/") ? MediaTypes.OCI_LAYER_TAR : MediaTypes.DOCKER_LAYER_TAR;
            layers.add(Descriptor.of(mediaType, digest, files.size(name)));
            names.put(digest, name);
        }
        Descriptor configDescriptor = Descriptor.of(MediaTypes.OCI_CONFIG, Digests.of(configBytes), configBytes.length);
        names.put(configDescriptor.digest(), configName);
        ImageManifest manifest = ImageManifest.oci(configDescriptor, layers, Map.of());
        Platform platform = config.platform();
        if (requested != null && platform != null && !requested.accepts(platform)) {
            throw new BadInputException(what + " is a " + platform + " image, not " + requested
                    + ": choose a platform it has, or build " + requested + " first.");
        }
        BlobSource byName = new BlobSource() {
            @Override
            public InputStream open(Descriptor blob) throws IOException {
                String name = names.get(blob.digest());
                InputStream in = name == null ? null : files.open(name);
                if (in == null) {
                    throw new IOException(what + " has no blob " + blob.digest());
                }
                return new VerifyingInputStream(in, blob.digest(), files.size(name));
            }

            @Override
            public String describe() {
                return what;
            }
        };
        return new Image(what, manifest.digest(), platform, manifest, config, byName);
    }

    static BlobSource blobSource(Files files, String what) {
        return new BlobSource() {
            @Override
            public InputStream open(Descriptor blob) throws IOException {
                String name = blobName(blob.digest());
                InputStream in = files.open(name);
                if (in == null) {
                    throw new IOException(what + " has no blob " + blob.digest());
                }
                return new VerifyingInputStream(in, blob.digest(), blob.size() > 0 ? blob.size() : files.size(name));
            }

            @Override
            public String describe() {
                return what;
            }
        };
    }

    static String blobName(String digest) {
        return "blobs/sha256/" + Digests.hex(digest);
    }

    private static byte[] fetch(Files files, Descriptor d) throws IOException {
        String name = blobName(d.digest());
        if (files.size(name) < 0) {
            return null;
        }
        byte[] bytes = read(files, name);
        if (!Digests.of(bytes).equals(d.digest())) {
            throw new IOException(name + " does not match its digest");
        }
        return bytes;
    }

    private static byte[] read(Files files, String name) throws IOException {
        long size = files.size(name);
        if (size < 0) {
            throw new IOException("missing " + name);
        }
        if (size > MAX_JSON) {
            throw new IOException(name + " is " + size + " bytes, too large for JSON metadata");
        }
        try (InputStream in = files.open(name)) {
            return in.readAllBytes();
        }
    }
}
