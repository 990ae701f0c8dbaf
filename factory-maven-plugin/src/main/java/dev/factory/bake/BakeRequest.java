package dev.factory.bake;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.function.Consumer;

/**
 * What bake needs, free of Maven.
 *
 * @param platform build only this platform (CI runners split by architecture), or null for all
 * @param cacheRepository e.g. {@code registry.example.com/team/cache}; needed for registry cache
 * @param localCacheDirectory root of the embedded local cache (one folder per build and architecture)
 * @param labels OCI labels for every image (source, revision, version, created)
 * @param buildArgs extra build args for every target (e.g. SOURCE_DATE_EPOCH)
 * @param zstd push layers zstd-compressed (smaller and faster to pull; needs containerd 1.5+ on the pulling side)
 * @param log build progress and results, line by line
 * @param warn problems that do not stop the build (e.g. cache registry unreachable)
 * @param vouchers passing records by variant key: a target they vouch for, whose image is still where it went, is not
 *     baked (and not tested, SBOM'd or recorded again)
 * @param rebuild builds baked and tested again regardless of records (factory.rebuild)
 * @param registries the registry clients every goal shares, asked where pushed images are now
 * @param localCacheMaxBytes the most the local cache folders may hold together (factory.cache.maxSize)
 */
public record BakeRequest(
        Path projectDir,
        Path outputDir,
        String manifestId,
        boolean push,
        boolean provenance,
        CacheMode cache,
        String cacheRepository,
        Path localCacheDirectory,
        String builder,
        String platform,
        Map<String, String> labels,
        Map<String, String> buildArgs,
        Duration timeout,
        boolean zstd,
        Consumer<String> log,
        Consumer<String> warn,
        Vouchers vouchers,
        Rebuild rebuild,
        java.util.function.Supplier<dev.factory.oci.Registries> registries,
        long localCacheMaxBytes) {

    public static final long DEFAULT_CACHE_MAX_BYTES = 2L << 30;

    /**
     * The embedded local cache's root: {@code configured} (absolute), else {@code $XDG_CACHE_HOME/factory/bake} or
     * {@code ~/.cache/factory/bake}, outside the project so that it survives {@code mvn clean}.
     */
    public static Path localCacheDirectory(Path configured) {
        if (configured != null) {
            return configured.toAbsolutePath();
        }
        String xdg = System.getenv("XDG_CACHE_HOME");
        Path cacheHome = xdg != null && !xdg.isBlank() ? Path.of(xdg).toAbsolutePath()
                : Path.of(System.getProperty("user.home"), ".cache");
        return cacheHome.resolve("factory").resolve("bake");
    }

    /** factory.compression: whether pushed layers are zstd ({@code zstd}) or gzip ({@code gzip}, the default). */
    public static boolean zstd(String compression) {
        if (!"gzip".equals(compression) && !"zstd".equals(compression)) {
            throw new dev.factory.BadInputException("factory.compression: '" + compression
                    + "' is not a layer compression; use gzip or zstd.");
        }
        return "zstd".equals(compression);
    }

    /** Without records to reuse, and the default cache cap. */
    public BakeRequest(Path projectDir, Path outputDir, String manifestId, boolean push, boolean provenance,
            CacheMode cache,
            String cacheRepository, Path localCacheDirectory, String builder, String platform,
            Map<String, String> labels, Map<String, String> buildArgs, Duration timeout, boolean zstd,
            Consumer<String> log, Consumer<String> warn) {
        this(projectDir, outputDir, manifestId, push, provenance, cache, cacheRepository, localCacheDirectory, builder,
                platform,
                labels, buildArgs, timeout, zstd, log, warn, Vouchers.NONE, Rebuild.NONE, () -> {
                    throw new IllegalStateException("no registries in this request");
                }, DEFAULT_CACHE_MAX_BYTES);
    }
}
