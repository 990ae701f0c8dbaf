package dev.factory.oci;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;

/**
 * The final filesystem of an image, computed by streaming its layers from the top one down, so
 * nothing is unpacked: an entry is reported the first time its path is met (upper layers win), and
 * paths deleted ({@code .wh.<name>}) or hidden by an opaque directory ({@code .wh..wh..opq}) or by a
 * non-directory in an upper layer are skipped. Whiteouts apply to lower layers only, as the OCI spec
 * says. Memory grows with the number of paths, not with the size of the content.
 *
 * <h2>Hard links</h2>
 * A hard link is reported as {@code HARDLINK} with {@code linkTarget} naming another entry of the same
 * walk (usually a {@code FILE}; a chain of links is possible when a link points at a path that a lower
 * layer itself stored as a link). When the file a link was made to is no longer in the final tree
 * (deleted or replaced by an upper layer), the link is reported as a {@code FILE} with the content it
 * had, read from the layer that held it; that layer is read a second time at the end of the walk
 * only in the case where the content had already streamed past. To get the bytes of every hard link,
 * use {@link ImageFilesystem#walkWithLinkedContent(FsVisitor)} (two passes over the layers), or
 * remember {@code linkTarget} and take the content when the target's {@code FILE} entry is visited
 * (before or after the link: entries come in no particular order).
 *
 * <p>Limitation: when one layer stores the same path twice, the first occurrence wins (tar would let
 * the last one win); image builders do not write such layers.
 */
public final class LayeredFilesystem implements ImageFilesystem {
    private static final String WHITEOUT = ".wh.";
    private static final String OPAQUE = ".wh..wh..opq";

    /** One layer: its descriptor (media type, digest, size) and where its blob is read from. */
    public record Layer(Descriptor descriptor, BlobSource blobs) {
        InputStream openRaw() throws IOException {
            return blobs.open(descriptor);
        }

        String describe() {
            return "layer " + descriptor.digest() + " of " + blobs.describe();
        }
    }

    private final List<Layer> layers;

    /** @param layers bottom first, as in a manifest */
    public LayeredFilesystem(List<Layer> layers) {
        this.layers = List.copyOf(layers);
    }

    public List<Layer> layers() {
        return layers;
    }

    @Override
    public void walk(FsVisitor visitor) throws IOException {
        walkTar((entry, content) -> visitor.visit(entry.toFsEntry(), content));
    }

    /** Visits each final entry once with its full tar metadata. */
    public void walkTar(TarVisitor visitor) throws IOException {
        new Walk(visitor).run();
    }

    /** A link that must be materialised as a file with the content of {@code target} as it was in one layer. */
    private record PendingLink(TarEntry link, String target) {}

    private final class Walk {
        private final TarVisitor visitor;
        /** Paths decided by upper layers (reported or hidden): lower entries at these paths are shadowed. */
        private final Set<String> decided = new HashSet<>();
        /** Paths under which lower entries are hidden: whiteouts, opaque directories, upper non-directories. */
        private final Set<String> removed = new HashSet<>();
        private final Set<String> opaque = new HashSet<>();
        private final Set<String> nonDirectories = new HashSet<>();
        private boolean rootOpaque;
        /** Links waiting for the version of their target in some lower layer: target path to links. */
        private final Map<String, List<TarEntry>> awaitingLower = new LinkedHashMap<>();
        /** Links whose target streamed past in their own layer: layer index to links. */
        private final Map<Integer, List<PendingLink>> rereads = new TreeMap<>();

        Walk(TarVisitor visitor) {
            this.visitor = visitor;
        }

        void run() throws IOException {
            for (int i = layers.size() - 1; i >= 0; i--) {
                readLayer(i);
            }
            for (Map.Entry<Integer, List<PendingLink>> e : rereads.entrySet()) {
                reread(e.getKey(), e.getValue());
            }
            // targets never found below: the image is inconsistent; report the links as they are
            for (List<TarEntry> links : awaitingLower.values()) {
                for (TarEntry link : links) {
                    visitor.visit(link, InputStream.nullInputStream());
                }
            }
        }

        private void readLayer(int index) throws IOException {
            Layer layer = layers.get(index);
            Set<String> newRemoved = new HashSet<>();
            Set<String> newOpaque = new HashSet<>();
            boolean newRootOpaque = false;
            /** Files and links of this layer so far: path to (visible?). */
            Map<String, Boolean> layerFiles = new HashMap<>();
            Map<String, String> layerLinks = new HashMap<>();
            try (InputStream raw = layer.openRaw();
                    InputStream tar = Compression.decompress(raw, layer.descriptor().mediaType(), layer.describe())) {
                TarReader reader = new TarReader(tar);
                for (TarEntry entry; (entry = reader.next()) != null;) {
                    String path = entry.path();
                    if (path.isEmpty()) {
                        continue;
                    }
                    String name = entry.name();
                    if (name.startsWith(WHITEOUT)) {
                        if (name.equals(OPAQUE)) {
                            if (entry.parent().isEmpty()) {
                                newRootOpaque = true;
                            } else {
                                newOpaque.add(entry.parent());
                            }
                        } else if (!name.startsWith(WHITEOUT + WHITEOUT)) {
                            String parent = entry.parent();
                            String target = name.substring(WHITEOUT.length());
                            newRemoved.add(parent.isEmpty() ? target : parent + "/" + target);
                        }
                        continue;
                    }
                    resolveAwaiting(index, entry, reader, layerFiles, layerLinks);
                    boolean visible = !decided.contains(path) && !hiddenByAncestor(path) && !removed.contains(path);
                    if (entry.type() == FsEntry.Type.FILE) {
                        layerFiles.putIfAbsent(path, visible);
                    } else if (entry.type() == FsEntry.Type.HARDLINK) {
                        layerLinks.putIfAbsent(path, entry.linkTarget());
                    }
                    if (entry.type() != FsEntry.Type.DIRECTORY) {
                        // even when an upper layer shadows it, a non-directory here erased what lower layers had below it
                        nonDirectories.add(path);
                    }
                    if (!visible) {
                        continue;
                    }
                    decided.add(path);
                    switch (entry.type()) {
                        case FILE -> visitor.visit(entry, reader.content());
                        case HARDLINK -> link(index, entry, layerFiles, layerLinks);
                        default -> visitor.visit(entry, InputStream.nullInputStream());
                    }
                }
                // the rest of the blob (tar padding, compression trailer) is read so its digest is verified
                raw.transferTo(OutputStream.nullOutputStream());
            } catch (IOException e) {
                throw new IOException("cannot read " + layer.describe() + ": " + e.getMessage(), e);
            }
            removed.addAll(newRemoved);
            opaque.addAll(newOpaque);
            rootOpaque |= newRootOpaque;
        }

        /** A visible hard link: kept as a link when its target's final version is the one it was made to. */
        private void link(int index, TarEntry entry, Map<String, Boolean> layerFiles, Map<String, String> layerLinks)
                throws IOException {
            String target = entry.linkTarget();
            // a link to a link stored earlier in the same layer means the same file
            for (int hops = 0; layerLinks.containsKey(target) && !layerFiles.containsKey(target) && hops < 64; hops++) {
                target = layerLinks.get(target);
            }
            Boolean inLayer = layerFiles.get(target);
            if (inLayer != null) {
                if (inLayer) {
                    visitor.visit(entry.asHardlink(entry.path(), target), InputStream.nullInputStream());
                } else {
                    rereads.computeIfAbsent(index, k -> new ArrayList<>()).add(new PendingLink(entry, target));
                }
                return;
            }
            if (layerLinks.containsKey(target)) {
                // the target is a link of this layer to a lower file: follow it below
                awaitingLower.computeIfAbsent(layerLinks.get(target), k -> new ArrayList<>()).add(entry);
                return;
            }
            if (!decided.contains(target) && !hiddenByAncestor(target) && !removed.contains(target)) {
                // the lower version the link was made to is also the final one
                visitor.visit(entry.asHardlink(entry.path(), target), InputStream.nullInputStream());
            } else {
                awaitingLower.computeIfAbsent(target, k -> new ArrayList<>()).add(entry);
            }
        }

        /** An entry of a lower layer that links waiting for their target may need. */
        private void resolveAwaiting(int index, TarEntry entry, TarReader reader, Map<String, Boolean> layerFiles,
                Map<String, String> layerLinks) throws IOException {
            List<TarEntry> links = awaitingLower.remove(entry.path());
            if (links == null) {
                return;
            }
            if (entry.type() == FsEntry.Type.FILE) {
                materialise(entry, links, reader.content());
            } else if (entry.type() == FsEntry.Type.HARDLINK) {
                String target = entry.linkTarget();
                if (Boolean.TRUE.equals(layerFiles.get(target))) {
                    for (TarEntry link : links) {
                        visitor.visit(link.asHardlink(link.path(), target), InputStream.nullInputStream());
                    }
                } else if (layerFiles.containsKey(target)) {
                    for (TarEntry link : links) {
                        rereads.computeIfAbsent(index, k -> new ArrayList<>()).add(new PendingLink(link, target));
                    }
                } else {
                    awaitingLower.computeIfAbsent(layerLinks.getOrDefault(target, target), k -> new ArrayList<>())
                            .addAll(links);
                }
            } else {
                // the path was not a file when the links were made: keep waiting below (inconsistent image)
                awaitingLower.put(entry.path(), links);
            }
        }

        /** The first link becomes a file with the content; the others link to it (they are one inode). */
        private void materialise(TarEntry file, List<TarEntry> links, InputStream content) throws IOException {
            TarEntry first = links.get(0);
            visitor.visit(file.asFile(first.path()), content);
            for (TarEntry other : links.subList(1, links.size())) {
                visitor.visit(file.asHardlink(other.path(), first.path()), InputStream.nullInputStream());
            }
        }

        private void reread(int index, List<PendingLink> pending) throws IOException {
            Map<String, List<TarEntry>> byTarget = new LinkedHashMap<>();
            for (PendingLink p : pending) {
                byTarget.computeIfAbsent(p.target(), k -> new ArrayList<>()).add(p.link());
            }
            Layer layer = layers.get(index);
            try (InputStream raw = layer.openRaw();
                    InputStream tar = Compression.decompress(raw, layer.descriptor().mediaType(), layer.describe())) {
                TarReader reader = new TarReader(tar);
                for (TarEntry entry; (entry = reader.next()) != null && !byTarget.isEmpty();) {
                    if (entry.type() == FsEntry.Type.FILE && byTarget.containsKey(entry.path())) {
                        materialise(entry, byTarget.remove(entry.path()), reader.content());
                    }
                }
            } catch (IOException e) {
                throw new IOException("cannot read " + layer.describe() + " again for hard links: " + e.getMessage(),
                        e);
            }
            for (List<TarEntry> links : byTarget.values()) {
                for (TarEntry link : links) {
                    visitor.visit(link, InputStream.nullInputStream());
                }
            }
        }

        private boolean hiddenByAncestor(String path) {
            if (rootOpaque) {
                return true;
            }
            int slash = path.indexOf('/');
            while (slash > 0) {
                String ancestor = path.substring(0, slash);
                if (removed.contains(ancestor) || opaque.contains(ancestor) || nonDirectories.contains(ancestor)) {
                    return true;
                }
                slash = path.indexOf('/', slash + 1);
            }
            return false;
        }
    }
}
