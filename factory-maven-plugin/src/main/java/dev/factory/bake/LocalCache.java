package dev.factory.bake;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.docker.EngineInfo;
import dev.factory.io.AtomicFiles;
import dev.factory.io.ByteSize;
import dev.factory.io.Json;
import dev.factory.manifest.Platforms;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Consumer;
import java.util.stream.Stream;

/**
 * Keeps the embedded local cache ({@code factory.cache.directory}: one OCI layout folder per build and architecture)
 * within {@code factory.cache.maxSize}.
 *
 * <p>BuildKit's local cache export adds the blobs of each export to its folder and moves the folder's {@code latest}
 * entry in index.json to the new cache manifest; the blobs of earlier exports stay, so a folder grows with every
 * build that changes a layer. buildx 0.35 (the first to carry moby/buildkit#6612) deletes them itself with
 * {@code reset=true}; older buildx (0.29.1 here was checked: the folder grew by the same blobs with and without it)
 * ignores the option silently. There, Factory deletes after bake the blobs a folder's index.json no longer reaches,
 * except blobs written since this bake began (another build may be exporting into the same folder).
 *
 * <p>Then, when all folders together are over the cap, the least recently used go first: Factory marks a folder used
 * (its modification time) whenever a bake reads or writes it. The folders of the bake that just ran are never removed.
 */
final class LocalCache {
    /** buildx releases from this one on pass {@code reset=true} on to BuildKit's client, which honours it. */
    static final int[] RESET_SINCE = {0, 35};
    private static final long MAX_JSON = 4L * 1024 * 1024;

    private final Path root;
    private final long maxBytes;
    private final Consumer<String> log;
    private final Consumer<String> warn;

    LocalCache(Path root, long maxBytes, Consumer<String> log, Consumer<String> warn) {
        this.root = root;
        this.maxBytes = maxBytes;
        this.log = log;
        this.warn = warn;
    }

    static boolean buildxResets(EngineInfo engine) {
        return engine.buildxAtLeast(RESET_SINCE[0], RESET_SINCE[1]);
    }

    /** The folder of a target's cache under the root: {@code <build>-<os>-<arch>}. */
    static String folderName(BakeTarget t) {
        return t.build().build() + "-" + Platforms.slug(t.platform());
    }

    /**
     * @param used the folders this bake read or wrote
     * @param collect delete the blobs no index.json reaches (false when buildx did it with reset=true)
     * @param since blobs written from then on are kept
     */
    void maintain(List<String> used, boolean collect, Instant since) {
        Set<Path> usedFolders = new HashSet<>();
        FileTime now = FileTime.from(Instant.now());
        for (String name : used) {
            Path folder = root.resolve(name);
            if (Files.isDirectory(folder)) {
                usedFolders.add(folder);
                try {
                    Files.setLastModifiedTime(folder, now);
                } catch (IOException e) {
                    // a folder we cannot touch is merely older in the ranking
                }
            }
        }
        if (collect) {
            long blobs = 0;
            long bytes = 0;
            for (Path folder : usedFolders) {
                long[] removed = collect(folder, since);
                blobs += removed[0];
                bytes += removed[1];
            }
            if (blobs > 0) {
                log.accept("Local cache: deleted " + blobs + " blob(s), " + ByteSize.format(bytes)
                        + ", that the folders' "
                        + "index.json no longer reaches (earlier exports; this buildx has no reset=true for local caches)");
            }
        }
        prune(usedFolders);
    }

    /** Deletes the blobs of one OCI layout folder that its index.json does not reach; returns {count, bytes}. */
    static long[] collect(Path folder, Instant since) {
        Set<String> reached = reached(folder);
        if (reached == null) {
            return new long[]{0, 0};
        }
        long count = 0;
        long bytes = 0;
        Path blobs = folder.resolve("blobs");
        if (!Files.isDirectory(blobs)) {
            return new long[]{0, 0};
        }
        try (Stream<Path> walk = Files.walk(blobs, 2)) {
            for (Path blob : (Iterable<Path>) walk.filter(Files::isRegularFile)::iterator) {
                String digest = blob.getParent().getFileName() + ":" + blob.getFileName();
                if (reached.contains(digest)) {
                    continue;
                }
                try {
                    if (Files.getLastModifiedTime(blob).toInstant().isAfter(since)) {
                        continue;
                    }
                    long size = Files.size(blob);
                    Files.delete(blob);
                    count++;
                    bytes += size;
                } catch (IOException e) {
                    // gone already, or not ours to delete: leave it
                }
            }
        } catch (IOException e) {
            return new long[]{count, bytes};
        }
        return new long[]{count, bytes};
    }

    /**
     * Every digest index.json reaches: its manifests, and through each manifest or index blob, their config, layers and
     * manifests. Null when index.json cannot be read: then nothing is deleted.
     */
    static Set<String> reached(Path folder) {
        Path index = folder.resolve("index.json");
        if (!Files.isRegularFile(index)) {
            return null;
        }
        Set<String> reached = new HashSet<>();
        Deque<JsonNode> todo = new ArrayDeque<>();
        try {
            todo.add(Json.mapper().readTree(index.toFile()));
        } catch (IOException e) {
            return null;
        }
        while (!todo.isEmpty()) {
            JsonNode doc = todo.poll();
            List<JsonNode> descriptors = new ArrayList<>();
            doc.path("manifests").forEach(descriptors::add);
            doc.path("layers").forEach(descriptors::add);
            if (doc.path("config").isObject()) {
                descriptors.add(doc.path("config"));
            }
            for (JsonNode d : descriptors) {
                String digest = d.path("digest").asText("");
                if (!digest.contains(":") || !reached.add(digest)) {
                    continue;
                }
                String type = d.path("mediaType").asText("");
                if (type.contains("manifest") || type.contains("index")) {
                    Path blob = folder.resolve("blobs").resolve(digest.substring(0, digest.indexOf(':')))
                            .resolve(digest.substring(digest.indexOf(':') + 1));
                    try {
                        if (Files.isRegularFile(blob) && Files.size(blob) <= MAX_JSON) {
                            todo.add(Json.mapper().readTree(blob.toFile()));
                        }
                    } catch (IOException e) {
                        // a manifest that cannot be read reaches nothing further; its own blob is kept
                    }
                }
            }
        }
        return reached;
    }

    /** Removes the least recently used folders until all fit under the cap; never one this bake used. */
    private void prune(Set<Path> used) {
        record Folder(Path path, long bytes, FileTime used) {}
        List<Folder> folders = new ArrayList<>();
        try (Stream<Path> list = Files.list(root)) {
            for (Path p : (Iterable<Path>) list::iterator) {
                // only Factory's own layout folders: whatever else lives there is not ours to remove
                if (Files.isDirectory(p)
                        && (Files.isRegularFile(p.resolve("index.json")) || Files.isDirectory(p.resolve("blobs")))) {
                    folders.add(new Folder(p, size(p), Files.getLastModifiedTime(p)));
                }
            }
        } catch (IOException e) {
            warn.accept("The local cache " + root + " cannot be listed (" + e.getMessage() + "); it was not pruned.");
            return;
        }
        long total = folders.stream().mapToLong(Folder::bytes).sum();
        if (total <= maxBytes) {
            return;
        }
        long before = total;
        folders.sort(Comparator.comparing(Folder::used));
        List<String> removed = new ArrayList<>();
        for (Folder f : folders) {
            if (total <= maxBytes) {
                break;
            }
            if (used.contains(f.path())) {
                continue;
            }
            try {
                AtomicFiles.deleteTree(f.path());
                total -= f.bytes();
                removed.add(f.path().getFileName() + " (" + ByteSize.format(f.bytes()) + ", last used "
                        + f.used().toInstant()
                                .truncatedTo(java.time.temporal.ChronoUnit.SECONDS)
                        + ")");
            } catch (IOException e) {
                warn.accept("The local cache folder " + f.path() + " could not be removed (" + e.getMessage() + ").");
            }
        }
        if (!removed.isEmpty()) {
            log.accept(
                    "Local cache " + root + " held " + ByteSize.format(before) + ", more than factory.cache.maxSize ("
                            + ByteSize.format(maxBytes) + "): removed the least recently used " + removed.size()
                            + " folder(s): "
                            + String.join(", ", removed) + "; it holds " + ByteSize.format(total) + " now.");
        }
        if (total > maxBytes) {
            warn.accept("The local cache " + root + " holds " + ByteSize.format(total)
                    + ", more than factory.cache.maxSize ("
                    + ByteSize.format(maxBytes)
                    + "), in the folders of this bake alone; they are kept for the next build. Raise "
                    + "factory.cache.maxSize, or use a registry cache (factory.cache.repository).");
        }
    }

    private static long size(Path folder) {
        try (Stream<Path> walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        } catch (IOException e) {
            return 0;
        }
    }
}
