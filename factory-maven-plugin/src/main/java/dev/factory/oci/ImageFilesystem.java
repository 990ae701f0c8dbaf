package dev.factory.oci;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** An image's final filesystem, read by streaming its layers (never unpacked to disk). */
public interface ImageFilesystem {
    void walk(FsVisitor visitor) throws IOException;

    /**
     * Like {@link #walk}, but every {@link FsEntry.Type#HARDLINK} entry comes with the content of the file
     * it is linked to; its {@code size}, {@code mode}, owner and {@code mtime} are that file's (one inode, so the
     * link's own tar header may be stale), while type and {@code linkTarget} stay as they are.
     * Costs a second walk when the image has hard links; a target's content is held in memory up to
     * 16 MiB and in a temporary file (deleted at once) beyond that, for as long as its links are visited.
     *
     * @since 0.1.0
     */
    default void walkWithLinkedContent(FsVisitor visitor) throws IOException {
        Map<String, String> linkTargets = new HashMap<>();
        List<FsEntry> links = new ArrayList<>();
        walk((entry, content) -> {
            if (entry.type() == FsEntry.Type.HARDLINK) {
                links.add(entry);
                linkTargets.put(entry.path(), entry.linkTarget());
            } else {
                visitor.visit(entry, content);
            }
        });
        if (links.isEmpty()) {
            return;
        }
        Map<String, List<FsEntry>> byFile = new HashMap<>();
        for (FsEntry link : links) {
            String target = link.linkTarget();
            for (int hops = 0; linkTargets.containsKey(target) && hops < 64; hops++) {
                target = linkTargets.get(target);
            }
            byFile.computeIfAbsent(target, k -> new ArrayList<>()).add(link);
        }
        walk((entry, content) -> {
            List<FsEntry> waiting = entry.type() == FsEntry.Type.FILE ? byFile.remove(entry.path()) : null;
            if (waiting == null) {
                return;
            }
            if (entry.size() <= 16L * 1024 * 1024) {
                byte[] bytes = content.readAllBytes();
                for (FsEntry link : waiting) {
                    visitor.visit(asFile(link, entry), new ByteArrayInputStream(bytes));
                }
            } else {
                Path temp = Files.createTempFile("factory-link-", ".bin");
                try {
                    try (OutputStream out = Files.newOutputStream(temp)) {
                        content.transferTo(out);
                    }
                    for (FsEntry link : waiting) {
                        try (InputStream in = Files.newInputStream(temp)) {
                            visitor.visit(asFile(link, entry), in);
                        }
                    }
                } finally {
                    Files.deleteIfExists(temp);
                }
            }
        });
        // links whose target is not in the image: reported without content
        for (List<FsEntry> dangling : byFile.values()) {
            for (FsEntry link : dangling) {
                visitor.visit(link, InputStream.nullInputStream());
            }
        }
    }

    private static FsEntry asFile(FsEntry link, FsEntry file) {
        return new FsEntry(link.path(), link.type(), file.size(), file.mode(), file.uid(), file.gid(),
                link.linkTarget(),
                file.mtime());
    }
}
