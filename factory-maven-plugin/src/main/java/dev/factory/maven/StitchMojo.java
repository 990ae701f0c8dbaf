package dev.factory.maven;

import dev.factory.manifest.InputLimits;
import dev.factory.stitch.BaseDigests;
import dev.factory.stitch.StitchRequest;
import java.io.File;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Renders every manifest (and every variant of its plans) into a Dockerfile, its dockerignore and a
 * stitch.json fingerprint under {@code target/factory/builds/<build>/}, plus {@code target/factory/builds.json}.
 */
@Mojo(name = "stitch", defaultPhase = LifecyclePhase.GENERATE_RESOURCES, threadSafe = true)
public class StitchMojo extends AbstractReuseMojo {

    @Inject
    public StitchMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }

    /**
     * The folder with the project's manifests ({@code *.yaml}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.manifests", defaultValue = "${project.basedir}/src/main/factory/manifests")
    private File manifests;

    /**
     * The folder with the project's test plans ({@code *.yaml}); optional.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.plans", defaultValue = "${project.basedir}/src/main/factory/plans")
    private File plans;

    /**
     * The project's own fragments and templates ({@code fragments/<slot>/<name>/}, {@code templates/<name>/});
     * they are looked up before the fragment libraries on the plugin's classpath.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sources", defaultValue = "${project.basedir}/src/main/factory")
    private File sources;

    /**
     * Stitch only the variant with this build id (the {@code build} of a {@code factory:matrix} entry), so that
     * a CI job per variant and platform builds, tests and records only its own: the later goals read builds.json.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.build")
    private String build;

    /**
     * A registry prefix for public base images, such as {@code localhost:5000/lab}: {@code debian:bookworm-slim}
     * becomes {@code localhost:5000/lab/debian:bookworm-slim}. For air-gapped builds and the lab.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.mirror")
    private String mirror;

    /**
     * The most variants this project's manifests and plans may expand to. Plans are counted before anything is
     * expanded, so a plan whose axes multiply to millions fails at once, naming the plan and its count.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.maxVariants", defaultValue = "1000")
    private int maxVariants;

    /**
     * Write {@code FROM ref@digest}: each base is pinned to the digest its reference resolved to when stitched (the
     * index digest of a multi-platform base), so the build takes exactly that image until the next stitch.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.base.pin", defaultValue = "false")
    private boolean pinBases;

    /**
     * How long stitch waits for the bases' digests (all registries together): {@code 10s}, {@code 1m}. A base that does
     * not answer in time has no digest: said once, and its variants are not reused from earlier records.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.base.timeout", defaultValue = "10s")
    private String baseTimeout;

    /**
     * After stitching, list every cell (variant and platform) with what changed since the last records and why
     * (fragment, base, manifest, plan or build arguments), or which passing record vouches for it.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.explain", defaultValue = "false")
    private boolean explain;

    @Override
    protected void run() {
        java.time.Duration timeout = dev.factory.smoke.Durations.parse(baseTimeout);
        if (timeout == null || timeout.isZero()) {
            throw new dev.factory.BadInputException(
                    "factory.base.timeout is '" + baseTimeout + "', not a duration. Write it as "
                            + "10s, 1m or 30 (seconds).");
        }
        StitchRequest request = new StitchRequest(project.getBasedir().toPath(), sources.toPath(), manifests.toPath(),
                plans.toPath(), outputDirectory.toPath(), manifestId, build, mirror, projectFacts(),
                getClass().getClassLoader(),
                getLog()::info, new InputLimits(maxInputBytes(), maxVariants),
                new BaseDigests(this::registries, docker(), timeout), pinBases, getLog()::warn);
        dev.factory.reuse.ChangeListing.Request changes = new dev.factory.reuse.ChangeListing.Request(recordsFrom(),
                outputDirectory.toPath(), projectBuildArgs(), rebuild(), explain, getLog()::info, getLog()::warn);
        dev.factory.reuse.ChangeListing.stitch(request, changes);
    }

    /** {@code $project} in fragments: coordinates and properties (user properties win, as in Maven). */
    private Map<String, Object> projectFacts() {
        Map<String, Object> facts = new LinkedHashMap<>();
        facts.put("groupId", project.getGroupId());
        facts.put("artifactId", project.getArtifactId());
        facts.put("version", project.getVersion());
        facts.put("name", project.getName() == null ? project.getArtifactId() : project.getName());
        facts.put("finalName", project.getBuild().getFinalName());
        Map<String, String> properties = new TreeMap<>();
        project.getProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        session.getUserProperties().forEach((k, v) -> properties.put(String.valueOf(k), String.valueOf(v)));
        facts.put("properties", properties);
        return facts;
    }
}
