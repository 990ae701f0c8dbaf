package dev.factory.maven;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import java.util.Map;
import java.io.File;
import org.apache.maven.execution.MavenSession;
import org.apache.maven.plugin.AbstractMojo;
import org.apache.maven.plugin.MojoExecutionException;
import org.apache.maven.plugin.MojoFailureException;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.project.MavenProject;

/**
 * What every goal shares: the skip flag, the output folder, and the mapping of the core's typed
 * failures onto Maven's two kinds (bad input fails the build; a broken environment is an error).
 */
public abstract class AbstractFactoryMojo extends AbstractMojo {

    /**
     * Skips every Factory goal.
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

    @Parameter(defaultValue = "${project}", readonly = true, required = true)
    protected MavenProject project;

    @Parameter(defaultValue = "${session}", readonly = true, required = true)
    protected MavenSession session;

    @Override
    public final void execute() throws MojoExecutionException, MojoFailureException {
        claimMainArtifact();
        if (skip || skipGoal()) {
            getLog().info("Skipping factory:" + goal() + " (" + skipReason() + ")");
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
        }
    }

    /**
     * A project of packaging {@code factory} has no jar: its pom is its main artifact (SBOMs and records
     * are attached to it), so that install and deploy work as for packaging {@code pom}.
     */
    private void claimMainArtifact() {
        if ("factory".equals(project.getPackaging()) && project.getArtifact().getFile() == null && project.getFile() != null) {
            project.getArtifact().setFile(project.getFile());
        }
    }

    /** The docker CLI as configured by factory.docker. */
    protected Docker docker() {
        return new Docker(dockerExecutable, Map.of());
    }

    /** The goal's one call into the core. */
    protected abstract void run() throws MojoExecutionException, MojoFailureException;

    protected abstract String goal();

    /** A goal's own skip flag, on top of factory.skip. */
    protected boolean skipGoal() {
        return false;
    }

    protected String skipReason() {
        return skip ? "factory.skip" : "factory." + goal() + ".skip";
    }
}
