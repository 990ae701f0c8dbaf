package dev.factory.smoke;

import dev.factory.BadInputException;
import dev.factory.manifest.ManifestLoader;
import dev.factory.manifest.Slot;
import dev.factory.manifest.YamlNode;
import dev.factory.manifest.YamlReader;
import dev.factory.stitch.Fragment;
import dev.factory.stitch.FragmentDescriptor;
import dev.factory.stitch.FragmentLibrary;
import dev.factory.stitch.Renderer;
import dev.factory.stitch.StitchJson;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The tests of a build, in the order they run: each fragment's {@code tests.yaml} (slot order), then the
 * manifest's {@code tests:}, then its plan's. Fragments are looked up the way stitch found them (project
 * first, then the libraries on the plugin's classpath). A fragment's tests are a Velocity template with
 * the build's parameter values ({@code ${params.uid}}), so they check what this build asked for.
 */
public final class SpecCollector {
    private final Path projectDir;
    private final Path outputDir;
    private final FragmentLibrary library;
    private final TestSpecParser parser;
    private final ManifestLoader loader;
    private final Renderer renderer = new Renderer();
    private final Map<String, List<SmokeTest>> byFile = new HashMap<>();

    public SpecCollector(Path projectDir, Path outputDir, FragmentLibrary library, TestSpecParser parser) {
        this.projectDir = projectDir;
        this.outputDir = outputDir;
        this.library = library;
        this.parser = parser;
        this.loader = new ManifestLoader(projectDir, library.limits());
    }

    public List<SmokeTest> collect(StitchedBuild build) {
        List<SmokeTest> tests = new ArrayList<>();
        Map<String, Map<String, Object>> params = stitchedParams(build);
        for (StitchedBuild.FragmentUse use : build.fragments()) {
            Fragment fragment = find(build, use);
            if (fragment.tests() == null) {
                continue;
            }
            Map<String, Object> ctx = new LinkedHashMap<>();
            ctx.put("params", params.getOrDefault(use.slot(), defaults(fragment)));
            ctx.put("fragment", Map.of("name", fragment.name(), "version", fragment.version(), "slot", use.slot()));
            ctx.put("build", Map.of("id", build.build(), "manifest", build.manifestId()));
            String text = renderer.render(fragment.testsFile(), new String(fragment.tests(), StandardCharsets.UTF_8),
                    ctx);
            byte[] rendered = text.getBytes(StandardCharsets.UTF_8);
            library.limits().checkRendered(fragment.testsFile(), rendered.length);
            YamlNode root = YamlReader.read(rendered, fragment.testsFile(), library.limits());
            tests.addAll(parser.parseBlock(root, "fragment " + use.slot() + "/" + use.name(), false));
        }
        tests.addAll(byFile.computeIfAbsent("manifest:" + build.manifestFile(), k -> {
            YamlNode node = loader.loadManifest(projectDir.resolve(build.manifestFile())).tests();
            return parser.parseBlock(node, "manifest " + build.manifestId(), true);
        }));
        if (build.planFile() != null) {
            tests.addAll(byFile.computeIfAbsent("plan:" + build.planFile(), k -> {
                YamlNode node = loader.loadPlan(projectDir.resolve(build.planFile())).tests();
                return parser.parseBlock(node, "plan " + build.plan(), true);
            }));
        }
        return tests;
    }

    /** The fragment version stitch used; prefer the same source (project or library jar). */
    private Fragment find(StitchedBuild build, StitchedBuild.FragmentUse use) {
        Slot slot = Slot.parse(use.slot());
        List<Fragment> candidates = slot == null ? null : library.inSlot(slot).get(use.name());
        if (candidates != null) {
            for (Fragment f : candidates) {
                if (f.version().equals(use.version()) && f.source().equals(use.source())) {
                    return f;
                }
            }
            for (Fragment f : candidates) {
                if (f.version().equals(use.version())) {
                    return f;
                }
            }
        }
        throw new BadInputException("Build " + build.build() + " was stitched with fragment " + use.slot() + "/"
                + use.name()
                + " " + use.version() + " (from " + use.source() + "), which is no longer available (looked up in "
                + String.join(", ", library.sources())
                + "). Run factory:stitch and factory:bake again, then factory:test.");
    }

    /** Parameter values per slot from {@code builds/<build>/stitch.json}. */
    private Map<String, Map<String, Object>> stitchedParams(StitchedBuild build) {
        Map<String, Map<String, Object>> out = new LinkedHashMap<>();
        Path file = outputDir.resolve("builds").resolve(build.build()).resolve("stitch.json");
        if (!Files.isRegularFile(file)) {
            return out;
        }
        try {
            for (StitchJson.FragmentEntry f : StitchJson.read(file).fragments()) {
                out.put(f.slot(), f.params());
            }
        } catch (IOException e) {
            throw new BadInputException(file + " cannot be read (" + e.getMessage() + "); run factory:stitch again.",
                    e);
        }
        return out;
    }

    private static Map<String, Object> defaults(Fragment fragment) {
        Map<String, Object> out = new LinkedHashMap<>();
        for (FragmentDescriptor.Parameter p : fragment.descriptor().parameters().values()) {
            if (p.defaultValue() != null) {
                out.put(p.name(), p.defaultValue());
            }
        }
        return out;
    }
}
