package dev.factory.manifest;

import dev.factory.BadInputException;
import dev.factory.io.Hashing;
import dev.factory.io.ProjectPaths;
import dev.factory.io.Schemas;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/** Reads and validates manifests and plans; every problem is a {@link BadInputException} with file:line:column. */
public final class ManifestLoader {
    /** The manifest keys: the properties of {@code manifest.schema.json}, the one list of them. */
    public static final Set<String> MANIFEST_KEYS = Schemas.properties(Schemas.MANIFEST);
    public static final Set<String> FRAGMENT_CHOICE_KEYS = Fields.keys("fragment", "params");
    /** The plan keys: the properties of {@code plan.schema.json}. */
    public static final Set<String> PLAN_KEYS = Schemas.properties(Schemas.PLAN);

    static final Pattern ID = Pattern.compile("[a-z0-9][a-z0-9._-]{0,62}");
    private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9._-]*");

    /** Manifest values checked elsewhere: free text, tests (the smoke package), fragment parameters (stitch, per descriptor). */
    private static final Pattern MANIFEST_UNCHECKED = Pattern
            .compile("description|tests|fragments\\.[^.]+\\.params\\..+");
    private static final Pattern PLAN_UNCHECKED = Pattern.compile("description|tests");

    private final Path projectDir;
    private final InputLimits limits;

    public ManifestLoader(Path projectDir) {
        this(projectDir, InputLimits.DEFAULTS);
    }

    public ManifestLoader(Path projectDir, InputLimits limits) {
        this.projectDir = projectDir;
        this.limits = limits;
    }

    public InputLimits limits() {
        return limits;
    }

    /** All {@code *.yaml} / {@code *.yml} files of a directory, sorted by name; empty when it does not exist. */
    public static List<Path> yamlFiles(Path dir) {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> files = Files.list(dir)) {
            return files.filter(p -> p.getFileName().toString().matches(".*\\.ya?ml"))
                    .filter(Files::isRegularFile).sorted().collect(Collectors.toList());
        } catch (IOException e) {
            throw new dev.factory.EnvironmentException(
                    "Cannot list the folder " + dir + " (" + e.getMessage() + "); check that it is "
                            + "readable, then run again.",
                    e);
        }
    }

    public String display(Path file) {
        return ProjectPaths.display(projectDir, file);
    }

    public Manifest loadManifest(Path file) {
        String shown = display(file);
        byte[] bytes = limits.read(file, shown);
        YamlNode root = YamlReader.read(bytes, shown, limits);
        ControlCharacters.checkTree(root, p -> MANIFEST_UNCHECKED.matcher(p).matches(), "manifest");
        Fields f = Fields.of(root, "manifest", MANIFEST_KEYS, "id", "base", "fragments");
        String id = f.string("id");
        checkId(f.raw("id"), id, "manifest id");

        YamlNode fragmentsNode = f.raw("fragments");
        if (!fragmentsNode.isMap() || fragmentsNode.entries().isEmpty()) {
            throw Fields.error(fragmentsNode, "'fragments' must map slots to fragments",
                    "Write for example:\n  fragments:\n    core: jre\n    app:\n      fragment: jar\n      params: {port: 8080}");
        }
        Map<Slot, FragmentRef> fragments = new EnumMap<>(Slot.class);
        for (Map.Entry<String, YamlNode> e : fragmentsNode.entries().entrySet()) {
            Slot slot = Slot.parse(e.getKey());
            if (slot == null) {
                throw new BadInputException(e.getValue().keyLocation() + ": " + e.getValue().path() + ": unknown slot '"
                        + e.getKey() + "'" + Nearest.hint(e.getKey(), Slot.ids()) + ". Slots are "
                        + String.join(", ", Slot.ids()) + ".");
            }
            fragments.put(slot, fragmentChoice(slot, e.getValue()));
        }

        List<String> platforms = f.strings("platforms", Manifest.DEFAULT_PLATFORMS);
        checkPlatforms(f.raw("platforms"), platforms);
        String template = f.string("template", Manifest.DEFAULT_TEMPLATE);
        checkName(f.raw("template"), template, "template");
        String pool = f.string("pool");
        InputSchema.check(root, Schemas.MANIFEST, "docs/manifest.md");
        return new Manifest(id, f.string("description"), f.string("base"), template, f.string("image"),
                f.strings("tags", List.of()), platforms, pool, fragments, f.strings("context", List.of()),
                f.stringMap("labels"), f.stringMap("buildArgs"), f.raw("tests"), file, shown,
                Hashing.sha256(bytes), root);
    }

    private FragmentRef fragmentChoice(Slot slot, YamlNode node) {
        if (node.isScalar()) {
            FragmentRef ref = FragmentRef.parse(slot, node.text(), new LinkedHashMap<>(), node);
            checkName(node, ref.name(), "fragment");
            return ref;
        }
        Fields f = Fields.of(node, "fragment choice for slot " + slot.id(), FRAGMENT_CHOICE_KEYS, "fragment");
        Map<String, Object> params = new LinkedHashMap<>();
        YamlNode p = f.raw("params");
        if (p != null && !p.isNull()) {
            if (!p.isMap()) {
                throw Fields.error(p, "'params' must be a mapping of parameter names to values",
                        "Write 'name: value' lines under it.");
            }
            p.entries().forEach((k, v) -> params.put(k, v.toPlain()));
        }
        FragmentRef ref = FragmentRef.parse(slot, f.string("fragment"), params, node);
        checkName(f.raw("fragment"), ref.name(), "fragment");
        return ref;
    }

    public Plan loadPlan(Path file) {
        String shown = display(file);
        byte[] bytes = limits.read(file, shown);
        YamlNode root = YamlReader.read(bytes, shown, limits);
        // axis values name variants: they become build ids, tags and matrix entries, so they are one line always
        ControlCharacters.checkTree(root, p -> PLAN_UNCHECKED.matcher(p).matches(), "plan");
        Fields f = Fields.of(root, "plan", PLAN_KEYS, "manifest", "axes");
        String stem = file.getFileName().toString().replaceFirst("\\.ya?ml$", "");
        String id = f.string("id", stem);
        checkId(f.has("id") ? f.raw("id") : root, id, "plan id");

        YamlNode axesNode = f.raw("axes");
        if (!axesNode.isMap() || axesNode.entries().isEmpty()) {
            throw Fields.error(axesNode, "'axes' must map axis keys to lists of values",
                    "Axis keys are 'base', a slot (" + String.join(", ", Slot.ids())
                            + ") for fragment choices, or 'slot.param' for parameter values, e.g.\n  axes:\n    core.version: [\"17\", \"21\"]");
        }
        Map<String, Plan.Axis> axes = new LinkedHashMap<>();
        for (Map.Entry<String, YamlNode> e : axesNode.entries().entrySet()) {
            axes.put(e.getKey(), axis(e.getKey(), e.getValue()));
        }
        List<Map<String, String>> exclude = rows(f.raw("exclude"), axes, "exclude");
        List<Map<String, String>> include = rows(f.raw("include"), axes, "include");
        List<String> platforms = f.strings("platforms", null);
        if (platforms != null) {
            checkPlatforms(f.raw("platforms"), platforms);
        }
        InputSchema.check(root, Schemas.PLAN, "docs/plan.md");
        return new Plan(id, f.string("manifest"), f.string("description"), axes, exclude, include, platforms,
                f.string("pool"), f.raw("tests"), file, shown, Hashing.sha256(bytes), root);
    }

    private static Plan.Axis axis(String key, YamlNode node) {
        Plan.AxisKind kind;
        Slot slot = null;
        String param = null;
        int dot = key.indexOf('.');
        if (key.equals("base")) {
            kind = Plan.AxisKind.BASE;
        } else if (dot < 0) {
            slot = Slot.parse(key);
            kind = Plan.AxisKind.FRAGMENT;
        } else {
            slot = Slot.parse(key.substring(0, dot));
            param = key.substring(dot + 1);
            kind = Plan.AxisKind.PARAM;
        }
        if (kind != Plan.AxisKind.BASE && (slot == null || (param != null && param.isEmpty()))) {
            List<String> valid = new ArrayList<>(List.of("base"));
            valid.addAll(Slot.ids());
            String head = dot < 0 ? key : key.substring(0, dot);
            throw new BadInputException(node.keyLocation() + ": " + node.path() + ": axis '" + key
                    + "' names no slot" + Nearest.hint(head, valid) + ". An axis is 'base', a slot ("
                    + String.join(", ", Slot.ids())
                    + ") to vary the fragment, or 'slot.param' to vary a parameter, such as core.version.");
        }
        List<String> values = new ArrayList<>();
        if (node.isScalar()) {
            values.add(node.text());
        } else if (node.isList() && !node.items().isEmpty()) {
            for (YamlNode item : node.items()) {
                values.add(Fields.scalar(item, "each value of axis '" + key + "'"));
            }
        } else {
            throw Fields.error(node, "axis '" + key + "' needs a list of values", "Write it as " + key + ": [a, b].");
        }
        return new Plan.Axis(key, kind, slot, param, values, node);
    }

    private static List<Map<String, String>> rows(YamlNode node, Map<String, Plan.Axis> axes, String what) {
        List<Map<String, String>> rows = new ArrayList<>();
        if (node == null || node.isNull()) {
            return rows;
        }
        if (!node.isList()) {
            throw Fields.error(node, "'" + what + "' must be a list of axis assignments",
                    "Write for example:\n  " + what + ":\n    - {base: debian:bookworm-slim, core.version: \"21\"}");
        }
        for (YamlNode item : node.items()) {
            Fields row = Fields.of(item, what + " entry", axes.keySet());
            Map<String, String> values = new LinkedHashMap<>();
            item.entries().forEach((k, v) -> values.put(k, Fields.scalar(v, "'" + k + "'")));
            if (values.isEmpty()) {
                throw Fields.error(row.node(), "an empty " + what + " entry", "Name at least one axis in it.");
            }
            rows.add(values);
        }
        return rows;
    }

    static void checkPlatforms(YamlNode at, List<String> platforms) {
        if (platforms.isEmpty()) {
            throw Fields.error(at, "'platforms' is empty", "List at least one, such as linux/amd64.");
        }
        for (int i = 0; i < platforms.size(); i++) {
            String problem = Platforms.problem(platforms.get(i));
            if (problem != null) {
                YamlNode item = at.isList() ? at.items().get(i) : at;
                throw Fields.error(item, "invalid platform: " + problem,
                        "Use os/arch such as linux/amd64 or linux/arm64.");
            }
        }
    }

    private static void checkId(YamlNode at, String id, String what) {
        if (!ID.matcher(id).matches()) {
            throw Fields.error(at, "invalid " + what + " '" + id + "'",
                    "Use lower-case letters, digits, '.', '_' and '-', starting with a letter or digit, at most 63 characters.");
        }
    }

    /** Fragment and template names are looked up as paths: no separators, no '..', nothing absolute. */
    static void checkName(YamlNode at, String name, String what) {
        if (name.contains("/") || name.contains("\\") || name.contains("..") || !NAME.matcher(name).matches()) {
            throw Fields.error(at, "invalid " + what + " name '" + name + "'",
                    "A " + what
                            + " is named, not located: use its bare name (lower-case letters, digits, '.', '_', '-'), "
                            + "without '/', '..' or an absolute path; Factory finds it in src/main/factory/"
                            + what + "s or in the fragment libraries.");
        }
    }
}
