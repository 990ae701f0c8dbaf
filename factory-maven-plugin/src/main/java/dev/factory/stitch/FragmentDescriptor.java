package dev.factory.stitch;

import dev.factory.manifest.Fields;
import dev.factory.manifest.Slot;
import dev.factory.manifest.YamlNode;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * A fragment's {@code fragment.yaml}: what it is, which slot it fills, its version, and its parameters.
 *
 * @param requires constraints on parameters by base image (e.g. only JRE 17 on Debian 12)
 * @param context paths (Velocity templates) the fragment COPYs from the project; they are let through
 *     the generated {@code Dockerfile.dockerignore}
 */
public record FragmentDescriptor(
        String name,
        Slot slot,
        String version,
        String description,
        Map<String, Parameter> parameters,
        List<Requirement> requires,
        List<String> context,
        String example) {

    public static final Set<String> KEYS = Fields.keys("name", "slot", "version", "description", "parameters",
            "requires", "context", "example");
    public static final Set<String> PARAMETER_KEYS = Fields.keys("description", "default", "required", "allowed");
    public static final Set<String> REQUIREMENT_KEYS = Fields.keys("when", "allow", "reason");

    /** @param defaultValue null when there is no default */
    public record Parameter(String name, String description, Object defaultValue, boolean required, List<String> allowed) {}

    /** When the base matches {@code baseGlob}, each named parameter must take one of the listed values. */
    public record Requirement(String baseGlob, Map<String, List<String>> allow, String reason) {}

    static FragmentDescriptor parse(YamlNode root, Slot dirSlot, String dirName) {
        Fields f = Fields.of(root, "fragment descriptor", KEYS, "name", "slot", "version", "description");
        String name = f.string("name");
        if (!name.equals(dirName)) {
            throw Fields.error(f.raw("name"), "the descriptor names '" + name + "' but lives in the folder '" + dirName + "'",
                    "Make 'name' equal to the folder name.");
        }
        Slot slot = Slot.parse(f.string("slot"));
        if (slot != dirSlot) {
            throw Fields.error(f.raw("slot"), "slot '" + f.string("slot") + "' differs from the folder's slot '" + dirSlot.id() + "'",
                    "Move the fragment to fragments/<slot>/" + name + "/ or correct 'slot'.");
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        YamlNode params = f.raw("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isMap()) {
                throw Fields.error(params, "'parameters' must map parameter names to their description", "See docs/fragments.md.");
            }
            for (Map.Entry<String, YamlNode> e : params.entries().entrySet()) {
                Fields p = Fields.of(e.getValue(), "parameter '" + e.getKey() + "'", PARAMETER_KEYS, "description");
                YamlNode def = p.raw("default");
                boolean required = Boolean.parseBoolean(p.string("required", "false"));
                parameters.put(e.getKey(), new Parameter(e.getKey(), p.string("description"),
                        def == null ? null : def.toPlain(), required, p.strings("allowed", List.of())));
            }
        }
        List<Requirement> requires = new java.util.ArrayList<>();
        YamlNode req = f.raw("requires");
        if (req != null && !req.isNull()) {
            for (YamlNode item : req.items()) {
                Fields r = Fields.of(item, "requirement", REQUIREMENT_KEYS, "when", "allow", "reason");
                Fields when = Fields.of(r.raw("when"), "requirement condition", Fields.keys("base"), "base");
                Map<String, List<String>> allow = new LinkedHashMap<>();
                Fields a = Fields.of(r.raw("allow"), "allowed values", parameters.keySet());
                for (String p : r.raw("allow").entries().keySet()) {
                    allow.put(p, a.strings(p, List.of()));
                }
                requires.add(new Requirement(when.string("base"), allow, r.string("reason")));
            }
        }
        return new FragmentDescriptor(name, slot, f.string("version"), f.string("description"), parameters, requires,
                f.strings("context", List.of()), f.string("example"));
    }
}
