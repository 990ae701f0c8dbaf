package dev.factory.record;

import dev.factory.BadInputException;
import java.util.Locale;

/** factory.records.source: where factory:report reads the records from. */
public enum RecordSource {
    /** The records folder (factory.records.directory), recursively. */
    LOCAL,
    /** The registry: the record referrers of each build's images. */
    REGISTRY;

    public static RecordSource parse(String value) {
        String v = value == null ? "local" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "local" -> LOCAL;
            case "registry" -> REGISTRY;
            default ->
                throw new BadInputException("factory.records.source is '" + value + "'; write local (the records "
                        + "folder, the default) or registry (the records pushed next to each build's images).");
        };
    }
}
