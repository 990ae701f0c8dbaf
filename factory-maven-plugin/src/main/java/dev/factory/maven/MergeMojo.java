package dev.factory.maven;

import dev.factory.bake.Merger;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;

/**
 * Joins the per-platform images that per-architecture CI jobs pushed ({@code repo:tag-linux-amd64},
 * {@code repo:tag-linux-arm64}) into the multi-arch tags ({@code repo:tag}). Runs in a last job after
 * {@code factory:stitch}; reads only builds.json and the registry, and needs no Docker engine.
 */
@Mojo(name = "merge", threadSafe = true)
public class MergeMojo extends AbstractFactoryMojo {

    /**
     * Merge only the builds of this manifest.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.manifestId")
    private String manifestId;


    /**
     * Skips this goal.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.merge.skip", defaultValue = "false")
    private boolean skipMerge;

    @Override
    protected String goal() {
        return "merge";
    }

    @Override
    protected boolean skipGoal() {
        return skipMerge;
    }

    @Override
    protected void run() {
        Map<StitchedBuild, List<String>> builds = new LinkedHashMap<>();
        for (StitchedBuild b : BuildsFile.read(outputDirectory.toPath())) {
            if (manifestId == null || manifestId.isBlank() || b.manifestId().equals(manifestId)) {
                builds.put(b, b.platforms());
            }
        }
        // through Factory's registry client: settings.xml credentials, proxies and insecure registries apply
        Merger.joinAll(registries(), builds, getLog()::info);
    }
}
