package dev.factory.maven;

import dev.factory.io.OutputTimestamp;
import dev.factory.oci.ImageFilesystems;
import dev.factory.sbom.ImageFilesystemSource;
import dev.factory.sbom.SbomFiles;
import dev.factory.sbom.SbomGenerator;
import dev.factory.sbom.SbomRequest;
import dev.factory.sbom.SbomResult;
import dev.factory.sbom.SbomWriter;
import java.util.List;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes a CycloneDX 1.6 SBOM for every built image (each build and platform in {@code image.json}):
 * {@code builds/<build>/sbom.cdx.json} for a single-platform build, {@code builds/<build>/sbom-<os>-<arch>.cdx.json}
 * per platform otherwise. Each is attached to the project with type {@code json} and classifier
 * {@code <build>-<os>-<arch>-sbom}. With {@code project.build.outputTimestamp} set, two runs on the same
 * images give byte-identical files.
 */
@Mojo(name = "sbom", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class SbomMojo extends AbstractFactoryMojo {

    /** Attaches the files this goal writes to the project, so install and deploy ship them. */
    private final MavenProjectHelper projectHelper;

    @Inject
    public SbomMojo(SettingsDecrypter settingsDecrypter, MavenProjectHelper projectHelper) {
        super(settingsDecrypter);
        this.projectHelper = projectHelper;
    }

    /**
     * Who writes the SBOM: {@code auto} (syft when it is on the PATH, else the built-in cataloger),
     * {@code syft} (fails when syft is not installed) or {@code builtin} (Factory's own cataloger: dpkg,
     * apk, Java archives, Python and npm packages, read from the image's filesystem).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sbom.generator", defaultValue = "auto")
    private String generator;

    /**
     * The SBOMs' {@code metadata.timestamp}; by default the project's reproducible-build timestamp.
     * ISO-8601 ({@code 2026-01-01T00:00:00Z}) or seconds since the epoch; unset means the current time.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sbom.outputTimestamp", defaultValue = "${project.build.outputTimestamp}")
    private String outputTimestamp;

    @Override
    protected void run() {
        SbomRequest request = SbomRequest.onPath(outputDirectory.toPath(), SbomGenerator.parse(generator),
                OutputTimestamp.orNow(outputTimestamp), pluginVersion(), imageReader(), getLog()::info, getLog()::warn);
        List<SbomResult> results = new SbomWriter().write(request);
        for (SbomResult result : results) {
            projectHelper.attachArtifact(project, SbomFiles.TYPE, result.classifier(), result.file().toFile());
        }
    }

    /** Reads images through dev.factory.oci: from the registry when pushed, else exported from the engine. */
    private ImageFilesystemSource imageReader() {
        ImageFilesystems images = new ImageFilesystems(docker(), registries(), java.time.Duration.ofMinutes(10));
        return target -> images.open(target.image(), target.ref(), target.digest(), target.platform(), target.pushed());
    }
}
