package dev.factory.stitch;

import dev.factory.BadInputException;
import dev.factory.io.Text;
import dev.factory.manifest.Nearest;
import java.nio.file.Path;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code factory.manifestId} as every goal after stitch reads it (bake, test, record, report, sign, merge, repack): all
 * builds of builds.json, or those of one manifest. One rule, so that the goals of one run agree on what they work on, and
 * one message when the manifest named has no stitched build.
 *
 * @param manifestId the manifest's id, or null for every build (blank counts as null)
 */
public record BuildSelector(String manifestId) {

    public BuildSelector {
        manifestId = Text.blankToNull(manifestId);
    }

    /** Whether {@code build} is selected. */
    public boolean matches(StitchedBuild build) {
        return manifestId == null || manifestId.equals(build.manifestId());
    }

    /** The selected builds of the last stitch (builds.json in {@code outputDir}). */
    public List<StitchedBuild> read(Path outputDir) {
        return select(BuildsFile.read(outputDir), outputDir.resolve(BuildsFile.NAME));
    }

    /**
     * The selected builds of {@code builds}, read from {@code file}; a manifest named that none of them belongs to is an
     * input error naming the file, the manifests it has, and the nearest id.
     */
    public List<StitchedBuild> select(List<StitchedBuild> builds, Path file) {
        if (manifestId == null) {
            return builds;
        }
        List<StitchedBuild> chosen = builds.stream().filter(this::matches).toList();
        if (chosen.isEmpty()) {
            Set<String> ids = new LinkedHashSet<>();
            builds.forEach(b -> ids.add(b.manifestId()));
            throw new BadInputException("factory.manifestId=" + manifestId + ": " + file
                    + " has no build of that manifest"
                    + Nearest.hint(manifestId, ids) + (ids.isEmpty() ? "; it lists no build" : "; its manifests: "
                            + String.join(", ", ids))
                    + ". Run factory:stitch first, without factory.manifestId or with the same one.");
        }
        return chosen;
    }
}
