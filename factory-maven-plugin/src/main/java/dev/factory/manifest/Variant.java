package dev.factory.manifest;

import java.util.List;
import java.util.Map;

/**
 * One buildable combination: a manifest with the axis values of one plan row applied.
 *
 * @param build the filesystem- and tag-safe id, stable across runs
 * @param values axis key to value, in axis order (empty for a manifest's own default build)
 * @param axes the plan's axes (for error positions), empty without a plan
 */
public record Variant(
        String build,
        Manifest manifest,
        Plan plan,
        Map<String, String> values,
        String base,
        Map<Slot, FragmentRef> fragments,
        List<String> platforms,
        String pool,
        Map<String, Plan.Axis> axes) {

    /** The tag that tells variants apart: the axis values joined, or {@code latest} for a manifest alone. */
    public String tag() {
        return values.isEmpty() ? "latest" : build.substring(manifest.id().length() + 1);
    }
}
