package dev.factory.maven;

import dev.factory.io.ByteSize;
import dev.factory.repack.RepackOptions;
import dev.factory.repack.RepackRequest;
import dev.factory.repack.RepackService;
import dev.factory.repack.RepackedImage;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Repacks every baked image for faster pulls: the final filesystem only, identical contents grouped,
 * small files and directories in the first layer, the rest in zstd layers of about
 * {@code factory.repack.targetSize}. Pushed images are read from the registry by digest and pushed back as
 * {@code <image>:<tag>-repacked}; images only in the local engine (or with {@code factory.repack.output=oci-layout})
 * are written as an OCI layout under {@code target/factory/builds/<build>/repacked/}. Each build gets a
 * {@code repack.json} with the digests and sizes before and after.
 */
@Mojo(name = "repack", threadSafe = true)
public class RepackMojo extends AbstractFactoryMojo {

    @Inject
    public RepackMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Repack in the deploy phase of the packaging {@code factory}. Repacking is opt-in there (it pushes
     * extra tags); run explicitly ({@code mvn factory:repack}) or from an execution of your own, it always runs.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.repack.enabled", defaultValue = "false")
    private boolean enabled;

    /**
     * The largest compressed size of a repacked layer, such as {@code 32MB} or {@code 512MB} (KB, MB, GB are
     * binary units). At least 1MB; a single file larger than this gets a layer of its own.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.repack.targetSize", defaultValue = "32MB")
    private String targetSize;

    /**
     * The zstd compression level of the new layers, 1 (fastest) to 22 (smallest). The default 19 trades
     * repack time (once, at publish) for smaller layers that every pull benefits from.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.repack.zstdLevel", defaultValue = "19")
    private int zstdLevel;

    /**
     * Who repacks: {@code builtin}, or {@code docker-repack} to delegate to that binary (it must be on the PATH).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.repack.engine", defaultValue = "builtin")
    private String engine;

    /**
     * Where repacked images go: {@code registry} (pushed as {@code <tag>-repacked}; images that were not pushed go to
     * an OCI layout anyway) or {@code oci-layout} (always a directory under {@code builds/<build>/repacked/}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.repack.output", defaultValue = "registry")
    private String output;

    @Override
    protected boolean skipGoal() {
        return !enabled && "default-repack".equals(mojoExecution.getExecutionId());
    }

    @Override
    protected String skipReason() {
        return "not enabled in the lifecycle; set factory.repack.enabled=true";
    }

    @Override
    protected void run() {
        RepackOptions options = new RepackOptions(ByteSize.parse(targetSize, "factory.repack.targetSize"), zstdLevel);
        RepackRequest request = new RepackRequest(outputDirectory.toPath(), manifestId, options,
                RepackRequest.Engine.parse(engine), RepackRequest.Output.parse(output),
                registries(), docker(),
                Duration.ofMinutes(30), getLog()::info);
        for (RepackService.BuildResult result : new RepackService().run(request)) {
            for (RepackedImage image : result.images()) {
                getLog().info(
                        result.build() + " " + image.platform() + ": " + ByteSize.format(image.sourceSize()) + " in "
                                + image.sourceLayers() + " layers -> " + ByteSize.format(image.size()) + " in "
                                + image.layers().size() + " layers");
            }
            getLog().info(result.build() + ": " + result.destination() + " (" + result.digest() + ")");
        }
    }
}
