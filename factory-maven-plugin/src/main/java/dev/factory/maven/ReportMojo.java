package dev.factory.maven;

import dev.factory.manifest.InputLimits;
import dev.factory.record.RecordSource;
import dev.factory.io.ByteSize;
import dev.factory.report.BuildConclusion;
import dev.factory.report.ReportRequest;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Writes the compatibility matrix from the records: {@code compatibility.md} and {@code compatibility.html}
 * in Factory's output folder, one table per manifest (rows = variants by axis values, columns = platforms,
 * cells = the newest status with its date, image digest and evidence). A file in the records folder that
 * is not a valid record is named in a warning and skipped. In GitHub Actions the Markdown is appended to
 * the step summary and each failing variant gets an {@code ::error} annotation (printed on stdout, where
 * the runner reads workflow commands).
 */
@Mojo(name = "report", defaultPhase = LifecyclePhase.VERIFY, threadSafe = true)
public class ReportMojo extends AbstractTestedMojo {

    @Inject
    public ReportMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * The records folder read with {@code factory.records.source=local} (all {@code *.json} below it).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.records.directory", defaultValue = "${project.build.directory}/factory/records",
            required = true)
    private File recordsDirectory;

    /**
     * Where the records come from: {@code local} (the records folder) or {@code registry} (the records
     * factory:record pushed as referrers of each build's images; needs builds.json from factory:stitch).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.records.source", defaultValue = "local")
    private String source;

    /**
     * Report only the manifest with this id.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.manifestId")
    private String manifestId;

    /**
     * The largest record read back (earlier records, records in the registry), such as {@code 1MiB} or a number of
     * bytes; a larger one is skipped unread.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.maxInputSize", defaultValue = "1MiB")
    private String maxInputSize;

    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.report.skip", defaultValue = "false")
    private boolean skipReport;

    @Override
    protected String goal() {
        return "report";
    }

    @Override
    protected boolean skipGoal() {
        return skipReport;
    }

    @Override
    protected void run() {
        ReportRequest request = ReportRequest.of(project.getBasedir().toPath(), outputDirectory.toPath(),
                RecordSource.parse(source), recordsDirectory.toPath(), manifestId, this::registries, getLog()::info,
                getLog()::warn, ByteSize.parse(maxInputSize, InputLimits.MAX_INPUT_SIZE));
        BuildConclusion.conclude(request, testsSkippedBy(), buildStart());
    }
}
