package dev.factory.oci;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.github.luben.zstd.ZstdOutputStreamNoFinalizer;
import dev.factory.io.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Synthetic images for tests: layers written as tars in memory, blobs held in a map. */
public final class TestImages {
    private TestImages() {}

    /** A layer under construction; entries are written in the order they are added. */
    public static final class LayerBuilder {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        private final TarWriter tar = new TarWriter(bytes);
        private long mtime = 1_700_000_000L;

        public LayerBuilder dir(String path) {
            return dir(path, 0755, 0, 0);
        }

        public LayerBuilder dir(String path, int mode, long uid, long gid) {
            return add(new TarEntry(path, FsEntry.Type.DIRECTORY, '5', 0, mode, uid, gid, "", "", null, mtime, 0, 0, null),
                    new byte[0]);
        }

        public LayerBuilder file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        }

        public LayerBuilder file(String path, byte[] content, int mode, long uid, long gid) {
            return add(new TarEntry(path, FsEntry.Type.FILE, '0', content.length, mode, uid, gid, "", "", null, mtime, 0, 0,
                    null), content);
        }

        public LayerBuilder fileWithXattr(String path, String content, String xattr, byte[] value) {
            byte[] c = content.getBytes(StandardCharsets.UTF_8);
            return add(new TarEntry(path, FsEntry.Type.FILE, '0', c.length, 0755, 0, 0, "root", "root", null, mtime, 0, 0,
                    Map.of(xattr, new String(value, StandardCharsets.ISO_8859_1))), c);
        }

        public LayerBuilder symlink(String path, String target) {
            return add(new TarEntry(path, FsEntry.Type.SYMLINK, '2', 0, 0777, 0, 0, "", "", target, mtime, 0, 0, null),
                    new byte[0]);
        }

        public LayerBuilder hardlink(String path, String target) {
            return add(new TarEntry(path, FsEntry.Type.HARDLINK, '1', 0, 0644, 0, 0, "", "", target, mtime, 0, 0, null),
                    new byte[0]);
        }

        public LayerBuilder charDevice(String path, int major, int minor) {
            return add(new TarEntry(path, FsEntry.Type.OTHER, '3', 0, 0666, 0, 0, "", "", null, mtime, major, minor, null),
                    new byte[0]);
        }

        /** {@code .wh.<name>} next to {@code path}. */
        public LayerBuilder whiteout(String path) {
            int slash = path.lastIndexOf('/');
            String wh = slash < 0 ? ".wh." + path : path.substring(0, slash + 1) + ".wh." + path.substring(slash + 1);
            return file(wh, new byte[0], 0644, 0, 0);
        }

        public LayerBuilder opaque(String dir) {
            return file(dir + "/.wh..wh..opq", new byte[0], 0644, 0, 0);
        }

        public LayerBuilder add(TarEntry entry, byte[] content) {
            try {
                tar.write(entry, new ByteArrayInputStream(content));
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return this;
        }

        public byte[] tar() {
            try {
                tar.finish();
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            }
            return bytes.toByteArray();
        }
    }

    public static LayerBuilder layer() {
        return new LayerBuilder();
    }

    public static byte[] gzip(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream gz = new GZIPOutputStream(out)) {
            gz.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    public static byte[] zstd(byte[] data) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        try (OutputStream z = new ZstdOutputStreamNoFinalizer(out, 3)) {
            z.write(data);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return out.toByteArray();
    }

    /** Blobs held in memory. */
    public static final class MemoryBlobs implements BlobSource {
        public final Map<String, byte[]> blobs = new HashMap<>();
        public int opens;

        public Descriptor put(String mediaType, byte[] bytes) {
            String digest = Digests.of(bytes);
            blobs.put(digest, bytes);
            return Descriptor.of(mediaType, digest, bytes.length);
        }

        @Override
        public InputStream open(Descriptor blob) throws IOException {
            byte[] b = blobs.get(blob.digest());
            if (b == null) {
                throw new IOException("no blob " + blob.digest());
            }
            opens++;
            return new VerifyingInputStream(new ByteArrayInputStream(b), blob.digest(), blob.size());
        }

        @Override
        public String describe() {
            return "memory";
        }
    }

    /** An image of the given layers (raw blob bytes with their media types), with a minimal config. */
    public static Image image(MemoryBlobs blobs, Platform platform, List<byte[]> layerBlobs, List<String> mediaTypes,
                              List<byte[]> uncompressed) {
        List<Descriptor> layers = new ArrayList<>();
        for (int i = 0; i < layerBlobs.size(); i++) {
            layers.add(blobs.put(mediaTypes.get(i), layerBlobs.get(i)));
        }
        ObjectNode config = configJson(platform, uncompressed);
        ImageConfig cfg = ImageConfig.of(config);
        Descriptor configDescriptor = blobs.put(MediaTypes.OCI_CONFIG, cfg.bytes());
        ImageManifest manifest = ImageManifest.oci(configDescriptor, layers, Map.of());
        blobs.blobs.put(manifest.digest(), manifest.bytes());
        return new Image("test", manifest.digest(), platform, manifest, cfg, blobs);
    }

    /** Plain tar layers. */
    public static Image image(MemoryBlobs blobs, byte[]... tars) {
        List<String> types = new ArrayList<>();
        for (int i = 0; i < tars.length; i++) {
            types.add(MediaTypes.OCI_LAYER_TAR);
        }
        return image(blobs, Platform.parse("linux/amd64"), List.of(tars), types, List.of(tars));
    }

    public static ObjectNode configJson(Platform platform, List<byte[]> uncompressedLayers) {
        ObjectNode config = Json.object();
        config.put("created", "2026-01-01T00:00:00Z");
        config.put("architecture", platform.architecture());
        config.put("os", platform.os());
        ObjectNode c = config.putObject("config");
        c.putArray("Env").add("PATH=/usr/local/sbin:/usr/local/bin:/usr/sbin:/usr/bin:/sbin:/bin").add("APP=demo");
        c.putArray("Entrypoint").add("/bin/app");
        c.putArray("Cmd").add("--serve");
        c.put("User", "1000:1000");
        c.put("WorkingDir", "/srv");
        c.putObject("Labels").put("org.opencontainers.image.title", "demo");
        c.putObject("ExposedPorts").putObject("8080/tcp");
        ObjectNode rootfs = config.putObject("rootfs");
        rootfs.put("type", "layers");
        ArrayNode diffIds = rootfs.putArray("diff_ids");
        ArrayNode history = config.putArray("history");
        for (byte[] layer : uncompressedLayers) {
            diffIds.add(Digests.of(layer));
            history.addObject().put("created", "2026-01-01T00:00:00Z").put("created_by", "test layer");
        }
        return config;
    }

    /** Final tree as path to a description (type, mode, owner, target or content hash), for comparisons. */
    public static Map<String, String> tree(ImageFilesystem fs) throws IOException {
        Map<String, String> out = new java.util.TreeMap<>();
        fs.walkWithLinkedContent((e, content) -> {
            String what = switch (e.type()) {
                case FILE, HARDLINK -> "file " + dev.factory.io.Hashing.sha256(content.readAllBytes());
                case SYMLINK -> "symlink " + e.linkTarget();
                case DIRECTORY -> "dir";
                case OTHER -> "other";
            };
            String previous = out.put(e.path(), what + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid());
            if (previous != null) {
                throw new AssertionError("visited twice: " + e.path());
            }
        });
        return out;
    }

    /** Groups of paths that are hard links of each other (each group sorted, groups sorted). */
    public static List<List<String>> linkGroups(ImageFilesystem fs) throws IOException {
        Map<String, String> targets = new LinkedHashMap<>();
        fs.walk((e, content) -> {
            if (e.type() == FsEntry.Type.HARDLINK) {
                targets.put(e.path(), e.linkTarget());
            }
        });
        Map<String, List<String>> groups = new java.util.TreeMap<>();
        for (Map.Entry<String, String> t : targets.entrySet()) {
            String root = t.getValue();
            while (targets.containsKey(root)) {
                root = targets.get(root);
            }
            groups.computeIfAbsent(root, k -> new ArrayList<>(List.of(k))).add(t.getKey());
        }
        List<List<String>> out = new ArrayList<>();
        for (List<String> g : groups.values()) {
            g.sort(null);
            out.add(g);
        }
        out.sort(java.util.Comparator.comparing(g -> g.get(0)));
        return out;
    }
}
