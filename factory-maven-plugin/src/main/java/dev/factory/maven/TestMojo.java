package dev.factory.maven;

import dev.factory.BadInputException;
import dev.factory.io.Text;
import dev.factory.manifest.InputLimits;
import dev.factory.smoke.Durations;
import dev.factory.smoke.SmokeRunner;
import dev.factory.smoke.TestRequest;
import java.io.File;
import java.time.Duration;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Smoke-tests every baked image on each of its platforms: its fragments' tests, its manifest's
 * {@code tests:} and its plan's (container-structure-test kinds plus service tests; see docs/tests.md).
 * Writes {@code builds/<build>/smoke-report.xml} (JUnit), {@code evidence.log} and {@code smoke.json},
 * and a Surefire-style {@code TEST-factory.<build>.<os>-<arch>.xml} per platform into the Failsafe
 * reports folder, where CI test reporters look. Fails after all builds were tested.
 */
@Mojo(name = "test", defaultPhase = LifecyclePhase.INTEGRATION_TEST, threadSafe = true)
public class TestMojo extends AbstractTestedMojo {

    @Inject
    public TestMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Reports failed tests (and images that were not built) but lets the build go on.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.failureIgnore", defaultValue = "false")
    private boolean failureIgnore;

    /**
     * How many builds are tested at once (each build's platforms run one after the other).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.parallel", defaultValue = "2")
    private int parallel;

    /**
     * A test's timeout when its spec sets none: {@code 60s}, {@code 2m}, {@code 90} (seconds).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.timeout", defaultValue = "60s")
    private String timeout;

    /**
     * Timeouts are multiplied by this on platforms the engine runs through emulation (arm64 through QEMU
     * on an amd64 engine), which are several times slower.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.emulationFactor", defaultValue = "3")
    private double emulationFactor;

    /**
     * Bytes of stdout and of stderr kept per command in evidence.log and the JUnit reports.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.outputLimit", defaultValue = "4096")
    private int outputLimit;

    /**
     * Appended to each platform's image reference from image.json, to test another tag of the same
     * builds, such as {@code -repacked} for the images factory:repack made.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.tagSuffix")
    private String tagSuffix;

    /**
     * Where a Surefire-style {@code TEST-factory.<build>.<os>-<arch>.xml} per build and platform is written,
     * so CI test reporters that read Failsafe reports pick the smoke tests up. Empty for none.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.test.reportsDirectory", defaultValue = "${project.build.directory}/failsafe-reports")
    private File reportsDirectory;

    /**
     * The project's own fragments (their tests.yaml are looked up there before the fragment libraries).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sources", defaultValue = "${project.basedir}/src/main/factory")
    private File sources;

    @Override
    protected boolean skipGoal() {
        return testsSkippedBy() != null;
    }

    @Override
    protected String skipReason() {
        return testsSkippedBy();
    }

    @Override
    protected void run() {
        Duration defaultTimeout = Durations.parse(timeout);
        if (defaultTimeout == null || defaultTimeout.isZero()) {
            throw new BadInputException(
                    "factory.test.timeout is '" + timeout + "', not a duration. Write it as 60s, 2m or 90 "
                            + "(seconds).");
        }
        if (parallel < 1) {
            throw new BadInputException("factory.test.parallel is " + parallel + "; it must be 1 or more.");
        }
        if (outputLimit < 0) {
            throw new BadInputException(
                    "factory.test.outputLimit is " + outputLimit + "; it must be 0 or more (bytes).");
        }
        if (emulationFactor < 1) {
            throw new BadInputException(
                    "factory.test.emulationFactor is " + emulationFactor + "; it must be 1 or more.");
        }
        String reports = reportsDirectory == null ? "" : reportsDirectory.getPath().trim();
        TestRequest request = new TestRequest(project.getBasedir().toPath(), sources.toPath(), outputDirectory.toPath(),
                reports.isEmpty() ? null : reportsDirectory.toPath(), getClass().getClassLoader(), manifestId, platform,
                Text.blankToNull(tagSuffix), parallel, defaultTimeout, outputLimit,
                emulationFactor, failureIgnore, docker(), getLog()::info, getLog()::warn,
                new InputLimits(maxInputBytes(), InputLimits.DEFAULT_MAX_VARIANTS));
        try {
            new SmokeRunner().run(request);
        } catch (dev.factory.smoke.TestFailuresException e) {
            if (!failuresWaitForReport()) {
                throw e;
            }
            deferred(e);
        }
    }
}
