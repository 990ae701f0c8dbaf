package dev.factory.maven;

import dev.factory.record.PushMode;
import dev.factory.record.RecordFiles;
import dev.factory.record.RecordRequest;
import dev.factory.record.Recorder;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProjectHelper;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes one compatibility record ({@code factory.record/v1}, see docs/records.md) per build and platform:
 * which manifest, variant and fragments, which image digest, whether its smoke tests passed, with the
 * evidence log, SBOM, tool versions, commit and CI run. Each is a new file under
 * {@code <records>/<manifest-id>/}, never overwriting one, and is attached with type {@code json} and
 * classifier {@code <build>-<os>-<arch>-record}. When the image was pushed, the record and the SBOM are
 * pushed too, as OCI referrers of the image.
 */
@Mojo(name = "record", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class RecordMojo extends AbstractTestedMojo {

    /** Attaches the files this goal writes to the project, so install and deploy ship them. */
    private final MavenProjectHelper projectHelper;

    @Inject
    public RecordMojo(SettingsDecrypter settingsDecrypter, MavenProjectHelper projectHelper) {
        super(settingsDecrypter);
        this.projectHelper = projectHelper;
    }

    /**
     * Whether records (and the SBOMs they name) are pushed to the registry as OCI referrers of their image:
     * {@code auto} when the image was pushed ({@code factory.push}), {@code true} always (an image missing
     * from its registry is then an error), {@code false} never.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.record.push", defaultValue = "auto")
    private String push;

    /** Without tests there is nothing to record: a record is a claim about tests (see docs/records.md). */
    @Override
    protected boolean skipGoal() {
        return testsSkippedBy() != null;
    }

    @Override
    protected String skipReason() {
        return testsSkippedBy() + ": nothing was tested";
    }

    @Override
    protected void run() {
        RecordRequest request = RecordRequest.of(project.getBasedir().toPath(), outputDirectory.toPath(),
                recordsDirectory.toPath(), manifestId, platform, PushMode.parse(push), pluginVersion(), docker(),
                this::registries, getLog()::info, getLog()::warn,
                written -> projectHelper.attachArtifact(project, RecordFiles.TYPE, written.classifier(),
                        written.file().toFile()),
                maxInputBytes());
        new Recorder().record(request);
    }
}
