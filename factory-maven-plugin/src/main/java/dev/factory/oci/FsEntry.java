package dev.factory.oci;

/**
 * One entry of an image's final filesystem: what remains after every layer is applied in order,
 * with whiteouts and opaque directories honoured.
 *
 * @param path relative, without a leading slash, e.g. {@code usr/lib/jvm/java-17/release}
 * @param size content size for files, 0 otherwise
 * @param mode permission bits (e.g. 0644), without the file type
 * @param linkTarget the target of a symlink (as stored) or of a hard link (a path in the image), else null
 * @param mtime modification time in seconds since the epoch
 */
public record FsEntry(String path, Type type, long size, int mode, long uid, long gid, String linkTarget, long mtime) {

    public enum Type {
        FILE, DIRECTORY, SYMLINK, HARDLINK, OTHER
    }

    public boolean isFile() {
        return type == Type.FILE;
    }
}
