package dev.factory.maven;

import dev.factory.record.RecordSource;
import dev.factory.report.ReportRequest;
import dev.factory.report.Reporter;
import java.io.File;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

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

    /**
     * Fail when a record made in this Maven session is not a pass: the end of the build that bake and
     * test deferred their failures to. Older records only show in the matrix.
     */
    private void failOnThisBuildsFailures(Reporter.Report report) {
        java.time.Instant started = session.getRequest().getStartTime().toInstant().truncatedTo(java.time.temporal.ChronoUnit.SECONDS);
        java.util.List<String> failed = Reporter.failuresSince(report.matrix(), started);
        if (!failed.isEmpty()) {
            throw new dev.factory.BadInputException(failed.size() + " variant(s) of this build did not pass (records in "
                    + recordsDirectory + "; matrix in " + report.markdown() + "):\n" + String.join("\n", failed));
        }
    }

    /** The end of a Factory build says where its products are. */
    private void whereToLook(Reporter.Report report) {
        java.nio.file.Path base = project.getBasedir().toPath();
        java.util.function.Function<java.nio.file.Path, String> rel = this::display;
        java.nio.file.Path out = outputDirectory.toPath();
        getLog().info("Where to look:");
        try {
            for (var build : dev.factory.stitch.BuildsFile.read(out)) {
                java.nio.file.Path dir = out.resolve("builds").resolve(build.build());
                if (java.nio.file.Files.isRegularFile(dir.resolve(dev.factory.bake.ImageJson.FILE))) {
                    var image = dev.factory.bake.ImageJson.read(dir, build.build());
                    for (var p : image.platforms()) {
                        getLog().info(String.format("  image    %-14s %s%s", p.platform(), p.ref(), p.built() ? "" : "  (not built)"));
                    }
                }
            }
        } catch (dev.factory.BadInputException e) {
            getLog().info("  images   (none: no builds.json or image.json; run factory:stitch and factory:bake)");
        }
        getLog().info("  builds   " + rel.apply(out.resolve("builds")) + "/<build>/: Dockerfile, image.json, evidence.log, smoke-report.xml, sbom*.cdx.json");
        getLog().info("  reports  " + rel.apply(base.resolve("target/failsafe-reports")) + "/TEST-factory.*.xml");
        getLog().info("  records  " + rel.apply(recordsDirectory.toPath()));
        getLog().info("  matrix   " + rel.apply(report.markdown()) + ", " + rel.apply(report.html()));
    }

    @Override
    protected void run() {
        RecordSource from = RecordSource.parse(source);
        String skippedBy = testsSkippedBy();
        if (skippedBy != null) {
            // nothing was tested, so nothing was recorded: the matrix can still show earlier runs, but fails nothing
            if (from == RecordSource.LOCAL && !recordsDirectory.isDirectory()) {
                getLog().info("Skipping factory:report (" + skippedBy + ": nothing was tested, and there are no records of "
                        + "earlier runs in " + display(recordsDirectory.toPath()) + ")");
                return;
            }
            getLog().info("Nothing was tested (" + skippedBy + "): the matrix shows the records of earlier runs, and fails "
                    + "nothing");
        }
        ReportRequest request = ReportRequest.of(project.getBasedir().toPath(), outputDirectory.toPath(),
                from, recordsDirectory.toPath(), manifestId, this::registries, getLog()::info, getLog()::warn,
                dev.factory.repack.ByteSize.parse(maxInputSize, dev.factory.manifest.InputLimits.MAX_INPUT_SIZE));
        Reporter.Report report = new Reporter().report(request);
        whereToLook(report);
        if (skippedBy == null) {
            failOnThisBuildsFailures(report);
        }
    }

    private String display(java.nio.file.Path file) {
        return dev.factory.io.ProjectPaths.display(project.getBasedir().toPath(), file);
    }
}
