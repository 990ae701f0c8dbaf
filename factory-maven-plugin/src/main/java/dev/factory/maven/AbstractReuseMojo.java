package dev.factory.maven;

import dev.factory.bake.ImageLabels;
import dev.factory.bake.Rebuild;
import dev.factory.manifest.InputLimits;
import dev.factory.record.RecordSource;
import dev.factory.io.ByteSize;
import dev.factory.reuse.RecordsFrom;
import java.io.File;
import java.util.Map;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The goals that decide what changed since the last records (stitch, bake, matrix): where the records are, what forces
 * a rebuild, and the build arguments that are part of each variant's key.
 */
public abstract class AbstractReuseMojo extends AbstractFactoryMojo {

    protected AbstractReuseMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * The records folder (factory:record writes there): passing records in it vouch for unchanged variants. Point it at
     * a folder you commit to keep reuse across clones and {@code mvn clean}.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.records.directory", defaultValue = "${project.build.directory}/factory/records",
            required = true)
    protected File recordsDirectory;

    /**
     * Where the records that vouch for unchanged variants come from: {@code local} (the records folder) or
     * {@code registry} (the records factory:record pushed as referrers of each build's images).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.records.source", defaultValue = "local")
    protected String recordsSource;

    /**
     * Build and test again what passing records vouch for: {@code all}, or build ids separated by commas.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.rebuild")
    protected String rebuild;

    /**
     * The largest input file Factory reads (manifest, plan, fragment descriptor, template, test file, record), such as
     * {@code 1MiB}, {@code 512KB} or a number of bytes. A larger file is refused (a record: skipped) before it is read.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.maxInputSize", defaultValue = "1MiB")
    protected String maxInputSize;

    @Parameter(defaultValue = "${project.build.outputTimestamp}", readonly = true)
    protected String outputTimestamp;

    protected RecordsFrom recordsFrom() {
        return new RecordsFrom(RecordSource.parse(recordsSource), recordsDirectory.toPath(), project.getBasedir().toPath(),
                outputDirectory.toPath(), maxInputBytes(), this::registries);
    }

    protected long maxInputBytes() {
        return ByteSize.parse(maxInputSize, InputLimits.MAX_INPUT_SIZE);
    }

    protected Rebuild rebuild() {
        return Rebuild.parse(rebuild);
    }

    /** The build arguments the project adds to every bake target, part of each variant's key. */
    protected Map<String, String> projectBuildArgs() {
        return ImageLabels.buildArgs(outputTimestamp);
    }
}
