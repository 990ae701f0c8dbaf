package dev.factory.stitch;

import dev.factory.manifest.ControlCharacters;
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
    public static final Set<String> PARAMETER_KEYS = Fields.keys("description", "default", "required", "allowed",
            "pattern",
            "multiline");
    /** Free text, and defaults (checked below, knowing whether their parameter may span lines). */
    private static final java.util.regex.Pattern UNCHECKED = java.util.regex.Pattern.compile(
            "description|example|parameters\\.[^.]+\\.(description|default)");
    public static final Set<String> REQUIREMENT_KEYS = Fields.keys("when", "allow", "reason");

    /**
     * @param defaultValue null when there is no default
     * @param multiline whether values may span lines: the fragment then places them with {@code $heredoc}
     *                  (a line break anywhere else would start a new Dockerfile instruction)
     * @param pattern a regular expression (RE2) every value must match as a whole, or null: a fragment that places a
     *                value where quoting cannot help (a HEALTHCHECK option, a port) lets only the expected shape through
     * @param at where the parameter is declared, for errors about its default
     */
    public record Parameter(String name, String description, Object defaultValue, boolean required,
            List<String> allowed,
            com.google.re2j.Pattern pattern, boolean multiline, YamlNode at) {}

    /** When the base matches {@code baseGlob}, each named parameter must take one of the listed values. */
    public record Requirement(String baseGlob, Map<String, List<String>> allow, String reason) {}

    static FragmentDescriptor parse(YamlNode root, Slot dirSlot, String dirName) {
        ControlCharacters.checkTree(root, p -> UNCHECKED.matcher(p).matches(), "fragment descriptor");
        Fields f = Fields.of(root, "fragment descriptor", KEYS, "name", "slot", "version", "description");
        String name = f.string("name");
        if (!name.equals(dirName)) {
            throw Fields.error(f.raw("name"),
                    "the descriptor names '" + name + "' but lives in the folder '" + dirName + "'",
                    "Make 'name' equal to the folder name.");
        }
        Slot slot = Slot.parse(f.string("slot"));
        if (slot != dirSlot) {
            throw Fields.error(f.raw("slot"),
                    "slot '" + f.string("slot") + "' differs from the folder's slot '" + dirSlot.id() + "'",
                    "Move the fragment to fragments/<slot>/" + name + "/ or correct 'slot'.");
        }
        Map<String, Parameter> parameters = new LinkedHashMap<>();
        YamlNode params = f.raw("parameters");
        if (params != null && !params.isNull()) {
            if (!params.isMap()) {
                throw Fields.error(params, "'parameters' must map parameter names to their description",
                        "See docs/fragments.md.");
            }
            for (Map.Entry<String, YamlNode> e : params.entries().entrySet()) {
                Fields p = Fields.of(e.getValue(), "parameter '" + e.getKey() + "'", PARAMETER_KEYS, "description");
                YamlNode def = p.raw("default");
                boolean required = Boolean.parseBoolean(p.string("required", "false"));
                boolean multiline = Boolean.parseBoolean(p.string("multiline", "false"));
                com.google.re2j.Pattern pattern = null;
                if (p.has("pattern")) {
                    try {
                        pattern = com.google.re2j.Pattern.compile(p.string("pattern"));
                    } catch (com.google.re2j.PatternSyntaxException bad) {
                        throw Fields.error(p.raw("pattern"), "invalid pattern of parameter '" + e.getKey() + "': "
                                + bad.getMessage().replaceFirst("^error parsing regexp: ", ""),
                                "Write a regular expression in RE2 (Go) syntax that a whole value must match, such as [0-9]+.");
                    }
                }
                if (def != null) {
                    ParameterValues.check(def, e.getKey(), multiline, "the default of parameter '" + e.getKey() + "'",
                            "fragment " + dirSlot.id() + "/" + dirName);
                }
                parameters.put(e.getKey(), new Parameter(e.getKey(), p.string("description"),
                        def == null ? null : def.toPlain(), required, p.strings("allowed", List.of()), pattern,
                        multiline,
                        e.getValue()));
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
