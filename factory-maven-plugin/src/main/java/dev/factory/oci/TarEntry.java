package dev.factory.oci;

import java.util.Collections;
import java.util.Map;
import java.util.TreeMap;

/**
 * One tar entry with everything a faithful copy needs ({@link FsEntry} is the consumer-facing subset).
 *
 * @param path normalised: relative, no leading {@code ./} or {@code /}, no trailing slash
 * @param typeFlag the tar type flag as read ({@code '3'}, {@code '4'}, {@code '6'} matter for {@code OTHER})
 * @param xattrs extended attributes from PAX {@code SCHILY.xattr.*} records: name (without the prefix) to the
 *     raw value bytes mapped one-to-one onto chars (ISO-8859-1), so binary values such as
 *     {@code security.capability} survive unchanged
 */
public record TarEntry(String path, FsEntry.Type type, char typeFlag, long size, int mode, long uid, long gid,
        String uname, String gname, String linkTarget, long mtime, int devMajor, int devMinor,
        Map<String, String> xattrs) {

    public TarEntry {
        xattrs = xattrs == null || xattrs.isEmpty() ? Map.of() : Collections.unmodifiableMap(new TreeMap<>(xattrs));
        uname = uname == null ? "" : uname;
        gname = gname == null ? "" : gname;
    }

    public FsEntry toFsEntry() {
        return new FsEntry(path, type, type == FsEntry.Type.FILE ? size : 0, mode, uid, gid, linkTarget, mtime);
    }

    /** The same metadata as a regular file (a hard link whose content is materialised). */
    public TarEntry asFile(String newPath) {
        return new TarEntry(newPath, FsEntry.Type.FILE, '0', size, mode, uid, gid, uname, gname, null, mtime, 0, 0,
                xattrs);
    }

    /** A hard link to {@code target} with this entry's metadata (xattrs belong to the file's entry only). */
    public TarEntry asHardlink(String newPath, String target) {
        return new TarEntry(newPath, FsEntry.Type.HARDLINK, '1', 0, mode, uid, gid, uname, gname, target, mtime, 0, 0,
                null);
    }

    /** The last path element. */
    public String name() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? path : path.substring(slash + 1);
    }

    /** The parent path, {@code ""} for top-level entries. */
    public String parent() {
        int slash = path.lastIndexOf('/');
        return slash < 0 ? "" : path.substring(0, slash);
    }

    /** Cleans a path as stored in a tar: {@code ./usr//bin/} becomes {@code usr/bin}; the root becomes {@code ""}. */
    public static String normalise(String raw) {
        StringBuilder out = new StringBuilder(raw.length());
        for (String part : raw.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (out.length() > 0) {
                out.append('/');
            }
            out.append(part);
        }
        return out.toString();
    }
}
