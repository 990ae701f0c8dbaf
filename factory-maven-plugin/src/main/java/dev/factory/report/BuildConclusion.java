package dev.factory.report;

import dev.factory.BadInputException;
import dev.factory.bake.ImageJson;
import dev.factory.io.ProjectPaths;
import dev.factory.record.RecordSource;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;

/**
 * factory:report at the end of a build: the matrix, where the build's products are, and the verdict. bake and test defer
 * their failures to this point, so a record made by this build that is not a pass fails it here, with one line per
 * variant; records of earlier runs only show in the matrix.
 */
public final class BuildConclusion {
    private BuildConclusion() {}

    /**
     * Reports and judges.
     *
     * @param testsSkippedBy the flag that skipped this build's tests (skipTests, skipITs, ...), or null when they ran:
     *     nothing was tested, so nothing was recorded and nothing fails
     * @param buildStart when this build started; the records made since are its own
     * @return the report, empty when there was nothing to report (no tests and no earlier records)
     * @throws BadInputException when a variant of this build did not pass
     */
    public static Optional<Reporter.Report> conclude(ReportRequest request, String testsSkippedBy, Instant buildStart) {
        if (testsSkippedBy != null) {
            if (request.source() == RecordSource.LOCAL && !Files.isDirectory(request.recordsDir())) {
                request.info()
                        .accept("Skipping factory:report (" + testsSkippedBy + ": nothing was tested, and there are no "
                                + "records of earlier runs in " + display(request, request.recordsDir()) + ")");
                return Optional.empty();
            }
            request.info()
                    .accept("Nothing was tested (" + testsSkippedBy
                            + "): the matrix shows the records of earlier runs, "
                            + "and fails nothing");
        }
        Reporter.Report report = new Reporter().report(request);
        whereToLook(request, report);
        if (testsSkippedBy == null) {
            List<String> failed = Reporter.failuresSince(report.matrix(), buildStart.truncatedTo(ChronoUnit.SECONDS));
            if (!failed.isEmpty()) {
                throw new BadInputException(failed.size() + " variant(s) of this build did not pass (records in "
                        + request.recordsDir() + "; matrix in " + report.markdown() + "):\n"
                        + String.join("\n", failed));
            }
        }
        return Optional.of(report);
    }

    /** The end of a Factory build says where its products are. */
    private static void whereToLook(ReportRequest request, Reporter.Report report) {
        Path out = request.outputDir();
        request.info().accept("Where to look:");
        try {
            for (StitchedBuild build : BuildsFile.read(out)) {
                Path dir = out.resolve("builds").resolve(build.build());
                if (Files.isRegularFile(dir.resolve(ImageJson.FILE))) {
                    for (var p : ImageJson.read(dir, build.build()).platforms()) {
                        request.info().accept(String.format("  image    %-14s %s%s", p.platform(), p.ref(),
                                p.built() ? "" : "  (not built)"));
                    }
                }
            }
        } catch (BadInputException e) {
            request.info()
                    .accept("  images   (none: no builds.json or image.json; run factory:stitch and factory:bake)");
        }
        request.info().accept("  builds   " + display(request, out.resolve("builds"))
                + "/<build>/: Dockerfile, image.json, evidence.log, smoke-report.xml, sbom*.cdx.json");
        request.info().accept("  reports  " + display(request, request.projectDir().resolve("target/failsafe-reports"))
                + "/TEST-factory.*.xml");
        request.info().accept("  records  " + display(request, request.recordsDir()));
        request.info()
                .accept("  matrix   " + display(request, report.markdown()) + ", " + display(request, report.html()));
    }

    private static String display(ReportRequest request, Path file) {
        return ProjectPaths.display(request.projectDir(), file);
    }
}
