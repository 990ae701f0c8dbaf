package dev.factory.reuse;

import dev.factory.FactoryException;
import dev.factory.io.ProjectPaths;
import dev.factory.io.Text;
import dev.factory.oci.Registries;
import dev.factory.record.LoadedRecords;
import dev.factory.record.LocalRecords;
import dev.factory.record.RecordSource;
import dev.factory.record.RegistryRecords;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * Where the records that may vouch for variants are read: the records folder (factory.records.directory, the default
 * under target or a committed folder) or the registry (factory.records.source=registry: the referrers of each build's
 * images, which survive {@code mvn clean} and reach CI jobs). Reading is bounded by factory.maxInputSize per record.
 *
 * @param maxBytes a record larger than this is skipped unread
 */
public record RecordsFrom(RecordSource source, Path recordsDir, Path projectDir, Path outputDir, long maxBytes,
        Supplier<Registries> registries) {

    /** Cheap: whether there can be records at all (the folder has something in it, or the registry is the source). */
    public boolean available() {
        if (source == RecordSource.REGISTRY) {
            return true;
        }
        if (!Files.isDirectory(recordsDir)) {
            return false;
        }
        try (var list = Files.list(recordsDir)) {
            return list.findAny().isPresent();
        } catch (IOException e) {
            return false;
        }
    }

    /** Where, for messages: a folder relative to the project, or "the registry". */
    public String describe() {
        return source == RecordSource.REGISTRY ? "the registry (the referrers of each build's images)"
                : ProjectPaths.display(projectDir, recordsDir);
    }

    /**
     * The records; an unreachable registry is said once (through {@code warn}) and reads as none: nothing is reused
     * then, which is never wrong, only slower.
     */
    public LoadedRecords load(List<StitchedBuild> builds, Consumer<String> warn) {
        if (source == RecordSource.REGISTRY) {
            try {
                return new RegistryRecords(registries.get(), line -> {}, maxBytes).read(builds, outputDir);
            } catch (FactoryException e) {
                warn.accept("The records in the registry cannot be read (" + Text.firstLine(e.getMessage())
                        + "); going on without "
                        + "them: no variant is reused from them.");
                return new LoadedRecords(List.of(), List.of());
            }
        }
        return LocalRecords.read(recordsDir, projectDir, maxBytes);
    }
}
