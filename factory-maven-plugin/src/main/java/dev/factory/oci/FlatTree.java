package dev.factory.oci;

import dev.factory.io.Hashing;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * The comparable essence of an image's final filesystem: for every path its type, mode, owner, the
 * sha256 of its content or its symlink target, plus the groups of paths that are hard links of one
 * another. Two images with equal {@link #digest()} hold the same files, whatever their layers. Used by
 * repack to prove a repacked image equals its source before anything is pushed.
 */
public final class FlatTree {
    private final Map<String, String> lines = new TreeMap<>();
    private final Map<String, String> hardlinks = new HashMap<>();

    /** Reads a whole filesystem (one pass; content hashed through a fixed buffer). */
    public static FlatTree of(ImageFilesystem fs) throws IOException {
        FlatTree tree = new FlatTree();
        byte[] buffer = new byte[64 * 1024];
        fs.walk((e, content) -> tree.add(e.path(), e.type(), e.mode(), e.uid(), e.gid(), e.linkTarget(),
                e.type() == FsEntry.Type.FILE ? sha256(content, buffer) : null));
        return tree;
    }

    /**
     * @param contentSha256 the content's hash for a file; ignored for other types
     */
    public void add(String path, FsEntry.Type type, int mode, long uid, long gid, String linkTarget,
            String contentSha256) {
        if (type == FsEntry.Type.HARDLINK) {
            hardlinks.put(path, linkTarget);
            return;
        }
        String what = switch (type) {
            case FILE -> "file " + contentSha256;
            case SYMLINK -> "symlink " + linkTarget;
            case DIRECTORY -> "dir";
            default -> "other";
        };
        lines.put(path, what + " " + Integer.toOctalString(mode) + " " + uid + ":" + gid);
    }

    /** path → description, hard links described as the file they share an inode with. */
    public Map<String, String> entries() {
        Map<String, String> all = new TreeMap<>(lines);
        for (String link : hardlinks.keySet()) {
            all.put(link, lines.getOrDefault(root(link), "dangling hard link"));
        }
        return all;
    }

    /** Sorted groups of paths sharing an inode. */
    public List<List<String>> linkGroups() {
        Map<String, List<String>> groups = new TreeMap<>();
        for (String link : hardlinks.keySet()) {
            String root = root(link);
            groups.computeIfAbsent(root, k -> new ArrayList<>(List.of(k))).add(link);
        }
        List<List<String>> out = new ArrayList<>();
        groups.values().forEach(g -> {
            g.sort(null);
            out.add(g);
        });
        out.sort((a, b) -> a.get(0).compareTo(b.get(0)));
        return out;
    }

    private String root(String link) {
        String target = hardlinks.get(link);
        for (int hops = 0; hardlinks.containsKey(target) && hops < 64; hops++) {
            target = hardlinks.get(target);
        }
        return target;
    }

    public int size() {
        return lines.size() + hardlinks.size();
    }

    /** sha256 over every entry and the link groups, in path order. */
    public String digest() {
        StringBuilder text = new StringBuilder();
        entries().forEach((path, what) -> text.append(path).append(' ').append(what).append('\n'));
        linkGroups().forEach(g -> text.append("links ").append(String.join(" ", g)).append('\n'));
        return "sha256:" + Hashing.sha256(text.toString());
    }

    /** The first differences, for an error message. */
    public List<String> differences(FlatTree other, int max) {
        List<String> out = new ArrayList<>();
        Map<String, String> mine = entries();
        Map<String, String> theirs = other.entries();
        for (Map.Entry<String, String> e : mine.entrySet()) {
            String t = theirs.get(e.getKey());
            if (!e.getValue().equals(t) && out.size() < max) {
                out.add(e.getKey() + ": " + e.getValue() + " vs " + (t == null ? "missing" : t));
            }
        }
        for (String path : theirs.keySet()) {
            if (!mine.containsKey(path) && out.size() < max) {
                out.add(path + ": missing vs " + theirs.get(path));
            }
        }
        if (out.isEmpty() && !linkGroups().equals(other.linkGroups())) {
            out.add("hard link groups differ: " + linkGroups() + " vs " + other.linkGroups());
        }
        return out;
    }

    private static String sha256(InputStream in, byte[] buffer) throws IOException {
        MessageDigest d = Hashing.sha256();
        for (int n; (n = in.read(buffer)) > 0;) {
            d.update(buffer, 0, n);
        }
        return HexFormat.of().formatHex(d.digest());
    }
}
