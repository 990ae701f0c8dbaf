package dev.factory.maven;

import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that run smoke tests or act on their results (test, record, report). They honour the flags
 * that skip Surefire and Failsafe, so that {@code -DskipITs} skips the tests and what would be said about them.
 */
public abstract class AbstractTestedMojo extends AbstractFactoryMojo {

    protected AbstractTestedMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Skips all tests, as for Surefire and Failsafe.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipTests", defaultValue = "false")
    protected boolean skipTests;

    /**
     * Skips integration tests, as for Failsafe; image smoke tests are integration tests.
     *
     * @since 0.1.0
     */
    @Parameter(property = "skipITs", defaultValue = "false")
    protected boolean skipITs;

    /**
     * Skips compiling and running tests, as for Surefire and Failsafe.
     *
     * @since 0.1.0
     */
    @Parameter(property = "maven.test.skip", defaultValue = "false")
    protected boolean mavenTestSkip;

    /** The flag that skips the smoke tests, or null when they run. */
    protected String testsSkippedBy() {
        return skipTests ? "skipTests" : skipITs ? "skipITs" : mavenTestSkip ? "maven.test.skip" : null;
    }
}
