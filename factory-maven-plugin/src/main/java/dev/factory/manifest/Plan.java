package dev.factory.manifest;

import java.nio.file.Path;
import java.util.List;
import java.util.Map;

/**
 * A test plan over one manifest: axes whose combinations are the variants, minus {@code exclude},
 * plus {@code include}. Axis keys are {@code base}, a slot ({@code core}: fragment choices) or
 * {@code slot.param} ({@code core.version}: parameter values).
 */
public record Plan(
        String id,
        String manifest,
        String description,
        Map<String, Axis> axes,
        List<Map<String, String>> exclude,
        List<Map<String, String>> include,
        List<String> platforms,
        String pool,
        YamlNode tests,
        Path file,
        String displayFile,
        String sha256,
        YamlNode root) {

    public enum AxisKind {
        BASE, FRAGMENT, PARAM
    }

    /** One axis: where it points and its values in the order written. */
    public record Axis(String key, AxisKind kind, Slot slot, String param, List<String> values, YamlNode at) {}
}
