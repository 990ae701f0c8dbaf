package dev.factory.maven;

import dev.factory.record.RecordSource;
import dev.factory.report.BuildConclusion;
import dev.factory.report.ReportRequest;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
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

    @Override
    protected void run() {
        ReportRequest request = ReportRequest.of(project.getBasedir().toPath(), outputDirectory.toPath(),
                RecordSource.parse(recordsSource), recordsDirectory.toPath(), manifestId, this::registries,
                getLog()::info,
                getLog()::warn, maxInputBytes());
        BuildConclusion.conclude(request, testsSkippedBy(), buildStart());
    }
}
