package dev.factory.record;

import dev.factory.BadInputException;
import java.util.Locale;

/** factory.record.push: whether records (and SBOMs) go to the registry as referrers of their image. */
public enum PushMode {
    /** When image.json says the image was pushed. */
    AUTO,
    /** Always; an image that is not in its registry is an error. */
    ALWAYS,
    /** Never; records stay on disk only. */
    NEVER;

    public static PushMode parse(String value) {
        String v = value == null ? "auto" : value.trim().toLowerCase(Locale.ROOT);
        return switch (v) {
            case "", "auto" -> AUTO;
            case "true", "always" -> ALWAYS;
            case "false", "never" -> NEVER;
            default ->
                throw new BadInputException("factory.record.push is '" + value + "'; write auto (push when the image "
                        + "was pushed, the default), true or false.");
        };
    }

    /** Whether a record of an image pushed (or not) is pushed. */
    public boolean pushes(boolean imagePushed) {
        return this == ALWAYS || (this == AUTO && imagePushed);
    }
}
