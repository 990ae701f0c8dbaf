package dev.factory.maven;

import dev.factory.bake.BakeRequest;
import dev.factory.bake.Baker;
import dev.factory.bake.BuildFailuresException;
import dev.factory.bake.CacheMode;
import dev.factory.bake.ImageLabels;
import dev.factory.bake.Vouchers;
import dev.factory.io.ByteSize;
import dev.factory.io.Text;
import dev.factory.reuse.RecordVouchers;
import dev.factory.stitch.BuildsFile;
import java.io.File;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Builds every stitched variant (each build on each of its platforms) in one {@code docker buildx bake}
 * graph, with per-architecture cache, and records the images in {@code builds/<build>/image.json}.
 */
@Mojo(name = "bake", defaultPhase = LifecyclePhase.PACKAGE, threadSafe = true)
public class BakeMojo extends AbstractReuseMojo {

    @Inject
    public BakeMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Push the images (and join the platforms into multi-arch tags) instead of loading them into the local engine.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.push", defaultValue = "false")
    private boolean push;

    /**
     * Layer compression of pushed images: {@code gzip} (the default, pullable everywhere) or {@code zstd}
     * (smaller and faster to pull; needs containerd 1.5+ or Docker 23+ where it is pulled).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.compression", defaultValue = "gzip")
    private String compression;

    /**
     * Attach a provenance attestation (mode=max) to pushed images.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.provenance", defaultValue = "true")
    private boolean provenance;

    /**
     * Layer cache: {@code auto} (registry when {@code factory.cache.repository} is set, else local),
     * {@code registry}, {@code local} or {@code none}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.cache", defaultValue = "auto")
    private String cache;

    /**
     * Registry repository for the cache, such as {@code registry.example.com/team/cache}; each build and
     * architecture gets the tag {@code <build>-<os>-<arch>}, so runners of any architecture share it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.cache.repository")
    private String cacheRepository;

    /**
     * Folder of the embedded local cache. Defaults to {@code $XDG_CACHE_HOME/factory/bake} (or
     * {@code ~/.cache/factory/bake}), outside target so it survives {@code mvn clean}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.cache.directory")
    private File cacheDirectory;

    /**
     * The most the local cache folders ({@code factory.cache.directory}) may hold together, such as {@code 2GiB} or
     * {@code 500MB}. After each bake that uses the local cache, the least recently used folders are removed until the
     * rest fit (the folders of that bake are kept), and each folder's blobs that its index.json no longer names are
     * deleted; the log says what was removed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.cache.maxSize", defaultValue = "2GiB")
    private String cacheMaxSize;

    /**
     * The buildx builder to use (default: the current one).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.builder")
    private String builder;

    /**
     * Minutes after which a bake is stopped.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.bake.timeout", defaultValue = "60")
    private int timeoutMinutes;

    @Override
    protected void run() {
        Path projectDir = project.getBasedir().toPath();
        Map<String, String> labels = ImageLabels.of(projectDir, MavenFacts.sourceUrl(project), project.getVersion(),
                outputTimestamp, buildStart());
        Vouchers vouchers = new RecordVouchers(recordsFrom(), () -> BuildsFile.read(outputDirectory.toPath()),
                getLog()::info, getLog()::warn);
        BakeRequest request = new BakeRequest(projectDir, outputDirectory.toPath(), manifestId, push(), provenance,
                CacheMode.parse(cache), Text.blankToNull(cacheRepository),
                BakeRequest.localCacheDirectory(cacheDirectory == null ? null : cacheDirectory.toPath()),
                Text.blankToNull(builder), Text.blankToNull(platform), labels, projectBuildArgs(),
                Duration.ofMinutes(timeoutMinutes), BakeRequest.zstd(compression), getLog()::info, getLog()::warn,
                vouchers,
                rebuild(), this::registries, ByteSize.parse(cacheMaxSize, "factory.cache.maxSize"));
        try {
            new Baker(docker()).bake(request);
        } catch (BuildFailuresException e) {
            if (!failuresWaitForReport()) {
                throw e;
            }
            deferred(e);
        }
    }

    /** Whether this run pushes; factory:publish always does. */
    protected boolean push() {
        return push;
    }
}
