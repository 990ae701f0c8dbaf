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
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.UserDefinedFileAttributeView;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.zip.GZIPOutputStream;

/** Synthetic images for tests: layers written as tars in memory, blobs held in a map. */
public final class TestImages {
    private TestImages() {}

    /**
     * A layer under construction, written by GNU tar (not by Factory's writer) when {@link #tar()} is called:
     * each entry is made in a scratch directory (files, directories, symlinks, hard links, {@code /dev/null} for
     * a device, {@code user.*} xattrs) and archived in the order it was added, with the owner, mode and a fixed
     * mtime set, so the same entries give the same bytes. A hard link whose target is not in the layer (it is in
     * a lower one) is archived with its target, which {@code tar --delete} then takes out again.
     */
    public static final class LayerBuilder {
        private enum Kind {
            DIR, FILE, SYMLINK, HARDLINK, NULL_DEVICE
        }

        private record Op(String path, Kind kind, byte[] content, int mode, long uid, long gid, String target,
                String xattr,
                byte[] xattrValue) {}

        static final long MTIME = 1_700_000_000L;
        private final List<Op> ops = new ArrayList<>();
        private final String format;

        LayerBuilder(String format) {
            this.format = format;
        }

        public LayerBuilder dir(String path) {
            return dir(path, 0755, 0, 0);
        }

        public LayerBuilder dir(String path, int mode, long uid, long gid) {
            return add(new Op(path, Kind.DIR, null, mode, uid, gid, null, null, null));
        }

        public LayerBuilder file(String path, String content) {
            return file(path, content.getBytes(StandardCharsets.UTF_8), 0644, 0, 0);
        }

        public LayerBuilder file(String path, byte[] content, int mode, long uid, long gid) {
            return add(new Op(path, Kind.FILE, content, mode, uid, gid, null, null, null));
        }

        /** A file with an extended attribute; only {@code user.*} ones can be set without root. */
        public LayerBuilder fileWithXattr(String path, String content, String xattr, byte[] value) {
            if (!xattr.startsWith("user.")) {
                throw new IllegalArgumentException("only user.* xattrs can be set in a test: " + xattr);
            }
            return add(
                    new Op(path, Kind.FILE, content.getBytes(StandardCharsets.UTF_8), 0755, 0, 0, null, xattr, value));
        }

        public LayerBuilder symlink(String path, String target) {
            return add(new Op(path, Kind.SYMLINK, null, 0777, 0, 0, target, null, null));
        }

        public LayerBuilder hardlink(String path, String target) {
            return add(new Op(path, Kind.HARDLINK, null, 0644, 0, 0, target, null, null));
        }

        /** The character device 1,3 ({@code /dev/null}, archived under {@code path}): no other can be made without root. */
        public LayerBuilder nullDevice(String path) {
            return add(new Op(path, Kind.NULL_DEVICE, null, 0666, 0, 0, null, null, null));
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

        private LayerBuilder add(Op op) {
            ops.add(op);
            return this;
        }

        public byte[] tar() {
            Path work = null;
            try {
                work = Files.createTempDirectory("factory-layer-");
                Path archive = work.resolve("layer.tar");
                Map<String, Integer> archived = new HashMap<>();
                int runs = 0;
                for (int i = 0; i < ops.size(); runs++) {
                    i = archiveRun(work, work.resolve("run-" + runs), archive, runs == 0, i, archived);
                }
                if (runs == 0) {
                    GnuTar.run(work, null, "--format=" + format, "-cf", archive.toString(), "--files-from=/dev/null");
                }
                return Files.readAllBytes(archive);
            } catch (IOException e) {
                throw new UncheckedIOException(e);
            } finally {
                deleteTree(work);
            }
        }

        /**
         * Archives the ops from {@code from} on that share one owner and name each path once (one tar invocation;
         * GNU tar takes the owner from the command line); returns where the next run starts.
         */
        private int archiveRun(Path work, Path stage, Path archive, boolean create, int from,
                Map<String, Integer> archived)
                throws IOException {
            Op first = ops.get(from);
            List<String> common = new ArrayList<>(List.of("--format=" + format, "--no-recursion", "--numeric-owner",
                    "--owner=:" + first.uid(), "--group=:" + first.gid(), "--mtime=@" + MTIME));
            if (format.equals("posix")) {
                // no atime/ctime records and no process id in header names: the same entries give the same bytes
                common.add("--pax-option=delete=atime,delete=ctime,exthdr.name=%d/PaxHeaders/%f");
            }
            if (first.kind() == Kind.NULL_DEVICE) {
                tarInto(work, archive, create, common,
                        List.of("-C", "/", "--transform=s,^dev/null$," + first.path() + ",",
                                "dev/null"));
                archived.merge(first.path(), 1, Integer::sum);
                return from + 1;
            }
            Files.createDirectories(stage);
            List<String> names = new ArrayList<>();
            List<String> placeholders = new ArrayList<>();
            Map<String, Op> staged = new LinkedHashMap<>();
            boolean xattrs = false;
            int i = from;
            for (; i < ops.size(); i++) {
                Op op = ops.get(i);
                if (op.kind() == Kind.NULL_DEVICE || op.uid() != first.uid() || op.gid() != first.gid()
                        || staged.containsKey(key(op.path()))) {
                    break;
                }
                Path p = stage.resolve(op.path()).normalize();
                if (!p.equals(stage)) {
                    Files.createDirectories(p.getParent());
                }
                switch (op.kind()) {
                    case DIR -> Files.createDirectories(p);
                    case FILE -> Files.write(p, op.content());
                    case SYMLINK -> Files.createSymbolicLink(p, Path.of(op.target()));
                    case HARDLINK -> {
                        Path target = stage.resolve(op.target()).normalize();
                        if (!staged.containsKey(key(op.target()))) {
                            // the target is in a lower layer: archived here only so that tar writes a link to it
                            Files.createDirectories(target.getParent());
                            Files.write(target, new byte[0]);
                            staged.put(key(op.target()),
                                    new Op(op.target(), Kind.FILE, null, op.mode(), 0, 0, null, null,
                                            null));
                            names.add(op.target());
                            placeholders.add(op.target());
                        }
                        Files.createLink(p, target);
                    }
                    default -> throw new IllegalStateException(op.kind().name());
                }
                if (op.xattr() != null) {
                    Files.getFileAttributeView(p, UserDefinedFileAttributeView.class)
                            .write(op.xattr().substring("user.".length()), ByteBuffer.wrap(op.xattrValue()));
                    xattrs = true;
                }
                staged.put(key(op.path()), op);
                names.add(op.path());
            }
            // modes last, children before their directories, so that a read-only directory is still filled
            List<Op> reversed = new ArrayList<>(staged.values());
            java.util.Collections.reverse(reversed);
            for (Op op : reversed) {
                if (op.kind() != Kind.SYMLINK) {
                    Files.setAttribute(stage.resolve(op.path()).normalize(), "unix:mode", op.mode());
                }
            }
            Path list = work.resolve(stage.getFileName() + ".list");
            Files.writeString(list, String.join("\0", names) + "\0");
            List<String> args = new ArrayList<>();
            if (xattrs) {
                args.addAll(List.of("--xattrs", "--xattrs-include=user.*"));
            }
            args.addAll(List.of("-C", stage.toString(), "--null", "--files-from=" + list));
            tarInto(work, archive, create, common, args);
            for (String name : names) {
                archived.merge(name, 1, Integer::sum);
            }
            for (String placeholder : placeholders) {
                GnuTar.run(work, null, "--delete", "--occurrence=" + archived.get(placeholder), "-f",
                        archive.toString(),
                        placeholder);
                archived.merge(placeholder, -1, Integer::sum);
            }
            return i;
        }

        private static String key(String path) {
            return TarEntry.normalise(path);
        }

        private static void tarInto(Path work, Path archive, boolean create, List<String> common, List<String> args) {
            List<String> all = new ArrayList<>(common);
            all.addAll(List.of(create ? "-c" : "-r", "-f", archive.toString()));
            all.addAll(args);
            GnuTar.run(work, null, all.toArray(String[]::new));
        }
    }

    /** Deletes a scratch directory, making its directories writable first (a test may stage read-only ones). */
    static void deleteTree(Path root) {
        if (root == null) {
            return;
        }
        try (var paths = Files.walk(root)) {
            List<Path> all = paths.sorted(java.util.Comparator.reverseOrder()).toList();
            for (Path p : all) {
                if (Files.isDirectory(p, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
                    p.toFile().setWritable(true);
                }
            }
            for (Path p : all) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** A layer as GNU tar writes it in the POSIX (PAX) format, as image builders do. */
    public static LayerBuilder layer() {
        return new LayerBuilder("posix");
    }

    /** A layer in another GNU tar format: {@code gnu}, {@code ustar}, {@code v7}. */
    public static LayerBuilder layer(String format) {
        return new LayerBuilder(format);
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
            String previous = out.put(e.path(),
                    what + " " + Integer.toOctalString(e.mode()) + " " + e.uid() + ":" + e.gid());
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
