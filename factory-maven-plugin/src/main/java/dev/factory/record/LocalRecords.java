package dev.factory.record;

import dev.factory.EnvironmentException;
import dev.factory.io.ProjectPaths;
import dev.factory.manifest.InputLimits;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

/** Reads every record under a folder, recursively; a file that is not a valid record is skipped and named. */
public final class LocalRecords {
    /** Larger files are not records (a record is a few kilobytes); they are skipped unread. */
    public static final long MAX_RECORD_BYTES = InputLimits.DEFAULT_MAX_INPUT_BYTES;

    /** The records this JVM has parsed, by file: reused while the file keeps its size and modification time. */
    private static final java.util.Map<Path, Seen> SEEN = new java.util.concurrent.ConcurrentHashMap<>();
    private static final int MAX_SEEN = 50_000;

    private record Seen(long size, java.nio.file.attribute.FileTime modified, RecordFiles.Parsed parsed) {}

    private LocalRecords() {}

    /**
     * @param projectDir sources are shown relative to it
     * @return nothing when the folder does not exist
     */
    public static LoadedRecords read(Path recordsDir, Path projectDir) {
        return read(recordsDir, projectDir, MAX_RECORD_BYTES);
    }

    /** @param maxBytes larger files are skipped unread, named with their size (factory.maxInputSize) */
    public static LoadedRecords read(Path recordsDir, Path projectDir, long maxBytes) {
        if (!Files.isDirectory(recordsDir)) {
            return new LoadedRecords(List.of(), List.of());
        }
        List<Path> files;
        try (Stream<Path> walk = Files.walk(recordsDir)) {
            files = walk.filter(LocalRecords::isRecordFile).sorted().toList();
        } catch (IOException e) {
            throw new EnvironmentException("Cannot list the records under " + recordsDir + " (" + e.getMessage()
                    + "); check the folder's permissions.", e);
        }
        List<LoadedRecords.Loaded> records = new ArrayList<>(files.size());
        List<LoadedRecords.Skipped> skipped = new ArrayList<>();
        for (Path file : files) {
            Outcome o = readOne(file, projectDir, maxBytes);
            if (o.loaded() != null) {
                records.add(o.loaded());
            } else {
                skipped.add(o.skipped());
            }
        }
        return new LoadedRecords(records, skipped);
    }

    /** One file read: a record, or why it is not one. */
    private record Outcome(LoadedRecords.Loaded loaded, LoadedRecords.Skipped skipped) {
        static Outcome of(LoadedRecords.Loaded loaded) {
            return new Outcome(loaded, null);
        }

        static Outcome of(LoadedRecords.Skipped skipped) {
            return new Outcome(null, skipped);
        }
    }

    private static Outcome readOne(Path file, Path projectDir, long maxBytes) {
        String shown = ProjectPaths.display(projectDir, file);
        try {
            long size = Files.size(file);
            if (size > maxBytes) {
                return Outcome.of(new LoadedRecords.Skipped(shown, InputLimits.describe(size) + ", more than the "
                        + InputLimits.describe(maxBytes) + " a record may be (" + InputLimits.MAX_INPUT_SIZE
                        + " raises it); skipped unread"));
            }
            java.nio.file.attribute.FileTime modified = Files.getLastModifiedTime(file);
            Path key = file.toAbsolutePath().normalize();
            Seen seen = SEEN.get(key);
            RecordFiles.Parsed parsed;
            if (seen != null && seen.size() == size && seen.modified().equals(modified)) {
                // records are never rewritten: the same file, size and time are the same record (stitch, bake, matrix
                // and report of one build each read the folder; parsing and checking each record once is enough)
                parsed = seen.parsed();
            } else {
                byte[] bytes;
                try (java.io.InputStream in = Files.newInputStream(file)) {
                    // bounded even if the file grew since its size was read
                    bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
                }
                if (bytes.length > maxBytes) {
                    return Outcome.of(new LoadedRecords.Skipped(shown, "more than " + InputLimits.describe(maxBytes)
                            + " (it grew while being read); skipped"));
                }
                parsed = RecordFiles.parse(bytes);
                if (SEEN.size() > MAX_SEEN) {
                    SEEN.clear();
                }
                SEEN.put(key, new Seen(size, modified, parsed));
            }
            return parsed.ok() ? Outcome.of(new LoadedRecords.Loaded(parsed.record(), shown, file))
                    : Outcome.of(new LoadedRecords.Skipped(shown, parsed.problem()));
        } catch (IOException e) {
            return Outcome.of(new LoadedRecords.Skipped(shown, "cannot be read: " + e.getMessage()));
        }
    }

    /** The file's bytes, or null when it holds more than {@code maxBytes} (checked while reading, not only by its size). */
    public static byte[] readBounded(Path file, long maxBytes) throws IOException {
        if (Files.size(file) > maxBytes) {
            return null;
        }
        try (java.io.InputStream in = Files.newInputStream(file)) {
            byte[] bytes = in.readNBytes((int) Math.min(Integer.MAX_VALUE - 8, maxBytes + 1));
            return bytes.length > maxBytes ? null : bytes;
        }
    }

    /** {@code *.json}, not the hidden temporary files of a write in progress. */
    private static boolean isRecordFile(Path p) {
        String name = p.getFileName().toString();
        return name.endsWith(".json") && !name.startsWith(".") && Files.isRegularFile(p);
    }

}
