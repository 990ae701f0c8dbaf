package dev.factory.stitch;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.Hashing;
import dev.factory.manifest.ControlCharacters;
import dev.factory.manifest.Fields;
import dev.factory.manifest.FragmentRef;
import dev.factory.manifest.InputLimits;
import dev.factory.manifest.Nearest;
import dev.factory.manifest.Slot;
import dev.factory.manifest.YamlNode;
import dev.factory.manifest.YamlReader;
import java.io.IOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.file.FileSystem;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.Enumeration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import java.util.stream.Stream;

/**
 * Every fragment and template Factory can see, loaded once: the project's own
 * ({@code src/main/factory/fragments/<slot>/<name>/}, {@code src/main/factory/templates/<name>/}) first,
 * then each fragment library on the classpath (jars with {@code META-INF/factory/library.properties}
 * and the same layout under {@code META-INF/factory/}).
 */
public final class FragmentLibrary {
    public static final String MARKER = "META-INF/factory/library.properties";
    public static final String PROJECT = "project";
    public static final Set<String> TEMPLATE_KEYS = Fields.keys("name", "version", "description", "slots");

    /** slot -> name -> candidates in lookup order (project first) */
    private final Map<Slot, Map<String, List<Fragment>>> fragments = new LinkedHashMap<>();
    private final Map<String, List<Template>> templates = new LinkedHashMap<>();
    private final List<String> sources = new ArrayList<>();
    private final InputLimits limits;

    private FragmentLibrary(InputLimits limits) {
        this.limits = limits;
        for (Slot s : Slot.values()) {
            fragments.put(s, new LinkedHashMap<>());
        }
    }

    /**
     * @param projectFactoryDir the project's {@code src/main/factory} (may not exist)
     * @param display turns a project path into the path shown in errors
     * @param classLoader where fragment libraries are looked up
     */
    public static FragmentLibrary load(Path projectFactoryDir, java.util.function.Function<Path, String> display,
            ClassLoader classLoader) {
        return load(projectFactoryDir, display, classLoader, InputLimits.DEFAULTS);
    }

    /** @param limits the largest descriptor, template and tests.yaml read (checked before reading) */
    public static FragmentLibrary load(Path projectFactoryDir, java.util.function.Function<Path, String> display,
            ClassLoader classLoader, InputLimits limits) {
        FragmentLibrary lib = new FragmentLibrary(limits);
        if (Files.isDirectory(projectFactoryDir)) {
            lib.scan(projectFactoryDir, PROJECT, display);
        }
        try {
            Enumeration<URL> markers = classLoader.getResources(MARKER);
            for (URL url : Collections.list(markers)) {
                lib.scanLibrary(url);
            }
        } catch (IOException e) {
            throw new EnvironmentException("Cannot list fragment libraries on the plugin classpath: " + e.getMessage(),
                    e);
        }
        return lib;
    }

    private void scanLibrary(URL marker) throws IOException {
        URI uri;
        try {
            uri = marker.toURI();
        } catch (URISyntaxException e) {
            throw new EnvironmentException("Unreadable fragment library location " + marker, e);
        }
        if ("jar".equals(uri.getScheme())) {
            String spec = uri.getSchemeSpecificPart();
            Path jar = Path.of(URI.create(spec.substring(0, spec.indexOf("!/"))));
            try (FileSystem fs = FileSystems.newFileSystem(jar)) {
                String label = jar.getFileName().toString();
                scan(fs.getPath("/META-INF/factory"), label, p -> label + "!" + p);
            }
        } else {
            Path root = Path.of(uri).getParent();
            String label = root.getParent().getParent().getFileName() + "/" + root.getParent().getFileName();
            scan(root, label, p -> p.toString());
        }
    }

    private void scan(Path root, String source, java.util.function.Function<Path, String> display) {
        sources.add(source);
        try {
            Path fragmentsDir = root.resolve("fragments");
            for (Slot slot : Slot.values()) {
                for (Path dir : children(fragmentsDir.resolve(slot.id()))) {
                    Path descriptor = dir.resolve("fragment.yaml");
                    if (!Files.isRegularFile(descriptor)) {
                        continue;
                    }
                    fragments.get(slot)
                            .computeIfAbsent(dir.getFileName().toString().replace("/", ""), k -> new ArrayList<>())
                            .add(readFragment(slot, dir, source, display));
                }
            }
            for (Path dir : children(root.resolve("templates"))) {
                if (Files.isRegularFile(dir.resolve("template.yaml"))) {
                    Template t = readTemplate(dir, source, display);
                    templates.computeIfAbsent(t.name(), k -> new ArrayList<>()).add(t);
                }
            }
            checkSlotless(fragmentsDir, display);
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read fragments from " + display.apply(root) + ": " + e.getMessage(),
                    e);
        }
    }

    /** A folder under fragments/ that is not a slot is a mistake worth reporting, not skipping. */
    private void checkSlotless(Path fragmentsDir, java.util.function.Function<Path, String> display)
            throws IOException {
        for (Path dir : children(fragmentsDir)) {
            String name = dir.getFileName().toString().replace("/", "");
            if (Slot.parse(name) == null) {
                throw new BadInputException(
                        display.apply(dir) + ": '" + name + "' is not a slot" + Nearest.hint(name, Slot.ids())
                                + ". Fragments live in fragments/<slot>/<name>/ with slot one of "
                                + String.join(", ", Slot.ids()) + ".");
            }
        }
    }

    private static List<Path> children(Path dir) throws IOException {
        if (!Files.isDirectory(dir)) {
            return List.of();
        }
        try (Stream<Path> s = Files.list(dir)) {
            return s.filter(Files::isDirectory)
                    .sorted((a, b) -> a.getFileName().toString().compareTo(b.getFileName().toString()))
                    .collect(Collectors.toList());
        }
    }

    private Fragment readFragment(Slot slot, Path dir, String source, java.util.function.Function<Path, String> display)
            throws IOException {
        String name = dir.getFileName().toString().replace("/", "");
        Path descriptorFile = dir.resolve("fragment.yaml");
        Path templateFile = dir.resolve("Dockerfile.vm");
        byte[] descriptorBytes = limits.read(descriptorFile, display.apply(descriptorFile));
        if (!Files.isRegularFile(templateFile)) {
            throw new BadInputException(
                    display.apply(dir) + ": fragment '" + name + "' has a fragment.yaml but no Dockerfile.vm. "
                            + "Add the Dockerfile instructions (a Velocity template) as Dockerfile.vm next to it.");
        }
        byte[] templateBytes = limits.read(templateFile, display.apply(templateFile));
        YamlNode root = YamlReader.read(descriptorBytes, display.apply(descriptorFile), limits);
        FragmentDescriptor descriptor = FragmentDescriptor.parse(root, slot, name);
        Path testsFile = dir.resolve("tests.yaml");
        byte[] tests = Files.isRegularFile(testsFile) ? limits.read(testsFile, display.apply(testsFile)) : null;
        return new Fragment(descriptor, new String(templateBytes, java.nio.charset.StandardCharsets.UTF_8),
                display.apply(templateFile), display.apply(descriptorFile), source,
                Hashing.sha256(concat(descriptorBytes, templateBytes)), tests,
                tests == null ? null : display.apply(testsFile));
    }

    private Template readTemplate(Path dir, String source, java.util.function.Function<Path, String> display)
            throws IOException {
        String name = dir.getFileName().toString().replace("/", "");
        Path descriptorFile = dir.resolve("template.yaml");
        Path textFile = dir.resolve("Dockerfile.vm");
        byte[] descriptorBytes = limits.read(descriptorFile, display.apply(descriptorFile));
        YamlNode root = YamlReader.read(descriptorBytes, display.apply(descriptorFile), limits);
        ControlCharacters.checkTree(root, "description"::equals, "template descriptor");
        Fields f = Fields.of(root, "template descriptor", TEMPLATE_KEYS, "name", "version", "description", "slots");
        if (!f.string("name").equals(name)) {
            throw Fields.error(f.raw("name"),
                    "the descriptor names '" + f.string("name") + "' but lives in the folder '" + name + "'",
                    "Make 'name' equal to the folder name.");
        }
        List<Slot> slots = new ArrayList<>();
        for (String s : f.strings("slots", List.of())) {
            Slot slot = Slot.parse(s);
            if (slot == null) {
                throw Fields.error(f.raw("slots"), "unknown slot '" + s + "'" + Nearest.hint(s, Slot.ids()),
                        "Slots are " + String.join(", ", Slot.ids()) + ".");
            }
            slots.add(slot);
        }
        if (!Files.isRegularFile(textFile)) {
            throw new BadInputException(display.apply(dir) + ": template '" + name
                    + "' has no Dockerfile.vm. Add the skeleton next to template.yaml.");
        }
        byte[] text = limits.read(textFile, display.apply(textFile));
        return new Template(name, f.string("version"), f.string("description"), slots,
                new String(text, java.nio.charset.StandardCharsets.UTF_8), display.apply(textFile), source,
                Hashing.sha256(concat(descriptorBytes, text)));
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] out = new byte[a.length + 1 + b.length];
        System.arraycopy(a, 0, out, 0, a.length);
        System.arraycopy(b, 0, out, a.length + 1, b.length);
        return out;
    }

    /** The size limit this library was read with (also for the fragments' rendered tests). */
    public InputLimits limits() {
        return limits;
    }

    /** Where fragments were looked up, in order (for messages). */
    public List<String> sources() {
        return List.copyOf(sources);
    }

    /** Every fragment, first candidate per slot and name (for docs and checks). */
    public List<Fragment> all() {
        List<Fragment> out = new ArrayList<>();
        fragments.values().forEach(byName -> byName.values().forEach(list -> out.addAll(list)));
        return out;
    }

    public Map<String, List<Fragment>> inSlot(Slot slot) {
        return Collections.unmodifiableMap(fragments.get(slot));
    }

    /** Resolves a manifest's choice; errors name the manifest position and list what exists. */
    public Fragment resolve(FragmentRef ref) {
        List<Fragment> candidates = fragments.get(ref.slot()).get(ref.name());
        if (candidates == null) {
            for (Slot other : Slot.values()) {
                if (fragments.get(other).containsKey(ref.name())) {
                    throw Fields.error(ref.at(),
                            "fragment '" + ref.name() + "' is a " + other.id() + " fragment and cannot fill slot "
                                    + ref.slot().id(),
                            "Move it under fragments." + other.id() + ", or choose a " + ref.slot().id()
                                    + " fragment: " + names(ref.slot()) + ".");
                }
            }
            throw Fields.error(ref.at(), "unknown fragment '" + ref.name() + "' for slot " + ref.slot().id()
                    + Nearest.hint(ref.name(), fragments.get(ref.slot()).keySet()),
                    "Fragments for " + ref.slot().id() + ": " + names(ref.slot()) + " (looked up in "
                            + String.join(", ", sources)
                            + "). Choose one of these, or add src/main/factory/fragments/" + ref.slot().id() + "/"
                            + ref.name()
                            + "/fragment.yaml and Dockerfile.vm.");
        }
        if (ref.version() == null) {
            return candidates.get(0);
        }
        for (Fragment f : candidates) {
            if (f.version().equals(ref.version())) {
                return f;
            }
        }
        throw Fields.error(ref.at(), "fragment '" + ref.name() + "' has no version " + ref.version(),
                "Available: "
                        + candidates.stream().map(f -> f.version() + " (" + f.source() + ")")
                                .collect(Collectors.joining(", "))
                        + ". Pin one of these, or drop '@" + ref.version() + "' to take the first.");
    }

    public Template template(String name, YamlNode at) {
        List<Template> found = templates.get(name);
        if (found == null) {
            throw Fields.error(at, "unknown template '" + name + "'" + Nearest.hint(name, templates.keySet()),
                    "Templates: " + String.join(", ", new TreeSet<>(templates.keySet()))
                            + ". Choose one of these, or add src/main/factory/templates/" + name
                            + "/template.yaml and Dockerfile.vm.");
        }
        return found.get(0);
    }

    private String names(Slot slot) {
        Set<String> names = fragments.get(slot).keySet();
        return names.isEmpty() ? "(none)" : String.join(", ", new TreeSet<>(names));
    }
}
