package dev.factory.maven;

import dev.factory.bake.ImageLabels;
import dev.factory.bake.Rebuild;
import dev.factory.record.RecordSource;
import dev.factory.reuse.RecordsFrom;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that decide what changed since the last records (stitch, bake, matrix): how the records are read, what forces
 * a rebuild, and the build arguments that are part of each variant's key.
 */
public abstract class AbstractReuseMojo extends AbstractFactoryMojo {

    protected AbstractReuseMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * Build and test again what passing records vouch for: {@code all}, or build ids separated by commas.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.rebuild")
    protected String rebuild;

    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    protected String outputTimestamp;

    protected RecordsFrom recordsFrom() {
        return new RecordsFrom(RecordSource.parse(recordsSource), recordsDirectory.toPath(),
                project.getBasedir().toPath(),
                outputDirectory.toPath(), maxInputBytes(), this::registries);
    }

    protected Rebuild rebuild() {
        return Rebuild.parse(rebuild);
    }

    /** The build arguments the project adds to every bake target, part of each variant's key. */
    protected Map<String, String> projectBuildArgs() {
        return ImageLabels.buildArgs(outputTimestamp);
    }
}
