package dev.factory.smoke;

import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * The first entry of a tar stream, as {@code docker cp CONTAINER:PATH -} gives it: the path itself
 * (its name is the path's last element), read with Commons Compress (ustar, GNU long names, PAX).
 *
 * @param content the file's bytes up to the limit it was read with (empty for non-files)
 * @param truncated whether the file was longer than that limit
 */
public record TarEntry(String name, FileModes.Type type, int mode, long uid, long gid, long size, String linkTarget,
        byte[] content, boolean truncated) {

    /**
     * Reads the first entry and, for a regular file, up to {@code contentLimit} bytes of its content; the rest
     * of the stream is left unread. Returns null when the stream holds no entry.
     */
    public static TarEntry readFirst(InputStream in, int contentLimit) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(in, StandardCharsets.UTF_8.name());
        TarArchiveEntry e = tar.getNextEntry();
        if (e == null) {
            return null;
        }
        if (!e.isCheckSumOK()) {
            throw new IOException("not a tar stream (header checksum mismatch)");
        }
        FileModes.Type type = type((char) e.getLinkFlag());
        byte[] content = new byte[0];
        boolean truncated = false;
        if (type == FileModes.Type.FILE) {
            int keep = (int) Math.min(e.getRealSize(), contentLimit);
            content = tar.readNBytes(keep);
            if (content.length < keep) {
                throw new EOFException("tar stream ended inside " + e.getName());
            }
            truncated = e.getRealSize() > keep;
        }
        String name = e.getName();
        while (name.endsWith("/") && name.length() > 1) {
            name = name.substring(0, name.length() - 1);
        }
        String link = e.getLinkName();
        return new TarEntry(name, type, e.getMode() & 07777, e.getLongUserId(), e.getLongGroupId(), e.getRealSize(),
                link == null || link.isEmpty() ? null : link, content, truncated);
    }

    static FileModes.Type type(char flag) {
        return switch (flag) {
            case '0', '\0', '7' -> FileModes.Type.FILE;
            case '1' -> FileModes.Type.HARDLINK;
            case '2' -> FileModes.Type.SYMLINK;
            case '3' -> FileModes.Type.CHAR_DEVICE;
            case '4' -> FileModes.Type.BLOCK_DEVICE;
            case '5' -> FileModes.Type.DIRECTORY;
            case '6' -> FileModes.Type.FIFO;
            default -> FileModes.Type.OTHER;
        };
    }
}
