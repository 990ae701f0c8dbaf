package dev.factory.record;

import com.fasterxml.jackson.core.JsonLocation;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Json;
import dev.factory.io.Schemas;
import java.io.IOException;
import java.nio.file.AccessDeniedException;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.FileSystemException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.function.Supplier;

/**
 * Record files: their names, their validated bytes, all-or-nothing writing of one run's records, and
 * reading one back (a file that is not a valid record is described, not thrown).
 *
 * <p>A record lives at {@code <records>/<manifest-id>/<build>--<os>-<arch>--<created>--<unique>.json},
 * e.g. {@code jre-service/jre-service-17--linux-amd64--20261125T101530Z--3fa9c1.json}: one new file per run,
 * sorted by time within a variant, never overwritten.
 */
public final class RecordFiles {
    /** The Maven artifact type of attached records. */
    public static final String TYPE = "json";
    private static final DateTimeFormatter COMPACT = DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss'Z'")
            .withZone(ZoneOffset.UTC);
    private static final SecureRandom RANDOM = new SecureRandom();
    private static final int ATTEMPTS = 5;

    private RecordFiles() {}

    /** The attached artifact's classifier: {@code <build>-<os>-<arch>[-<variant>]-record}. */
    public static String classifier(String build, String platform) {
        return build + "-" + slug(platform) + "-record";
    }

    /** {@code linux/arm/v7} → {@code linux-arm-v7}. */
    public static String slug(String platform) {
        return platform.replace('/', '-');
    }

    /** Where a record goes, given a suffix that makes the name unique. */
    public static Path path(Path recordsDir, CompatibilityRecord record, String unique) {
        return recordsDir.resolve(record.manifestId())
                .resolve(record.build() + "--" + slug(record.image().platform()) + "--"
                        + COMPACT.format(record.created()) + "--" + unique + ".json");
    }

    /** Six random hex digits. */
    public static String randomSuffix() {
        byte[] b = new byte[3];
        RANDOM.nextBytes(b);
        return HexFormat.of().formatHex(b);
    }

    /**
     * The record's file content, after checking it against the shipped schema. A record that does not
     * pass was built wrong by Factory itself, so that is not the user's input error.
     */
    public static byte[] bytes(CompatibilityRecord record) {
        JsonNode json = Json.mapper().valueToTree(record);
        List<String> problems = Schemas.problems(Schemas.RECORD, json);
        if (!problems.isEmpty()) {
            throw new IllegalStateException("The record of build " + record.build() + " (" + record.image().platform()
                    + ") does not match " + Schemas.RECORD + ": " + String.join("; ", problems)
                    + ". This is a Factory bug; please report it with the build's image.json and smoke.json.");
        }
        return Json.bytes(json);
    }

    /**
     * One record on disk.
     *
     * @param publishedSince written by an earlier goal of this run, before its image was pushed (see Recorder)
     */
    public record Written(CompatibilityRecord record, Path file, String classifier, boolean publishedSince) {
        public Written(CompatibilityRecord record, Path file, String classifier) {
            this(record, file, classifier, false);
        }
    }

    /**
     * Writes all records or none: each is validated first, then created next to a temporary file and
     * linked into place (never replacing a file); if any write fails, the ones this call created are
     * removed again. A folder that cannot be written is the user's setting to fix ({@link BadInputException});
     * any other I/O failure (a full disk) is an {@link EnvironmentException}.
     */
    public static List<Written> writeAll(Path recordsDir, List<CompatibilityRecord> records, Supplier<String> unique) {
        List<byte[]> contents = new ArrayList<>();
        records.forEach(r -> contents.add(bytes(r)));
        if (records.isEmpty()) {
            return List.of();
        }
        // folders this call creates go again with its records when a write fails: nothing is left half done
        List<Path> created = new ArrayList<>();
        if (!Files.isDirectory(recordsDir)) {
            created.add(recordsDir);
        }
        checkWritable(recordsDir);
        List<Written> written = new ArrayList<>();
        Path folder = recordsDir;
        try {
            for (int i = 0; i < records.size(); i++) {
                CompatibilityRecord record = records.get(i);
                // the message names the manifest's own folder: the records folder itself may be fine
                folder = recordsDir.resolve(record.manifestId());
                if (!Files.exists(folder) && !created.contains(folder)) {
                    created.add(folder);
                }
                written.add(new Written(record, create(recordsDir, record, contents.get(i), unique),
                        classifier(record.build(), record.image().platform())));
            }
        } catch (IOException e) {
            List<String> left = rollBack(written);
            if (left.isEmpty()) {
                removeEmpty(created);
            }
            throw writeFailure(folder, e, left);
        }
        return written;
    }

    private static Path create(Path recordsDir, CompatibilityRecord record, byte[] content, Supplier<String> unique)
            throws IOException {
        for (int attempt = 1;; attempt++) {
            Path file = path(recordsDir, record, unique.get());
            try {
                AtomicFiles.create(file, content);
                return file;
            } catch (FileAlreadyExistsException e) {
                // two runs in the same second drew the same suffix; a record is never overwritten, so draw again
                if (!file.toString().equals(e.getFile())) {
                    throw e;
                }
                if (attempt >= ATTEMPTS) {
                    throw new IOException("no free file name for a new record next to " + file + " after " + ATTEMPTS
                            + " tries", e);
                }
            }
        }
    }

    private static void checkWritable(Path recordsDir) {
        try {
            Files.createDirectories(recordsDir);
        } catch (IOException e) {
            throw writeFailure(recordsDir, e, List.of());
        }
        if (!Files.isWritable(recordsDir)) {
            throw notWritable(recordsDir, "permission denied");
        }
    }

    /** Deletes the folders, innermost first, where they are empty; a folder with anything in it stays. */
    private static void removeEmpty(List<Path> folders) {
        for (int i = folders.size() - 1; i >= 0; i--) {
            try {
                Files.deleteIfExists(folders.get(i));
            } catch (IOException e) {
                // not empty, or not ours to remove after all: leave it
            }
        }
    }

    private static List<String> rollBack(List<Written> written) {
        List<String> left = new ArrayList<>();
        for (Written w : written) {
            try {
                Files.deleteIfExists(w.file());
            } catch (IOException e) {
                left.add(w.file().toString());
            }
        }
        return left;
    }

    /** @param folder the folder being written: the records folder, or the manifest's folder inside it */
    private static RuntimeException writeFailure(Path folder, IOException e, List<String> left) {
        String leftOver = left.isEmpty() ? ""
                : " These records of this run could not be removed again: " + String.join(", ", left) + ".";
        if (e instanceof FileSystemException fs) {
            String reason = fs.getReason() != null ? fs.getReason()
                    : e instanceof AccessDeniedException ? "permission denied"
                            : e instanceof FileAlreadyExistsException ? "a file is in the way of " + fs.getFile()
                                    : e.getClass().getSimpleName() + " on " + fs.getFile();
            BadInputException bad = notWritable(folder, reason);
            return leftOver.isEmpty() ? bad : new BadInputException(bad.getMessage() + leftOver, e);
        }
        return new EnvironmentException("Writing the records under " + folder + " failed (" + e.getMessage()
                + "); none of this run's records were kept." + leftOver
                + " Check free space on that disk, then run again.", e);
    }

    private static BadInputException notWritable(Path folder, String reason) {
        return new BadInputException(
                "The records folder " + folder + " is not writable (" + reason + "); no record was "
                        + "written. Point factory.records.directory at a folder this build may write (the default is "
                        + "target/factory/records), or give the build user write permission there, then run again.");
    }

    /** A record file read back: the record, or why it is not one. */
    public record Parsed(CompatibilityRecord record, String problem) {
        public boolean ok() {
            return record != null;
        }
    }

    /** Parses and checks one record; never throws for bad content. */
    public static Parsed parse(byte[] bytes) {
        JsonNode json;
        try {
            json = Json.mapper().readTree(bytes);
        } catch (JsonProcessingException e) {
            JsonLocation at = e.getLocation();
            String where = at == null ? "" : " at line " + at.getLineNr() + ", column " + at.getColumnNr();
            return new Parsed(null, "not JSON: " + e.getOriginalMessage() + where);
        } catch (IOException e) {
            return new Parsed(null, "not JSON: " + e.getMessage());
        }
        if (json == null || !json.isObject()) {
            return new Parsed(null, "not a Factory record (not a JSON object)");
        }
        String schema = json.path("schema").asText("");
        if (!CompatibilityRecord.SCHEMA.equals(schema)) {
            return new Parsed(null,
                    "not a Factory record (schema '" + schema + "', expected '" + CompatibilityRecord.SCHEMA + "')");
        }
        List<String> problems = Schemas.problems(Schemas.RECORD, json);
        if (!problems.isEmpty()) {
            return new Parsed(null, "does not match " + Schemas.RECORD + ": " + problems.get(0)
                    + (problems.size() > 1 ? " (and " + (problems.size() - 1) + " more)" : ""));
        }
        try {
            return new Parsed(Json.bind(json, CompatibilityRecord.class), null);
        } catch (JsonProcessingException e) {
            // what the schema cannot say: a date that is no date
            return new Parsed(null, "does not match " + Schemas.RECORD + ": " + Json.problem(e));
        }
    }
}
