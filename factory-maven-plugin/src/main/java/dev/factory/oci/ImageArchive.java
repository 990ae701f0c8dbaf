package dev.factory.oci;

import java.io.Closeable;
import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.tar.TarFile;

/**
 * An image tar archive ({@code docker image save} output: an OCI layout in a tar on engines with the
 * containerd store, {@code manifest.json} + {@code layer.tar} on older ones), read with random access
 * through an index of entry offsets: nothing is extracted, and the order of the entries in the tar
 * does not matter.
 */
public final class ImageArchive implements Closeable {
    private record Slot(long offset, long size) {}

    private final Path file;
    private final boolean deleteOnClose;
    private final String what;
    private final Map<String, Slot> entries = new HashMap<>();

    private ImageArchive(Path file, boolean deleteOnClose, String what) {
        this.file = file;
        this.deleteOnClose = deleteOnClose;
        this.what = what;
    }

    /**
     * Indexes an archive file.
     *
     * @param deleteOnClose whether {@link #close()} deletes the file (a spooled export)
     * @param what names the archive in messages, e.g. {@code the local engine's image app:1}
     */
    public static ImageArchive open(Path file, boolean deleteOnClose, String what) throws IOException {
        ImageArchive archive = new ImageArchive(file, deleteOnClose, what);
        // Commons Compress reads the headers only, seeking past the content, and notes where each content starts
        try (TarFile tar = new TarFile(Files.newByteChannel(file), TarConstants.DEFAULT_BLKSIZE,
                TarConstants.DEFAULT_RCDSIZE,
                StandardCharsets.UTF_8.name(), false)) {
            for (TarArchiveEntry e : tar.getEntries()) {
                if (!e.isCheckSumOK()) {
                    throw new IOException(
                            "not a tar archive, or a corrupt one (header checksum mismatch at " + e.getName() + ")");
                }
                boolean regular = e.getLinkFlag() == '0' || e.getLinkFlag() == 0 || e.getLinkFlag() == '7';
                if (regular && !e.getName().endsWith("/") && !e.isSparse()) {
                    archive.entries.put(TarEntry.normalise(e.getName()), new Slot(e.getDataOffset(), e.getSize()));
                }
            }
        } catch (IOException e) {
            archive.close();
            throw new IOException(what + " is not a readable image archive: " + e.getMessage(), e);
        }
        return archive;
    }

    /**
     * One platform's image.
     *
     * @param ref the reference that was saved (picks the entry when the archive has several), may be null
     * @param platform the platform wanted, or null when the archive holds one
     */
    public Image image(String ref, Platform platform) throws IOException {
        return LayoutReader.open(files(), ref, platform, what,
                "Only the platforms present in the engine are exported: pull or build that platform first (docker pull "
                        + "--platform " + (platform == null ? "os/arch" : platform) + " "
                        + (ref == null ? "IMAGE" : ref)
                        + ", or factory:bake with it).");
    }

    /**
     * Copies the archive's files (an OCI layout: index.json and compressed blobs; nothing is extracted
     * from the layers) into a directory, for tools that read layouts.
     */
    public void copyLayoutTo(Path dir) throws IOException {
        LayoutReader.Files files = files();
        for (String name : entries.keySet()) {
            if (name.startsWith("/") || List.of(name.split("/")).contains("..")) {
                throw new IOException(what + " has an entry outside the archive root: " + name);
            }
            Path target = dir.resolve(name);
            Files.createDirectories(target.getParent());
            try (InputStream in = files.open(name)) {
                Files.copy(in, target, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
            }
        }
    }

    private LayoutReader.Files files() {
        return new LayoutReader.Files() {
            @Override
            public InputStream open(String name) throws IOException {
                Slot slot = entries.get(name);
                if (slot == null) {
                    return null;
                }
                SeekableByteChannel channel = Files.newByteChannel(file);
                channel.position(slot.offset());
                return new BoundedStream(Channels.newInputStream(channel), slot.size());
            }

            @Override
            public long size(String name) {
                Slot slot = entries.get(name);
                return slot == null ? -1 : slot.size();
            }
        };
    }

    @Override
    public void close() throws IOException {
        if (deleteOnClose) {
            Files.deleteIfExists(file);
        }
    }

    /** The first {@code limit} bytes of a stream; closing it closes the underlying channel. */
    static final class BoundedStream extends InputStream {
        private final InputStream in;
        private long left;

        BoundedStream(InputStream in, long limit) {
            this.in = new java.io.BufferedInputStream(in, 64 * 1024);
            this.left = limit;
        }

        @Override
        public int read() throws IOException {
            if (left <= 0) {
                return -1;
            }
            int b = in.read();
            if (b >= 0) {
                left--;
            }
            return b;
        }

        @Override
        public int read(byte[] b, int off, int len) throws IOException {
            if (left <= 0) {
                return -1;
            }
            int n = in.read(b, off, (int) Math.min(len, left));
            if (n > 0) {
                left -= n;
            }
            return n;
        }

        @Override
        public void close() throws IOException {
            in.close();
        }
    }
}
