package dev.factory.bake;

import dev.factory.BadInputException;
import java.util.Locale;

/** Where bake keeps its layer cache between runs. */
public enum CacheMode {
    /** registry when a cache repository is set, local otherwise */
    AUTO,
    /** {@code type=registry,ref=<repo>:<build>-<os>-<arch>}: shared across runners */
    REGISTRY,
    /** a directory per build and architecture under the user's cache folder: survives mvn clean */
    LOCAL,
    NONE;

    public static CacheMode parse(String value) {
        try {
            return valueOf(value.trim().toUpperCase(Locale.ROOT));
        } catch (IllegalArgumentException e) {
            throw new BadInputException(
                    "factory.cache: unknown cache mode '" + value + "'. Use auto (the default: registry "
                            + "when factory.cache.repository is set, else local), registry, local or none.");
        }
    }

    public CacheMode resolve(String cacheRepository) {
        if (this == AUTO) {
            return cacheRepository == null || cacheRepository.isBlank() ? LOCAL : REGISTRY;
        }
        return this;
    }
}
