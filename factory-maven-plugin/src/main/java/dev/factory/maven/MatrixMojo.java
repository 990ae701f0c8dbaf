package dev.factory.maven;

import dev.factory.io.Text;
import dev.factory.matrix.Matrix;
import dev.factory.reuse.ChangeListing;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes the CI job matrix ({@code target/factory/matrix.json}, GitHub Actions {@code strategy.matrix}
 * input: one entry per build and platform with its runner) and, when {@code GITHUB_OUTPUT} is set,
 * the step output {@code matrix}. Run after factory:stitch.
 */
@Mojo(name = "matrix", threadSafe = true)
public class MatrixMojo extends AbstractReuseMojo {

    @Inject
    public MatrixMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Runner labels by platform ({@code <linux-arm64>}), by target pool ({@code <gpu>}) or by both
     * ({@code <gpu.linux-amd64>}); several labels separated by commas. Defaults: linux/amd64 runs on
     * ubuntu-24.04, linux/arm64 on ubuntu-24.04-arm.
     *
     * @since 0.1.0
     */
    @Parameter
    private Map<String, String> runners = new LinkedHashMap<>();

    /**
     * The same map on the command line: {@code linux/arm64=my-arm-runner;gpu=self-hosted,gpu}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.matrix.runners")
    private String runnersSpec;

    /**
     * Only the jobs of the cells (variant and platform) that changed since the last records: a cell whose variant key
     * (stitch fingerprint, base digest, build arguments, platform) has a passing newest record is left out. For pull
     * requests, with {@code factory.records.source=registry}: the records pushed from the main branch vouch. Also writes
     * the step output {@code count}, 0 when nothing changed.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.matrix.changedOnly", defaultValue = "false")
    private boolean changedOnly;

    @Override
    protected void run() {
        Map<String, String> all = new LinkedHashMap<>(runners);
        all.putAll(Matrix.parseRunners(runnersSpec));
        ChangeListing.Request changes = changedOnly ? new ChangeListing.Request(recordsFrom(), outputDirectory.toPath(),
                projectBuildArgs(), rebuild(), false, getLog()::info, getLog()::warn) : null;
        String githubOutput = Text.blankToNull(System.getenv("GITHUB_OUTPUT"));
        Matrix.write(outputDirectory.toPath(), all, changes, githubOutput == null ? null : Path.of(githubOutput),
                getLog()::info);
    }
}
