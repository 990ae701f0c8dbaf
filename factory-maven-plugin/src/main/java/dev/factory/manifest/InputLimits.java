package dev.factory.manifest;

import dev.factory.BadInputException;
import dev.factory.io.ByteSize;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * How much Factory reads before it refuses: the size of one input file (manifest, plan, fragment
 * descriptor, template, test file, record) and the number of variants one project may expand to. A
 * careless or hostile input then fails at once with the file, its size and the property to raise,
 * instead of running for minutes or exhausting memory.
 *
 * @param maxInputBytes the largest input file read, in bytes (also YAML's code point limit)
 * @param maxVariants the most variants the manifests and plans of one project may expand to
 */
public record InputLimits(long maxInputBytes, int maxVariants) {
    public static final String MAX_INPUT_SIZE = "factory.maxInputSize";
    public static final String MAX_VARIANTS = "factory.maxVariants";
    /** Manifests, plans and fragments are a few kilobytes; a mebibyte leaves room for any real one. */
    public static final long DEFAULT_MAX_INPUT_BYTES = 1024 * 1024;
    public static final int DEFAULT_MAX_VARIANTS = 1000;
    public static final InputLimits DEFAULTS = new InputLimits(DEFAULT_MAX_INPUT_BYTES, DEFAULT_MAX_VARIANTS);

    public InputLimits {
        if (maxInputBytes < 1 || maxInputBytes > Integer.MAX_VALUE - 8) {
            throw new BadInputException(
                    MAX_INPUT_SIZE + " is " + maxInputBytes + " bytes; it must be at least 1 byte and less "
                            + "than 2 GiB (an input Factory holds in memory).");
        }
        if (maxVariants < 1) {
            throw new BadInputException(MAX_VARIANTS + " is " + maxVariants + "; it must be 1 or more.");
        }
    }

    /**
     * The file's bytes, after checking its size first: a file over the limit is refused unread. The read
     * itself stops at the limit too, so a file that grows (or a pipe) cannot slip past the check.
     *
     * @param shown the path as errors show it
     */
    public byte[] read(Path file, String shown) {
        try {
            checkSize(shown, Files.size(file));
            try (InputStream in = Files.newInputStream(file)) {
                byte[] bytes = in.readNBytes((int) maxInputBytes + 1);
                checkSize(shown, bytes.length);
                return bytes;
            }
        } catch (IOException e) {
            throw new BadInputException(
                    shown + ": cannot read: " + e.getMessage() + ". Check that the file is readable.", e);
        }
    }

    /** Refuses an input of {@code size} bytes when it is over the limit. */
    public void checkSize(String shown, long size) {
        if (size > maxInputBytes) {
            throw new BadInputException(shown + ": the file is " + describe(size) + ", more than the "
                    + describe(maxInputBytes)
                    + " Factory reads from one input file. Manifests, plans, fragments, templates and test files are a few "
                    + "kilobytes; if this one really must be larger, raise the limit with -D" + MAX_INPUT_SIZE + "="
                    + suggestion(size) + " (or <" + MAX_INPUT_SIZE + "> in the pom's properties).");
        }
    }

    /** Refuses text made by rendering a template (a fragment's tests.yaml) when it is over the limit. */
    public void checkRendered(String shown, long size) {
        if (size > maxInputBytes) {
            throw new BadInputException(shown + ": the rendered text is " + describe(size) + ", more than the "
                    + describe(maxInputBytes)
                    + " Factory reads from one input file. Check the template's #foreach loops; if "
                    + "the text really must be larger, raise the limit with -D" + MAX_INPUT_SIZE + "="
                    + suggestion(size) + ".");
        }
    }

    /** {@code 20.0 MiB (20971520 bytes)}; bytes alone below a kibibyte. */
    public static String describe(long bytes) {
        return bytes < 1024 ? bytes + " bytes" : ByteSize.format(bytes) + " (" + bytes + " bytes)";
    }

    /** A round limit that admits {@code size}, e.g. {@code 32MiB} for 20 MiB. */
    static String suggestion(long size) {
        long mib = 1;
        while (mib * 1024 * 1024 < size) {
            mib *= 2;
        }
        return mib + "MiB";
    }
}
