package dev.factory.maven;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.io.ByteSize;
import dev.factory.io.Text;
import dev.factory.manifest.InputLimits;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryAccess;
import java.io.File;
import java.util.Map;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * What every goal shares: the skip flag, the output folder, and the mapping of the core's typed
 * failures onto Maven's two kinds (bad input fails the build; a broken environment is an error).
 */
public abstract class AbstractFactoryMojo extends AbstractMojo {

    /**
     * Skips every Factory goal; in an execution's configuration, that execution. Each goal also has a flag of its own,
     * {@code factory.<goal>.skip} ({@code factory:verify-image}: {@code factory.verify.skip}; {@code factory:publish}
     * follows {@code factory.bake.skip}), read as Maven reads a parameter's property: {@code -D} first, then system
     * properties, then the POM's {@code <properties>}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.skip", defaultValue = "false")
    protected boolean skip;

    /**
     * Where Factory writes its outputs: builds, bake file, reports, records.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.outputDirectory", defaultValue = "${project.build.directory}/factory", required = true)
    protected File outputDirectory;

    /**
     * The docker executable (a name on the PATH or a path). Every goal that talks to the engine uses it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.docker", defaultValue = "docker")
    protected String dockerExecutable;

    /**
     * Fail at the goal that found the problem. By default, when the build goes on to factory:report (the
     * packaging {@code factory}, or a project that binds report, run to verify or later), failed builds
     * and tests are recorded first and factory:report fails the build at the end with one summary.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.failFast", defaultValue = "false")
    protected boolean failFast;

    /**
     * Registries ({@code host[:port]}, comma-separated) reached over plain HTTP, by every goal that talks to a
     * registry (record, report, sbom, merge, repack); {@code localhost}, {@code 127.*} and {@code [::1]} always are.
     * A bare host covers all its ports.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.insecureRegistries")
    protected String insecureRegistries;

    /**
     * Act only on the builds of the manifest with this id (stitch: that manifest and its plans). Honoured by every goal
     * that works through builds: stitch, bake, publish, test, record, report, sign, merge and repack.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.manifestId")
    protected String manifestId;

    /**
     * Act only on this platform, such as {@code linux/arm64}, for CI jobs split by architecture (a last job runs
     * factory:merge): bake builds, test tests, record records and sign signs only its images (sign then leaves the
     * multi-arch index to the merging job).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.platform")
    protected String platform;

    /**
     * The records folder, one folder per manifest id: factory:record writes there, factory:report and factory:sign read
     * it, and passing records in it vouch for unchanged variants (stitch, bake, matrix). Point it at a folder you commit
     * (such as {@code control_plane/data/compatibility/records}) to keep the history, and reuse, across clones and
     * {@code mvn clean}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.records.directory", defaultValue = "${project.build.directory}/factory/records", required = true)
    protected File recordsDirectory;

    /**
     * Where report and reuse (stitch, bake, matrix) read records from: {@code local} (the records folder) or
     * {@code registry} (the records factory:record pushed as referrers of each build's images; needs builds.json from
     * factory:stitch).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.records.source", defaultValue = "local")
    protected String recordsSource;

    /**
     * The largest input file Factory reads (manifest, plan, fragment descriptor, template, test file, record), such as
     * {@code 1MiB}, {@code 512KB} or a number of bytes. A larger file is refused (a record: skipped) before it is read.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.maxInputSize", defaultValue = "1MiB")
    protected String maxInputSize;

    @Parameter(defaultValue = "${mojoExecution}", readonly = true)
    protected org.apache.maven.plugin.MojoExecution mojoExecution;

    /** Maven's own decrypter for settings.xml passwords ({@code {...}} with settings-security.xml). */
    protected final SettingsDecrypter settingsDecrypter;

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    /** Maven's components come in through the constructor (JSR-330), as maven-plugin-tools 3.15 asks instead of @Component. */
    protected AbstractFactoryMojo(SettingsDecrypter settingsDecrypter) {
        this.settingsDecrypter = settingsDecrypter;
    }

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        claimMainArtifact();
        String flag = skipFlag();
        String skippedBy = skip ? "factory.skip" : flagSet(flag) ? flag : skipGoal() ? skipReason() : null;
        if (skippedBy != null) {
            getLog().info("Skipping factory:" + goal() + " (" + skippedBy + ")");
            return;
        }
        try {
            run();
        } catch (BadInputException e) {
            // the message is complete; Maven would append the cause's own wording to it, so the cause goes to -X only
            getLog().debug(e);
            throw new MojoFailureException(e.getMessage());
        } catch (EnvironmentException e) {
            getLog().debug(e);
            throw new MojoExecutionException(e.getMessage());
        } catch (RuntimeException e) {
            // not a failure the core foresaw: a bug of Factory's. One line for the user, the stack trace with -X
            getLog().debug(e);
            throw new MojoExecutionException(bugMessage("factory:" + goal(), e));
        }
    }

    /**
     * The one-line message for an exception the core did not type: that it is a Factory bug, in which goal, what
     * it is, and the Factory method it came from (what Factory was doing).
     */
    static String bugMessage(String goal, Throwable e) {
        String what = e.getMessage() == null ? e.getClass().getSimpleName()
                : e.getClass().getSimpleName() + ": " + Text.firstLine(e.getMessage());
        String where = "";
        for (StackTraceElement frame : e.getStackTrace()) {
            if (frame.getClassName().startsWith("dev.factory.")) {
                String cls = frame.getClassName().substring(frame.getClassName().lastIndexOf('.') + 1);
                where = " in " + cls + "." + frame.getMethodName() + (frame.getFileName() == null ? ""
                        : " (" + frame.getFileName() + ":" + frame.getLineNumber() + ")");
                break;
            }
        }
        return "Factory bug: " + goal + " stopped on an unexpected " + what + where + ". Please report it with the "
                + "output of the same build run with -X, which shows the stack trace.";
    }

    /**
     * The registry clients of this build, the one way every goal reaches registries: credentials from Maven's
     * settings.xml servers (id = registry host[:port] or host) and then Docker's config, Maven's active proxies,
     * and {@code factory.insecureRegistries}. Resolved once per build and shared by all goals.
     */
    protected Registries registries() {
        return RegistrySettings.registries(session, settingsDecrypter, RegistryAccess.parseInsecure(insecureRegistries),
                System.getenv(), getLog());
    }

    /**
     * A project of packaging {@code factory} has no jar: its pom is its main artifact (SBOMs and records
     * are attached to it), so that install and deploy work as for packaging {@code pom}.
     */
    private void claimMainArtifact() {
        if ("factory".equals(project.getPackaging()) && project.getArtifact().getFile() == null
                && project.getFile() != null) {
            project.getArtifact().setFile(project.getFile());
        }
    }

    private static final java.util.Set<String> PHASES_FROM_VERIFY = java.util.Set.of("verify", "install", "deploy");
    private static final java.util.Set<String> PHASES_AFTER_VERIFY = java.util.Set.of("install", "deploy");

    /**
     * Whether a failing variant may wait for factory:report: only inside a lifecycle that reaches a
     * report of this project, never for a goal typed alone ({@code mvn factory:bake}) or with factory.failFast.
     */
    protected boolean failuresWaitForReport() {
        if (failFast || mojoExecution == null || "default-cli".equals(mojoExecution.getExecutionId())) {
            return false;
        }
        // a goal bound after verify (factory:publish at deploy) comes after the report: nothing is left to say it
        if (PHASES_AFTER_VERIFY.contains(mojoExecution.getLifecyclePhase())) {
            return false;
        }
        boolean reaches = session.getGoals().stream().anyMatch(PHASES_FROM_VERIFY::contains);
        boolean reportBound = "factory".equals(project.getPackaging()) || project.getBuildPlugins().stream()
                .filter(p -> "dev.factory".equals(p.getGroupId()) && "factory-maven-plugin".equals(p.getArtifactId()))
                .flatMap(p -> p.getExecutions().stream()).anyMatch(e -> e.getGoals().contains("report"));
        return reaches && reportBound && !skip && !verdictSkipped();
    }

    /**
     * Whether the flags skip record or report, which would leave a deferred failure unsaid: then it fails
     * where it happens. Read as Maven resolves a parameter's property: user, then system, then project properties.
     */
    private boolean verdictSkipped() {
        return java.util.stream.Stream.of("skipTests", "skipITs", "maven.test.skip", "factory.record.skip",
                "factory.report.skip").anyMatch(this::flagSet);
    }

    /** Whether a boolean property is true, read as Maven resolves a parameter's property. */
    protected boolean flagSet(String flag) {
        return flagSet(flag, session.getUserProperties(), session.getSystemProperties(), project.getProperties());
    }

    /** A flag's value from the first of user, system and project properties that has it (as {@code -Dflag} is "true"). */
    static boolean flagSet(String flag, java.util.Properties user, java.util.Properties system,
            java.util.Properties project) {
        for (java.util.Properties properties : java.util.List.of(user, system, project)) {
            String value = properties.getProperty(flag);
            if (value != null) {
                return Boolean.parseBoolean(value.trim());
            }
        }
        return false;
    }

    /** Logs a failure that factory:report will turn into the build's failure, once every variant is recorded. */
    protected void deferred(dev.factory.FactoryException e) {
        for (String line : e.getMessage().split("\n")) {
            getLog().error(line);
        }
        getLog().error(
                "Going on so that every variant is tested and recorded; factory:report fails the build at the end "
                        + "(-Dfactory.failFast stops here instead).");
    }

    /**
     * Docker CLIs of this Maven session, one per executable: the engine and builder probes they keep are asked once
     * per session, not once per goal (bake, test, sbom and record all need them).
     */
    private static final Map<MavenSession, Map<String, Docker>> SESSION_DOCKERS = new java.util.WeakHashMap<>();

    /** The docker CLI as configured by factory.docker, shared by the goals of this session. */
    protected Docker docker() {
        synchronized (SESSION_DOCKERS) {
            return SESSION_DOCKERS.computeIfAbsent(session, s -> new java.util.HashMap<>())
                    .computeIfAbsent(dockerExecutable, exe -> new Docker(exe, Map.of()));
        }
    }

    /** When this Maven build started (now, when Maven does not say): records made since are this build's own. */
    protected java.time.Instant buildStart() {
        java.util.Date start = session.getRequest().getStartTime();
        return start != null ? start.toInstant() : java.time.Instant.now();
    }

    protected long maxInputBytes() {
        return ByteSize.parse(maxInputSize, InputLimits.MAX_INPUT_SIZE);
    }

    /** This plugin's version, for the tool named in SBOMs and records. */
    protected String pluginVersion() {
        return mojoExecution.getMojoDescriptor().getPluginDescriptor().getVersion();
    }

    /** The goal's one call into the core. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    /** This goal's name, as typed after {@code factory:}. */
    protected String goal() {
        return mojoExecution.getGoal();
    }

    /** The property that skips this goal alone. */
    protected String skipFlag() {
        return "factory." + goal() + ".skip";
    }

    /** Whether this goal skips for a reason of its own (no signing key, no tests), on top of the flags. */
    protected boolean skipGoal() {
        return false;
    }

    /** What {@link #skipGoal} found, for the log. */
    protected String skipReason() {
        return null;
    }
}
