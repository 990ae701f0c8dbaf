package dev.factory.repack;

import dev.factory.BadInputException;
import dev.factory.io.ByteSize;

/**
 * How to repack.
 *
 * @param targetSize the largest compressed size of a layer (bytes, at least 1 MiB); a single file larger than
 *     this gets a layer of its own
 * @param zstdLevel zstd compression level, 1 to 22
 */
public record RepackOptions(long targetSize, int zstdLevel) {
    public static final long MIN_TARGET = 1024L * 1024;
    public static final long DEFAULT_TARGET = 32L * 1024 * 1024;
    public static final int DEFAULT_LEVEL = 9;
    /** Files up to this size go into the first layer with the directories. */
    public static final long SMALL_FILE = 4096;

    public RepackOptions {
        if (targetSize < MIN_TARGET) {
            throw new BadInputException("factory.repack.targetSize is " + ByteSize.format(targetSize)
                    + ", below the 1 MB "
                    + "minimum: layers that small cost more in requests than they save. Set it to 1MB or more (e.g. 32MB).");
        }
        if (zstdLevel < 1 || zstdLevel > 22) {
            throw new BadInputException(
                    "factory.repack.zstdLevel is " + zstdLevel + ": zstd levels go from 1 (fastest) to "
                            + "22 (smallest). Choose one in that range (default " + DEFAULT_LEVEL + ").");
        }
    }
}
