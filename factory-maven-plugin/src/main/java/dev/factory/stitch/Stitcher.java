package dev.factory.stitch;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Hashing;
import dev.factory.io.Json;
import dev.factory.manifest.Fields;
import dev.factory.manifest.FragmentRef;
import dev.factory.manifest.Inputs;
import dev.factory.manifest.Manifest;
import dev.factory.manifest.ManifestLoader;
import dev.factory.manifest.Nearest;
import dev.factory.manifest.Plan;
import dev.factory.manifest.Slot;
import dev.factory.manifest.Variant;
import dev.factory.manifest.YamlNode;
import dev.factory.oci.ImageReference;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Renders every variant into {@code builds/<build>/Dockerfile}, its {@code Dockerfile.dockerignore} and
 * {@code stitch.json}, plus {@code builds.json}. All rendering happens before anything is written, and
 * changed builds are staged and moved into place, so a failed stitch leaves the previous outputs intact.
 * Builds whose bytes did not change are not rewritten.
 */
public final class Stitcher {
    private static final Pattern TAG = Pattern.compile("[A-Za-z0-9_][A-Za-z0-9_.-]{0,127}");
    private static final Pattern REPOSITORY = Pattern
            .compile("[a-z0-9]+(?:[._-][a-z0-9]+)*(?::[0-9]+)?(?:/[a-z0-9]+(?:(?:[._]|__|-+)[a-z0-9]+)*)*");

    private final Renderer renderer = new Renderer();

    /** One rendered variant, not yet written; stitch.json is completed once the base digests are known. */
    private record Rendered(StitchedBuild build, byte[] dockerfile, byte[] dockerignore, StitchJson stitchJson,
            byte[] stitchJsonBytes) {
        Rendered(StitchedBuild build, byte[] dockerfile, byte[] dockerignore, StitchJson stitchJson) {
            this(build, dockerfile, dockerignore, stitchJson, null);
        }
    }

    public StitchResult stitch(StitchRequest request) {
        Mirror mirror = Mirror.of(request.mirror());
        Thread warmUp = request.bases() == null ? null
                : request.bases().warmUp(mirror.active() ? registryOf(mirror.prefix()) : null);
        try {
            return stitch(request, mirror);
        } finally {
            awaitQuietly(warmUp);
        }
    }

    /** Waits a little for the warm-up (a ping: quick, or failing) so that it ends with the goal; bounded, never thrown. */
    private static void awaitQuietly(Thread warmUp) {
        if (warmUp == null) {
            return;
        }
        try {
            warmUp.join(WARM_UP_GRACE.toMillis());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }

    private static final java.time.Duration WARM_UP_GRACE = java.time.Duration.ofSeconds(3);

    private StitchResult stitch(StitchRequest request, Mirror mirror) {
        ManifestLoader loader = new ManifestLoader(request.projectDir(), request.limits());
        request.log()
                .accept("Stitching the manifests in " + loader.display(request.manifestsDir()) + " and the plans in "
                        + loader.display(request.plansDir()));
        Inputs inputs = Inputs.load(request.projectDir(), request.manifestsDir(), request.plansDir(),
                request.manifestId(),
                request.limits());
        FragmentLibrary library = FragmentLibrary.load(request.factoryDir(), loader::display, request.libraries(),
                request.limits());

        List<Variant> variants = selected(inputs.variants(), request);
        Set<String> warnedTemplates = new LinkedHashSet<>();
        for (Variant v : variants) {
            noteLeftOutSlots(v, library, request, warnedTemplates);
        }
        Map<String, Set<String>> bases = new LinkedHashMap<>();
        for (Variant v : variants) {
            bases.computeIfAbsent(mirror.apply(v.base()), b -> new LinkedHashSet<>()).addAll(v.platforms());
        }
        java.util.concurrent.CompletableFuture<BaseDigests.Result> digests = resolveBases(request, bases);
        // pinning writes the digest into the Dockerfile: it must be known first; otherwise the lookups overlap rendering
        BaseDigests.Result pinned = request.pin() ? digests.join() : BaseDigests.Result.NONE;
        if (request.pin() && !pinned.unresolved().isEmpty()) {
            request.warn().accept("factory.base.pin: cannot pin " + String.join(", ", pinned.unresolved().keySet())
                    + " (no digest); their Dockerfiles name the tag.");
        }
        List<Rendered> rendered = renderAll(variants, library, mirror, request, loader, pinned);
        BaseDigests.Result resolved = digests.join();
        reportBases(request, resolved, bases);
        rendered = rendered.stream().map(r -> complete(r, resolved, request.pin())).toList();
        try {
            return write(rendered, request);
        } catch (IOException e) {
            throw new EnvironmentException(
                    "Cannot write stitch outputs under " + request.outputDir() + ": " + e.getMessage(), e);
        }
    }

    /** The registry of a mirror prefix ({@code localhost:5000/lab} is {@code localhost:5000}), or null when it names none. */
    static String registryOf(String prefix) {
        // a prefix may be the registry alone (localhost:5000): what a mirrored name would begin with
        return ImageReference.registryIn(prefix + "/");
    }

    /** Starts asking for the bases' digests; already done (nothing resolved) when the request does not ask. */
    private static java.util.concurrent.CompletableFuture<BaseDigests.Result> resolveBases(StitchRequest request,
            Map<String, Set<String>> bases) {
        if (request.bases() == null) {
            return java.util.concurrent.CompletableFuture.completedFuture(BaseDigests.Result.NONE);
        }
        return java.util.concurrent.CompletableFuture.supplyAsync(() -> request.bases().resolve(bases), task -> {
            Thread t = new Thread(task, "factory-bases");
            t.setDaemon(true);
            t.start();
        });
    }

    /** One line per base and its digest; the bases without a digest in one warning. */
    private static void reportBases(StitchRequest request, BaseDigests.Result result, Map<String, Set<String>> bases) {
        if (request.bases() == null) {
            return;
        }
        result.resolved().forEach((ref, r) -> request.log().accept("Base " + ref + " is " + r.digest()
                + (r.source() == BaseDigests.Source.ENGINE ? " (the local engine's image: it is in no registry)" : "")
                + (r.platforms().values().stream().allMatch(r.digest()::equals) ? ""
                        : r.platforms().entrySet().stream().map(e -> e.getKey() + " " + e.getValue())
                                .collect(java.util.stream.Collectors.joining(", ", " (", ")")))));
        if (!result.unresolved().isEmpty()) {
            request.warn().accept("Base digests unknown for " + result.unresolved().size() + " of " + bases.size()
                    + " base(s): "
                    + BaseDigests.describeUnresolved(result.unresolved())
                    + ". Going on without them: the variants on these "
                    + "bases have no key, so no earlier record vouches for them (they are built and tested again), and whether "
                    + "these bases moved cannot be said.");
        }
    }

    /** stitch.json and the build with the base's digests, as far as they are known. */
    private static Rendered complete(Rendered r, BaseDigests.Result result, boolean pin) {
        StitchedBuild b = r.build();
        BaseDigests.Resolved base = result.resolved().get(b.base());
        Map<String, String> perPlatform = new LinkedHashMap<>();
        if (base != null) {
            b.platforms().forEach(p -> {
                String d = base.platforms().get(p);
                if (d != null) {
                    perPlatform.put(p, d);
                }
            });
        }
        StitchedBuild build = b.withBaseDigests(base == null ? null : base.digest(), perPlatform);
        StitchJson.Base declared = r.stitchJson().base();
        StitchJson stitchJson = r.stitchJson().withBase(new StitchJson.Base(declared.declared(), declared.resolved(),
                build.baseDigest(), perPlatform, pin && base != null));
        return new Rendered(build, r.dockerfile(), r.dockerignore(), stitchJson, Json.bytes(stitchJson));
    }

    /** All variants, or only the one factory.build names; the later goals then see only that build. */
    private static List<Variant> selected(List<Variant> variants, StitchRequest request) {
        if (request.build() == null || request.build().isBlank()) {
            return variants;
        }
        List<Variant> chosen = variants.stream().filter(v -> v.build().equals(request.build().trim())).toList();
        if (chosen.isEmpty()) {
            List<String> ids = variants.stream().map(Variant::build).toList();
            throw new BadInputException("factory.build=" + request.build() + ": no variant has that build id"
                    + dev.factory.manifest.Nearest.hint(request.build().trim(), ids) + ". The build ids"
                    + (request.manifestId() != null ? " of manifest " + request.manifestId() : "") + " are: "
                    + String.join(", ", ids) + " (factory:matrix lists them with their platforms).");
        }
        return chosen;
    }

    /**
     * Renders on all cores (stitch is CPU-bound and variants are independent), keeping the variants' order;
     * when several fail, the first in order is reported, so errors do not depend on scheduling.
     */
    private List<Rendered> renderAll(List<Variant> variants, FragmentLibrary library, Mirror mirror,
            StitchRequest request,
            ManifestLoader loader, BaseDigests.Result pinned) {
        Object[] results = new Object[variants.size()];
        java.util.stream.IntStream.range(0, variants.size()).parallel().forEach(i -> {
            try {
                results[i] = render(variants.get(i), library, mirror, request, loader, pinned);
            } catch (RuntimeException e) {
                results[i] = e;
            }
        });
        List<Rendered> rendered = new ArrayList<>(results.length);
        for (Object r : results) {
            if (r instanceof RuntimeException e) {
                throw e;
            }
            rendered.add((Rendered) r);
        }
        return rendered;
    }

    /** Says once per manifest and template which of the manifest's fragments the template leaves out. */
    private static void noteLeftOutSlots(Variant v, FragmentLibrary library, StitchRequest request,
            Set<String> warned) {
        Manifest m = v.manifest();
        Template template = library.template(m.template(), at(m.root(), "template"));
        if (warned.add(m.id() + "/" + template.name())) {
            List<String> skipped = new ArrayList<>();
            v.fragments().keySet().stream().filter(s -> !template.slots().contains(s))
                    .forEach(s -> skipped.add(s.id()));
            if (!skipped.isEmpty()) {
                request.log()
                        .accept("template " + template.name() + " places only " + ids(template.slots()) + "; manifest "
                                + m.id() + " leaves out its " + String.join(", ", skipped)
                                + " fragment(s) in these builds");
            }
        }
    }

    private Rendered render(Variant v, FragmentLibrary library, Mirror mirror, StitchRequest request,
            ManifestLoader loader,
            BaseDigests.Result pinned) {
        Manifest m = v.manifest();
        Template template = library.template(m.template(), at(m.root(), "template"));
        checkAxisParameters(v, library);

        String baseRef = mirror.apply(v.base());
        BaseDigests.Resolved pin = pinned.resolved().get(baseRef);
        // FROM ref@digest: buildx pulls exactly that digest (the index for a multi-platform base), the tag stays readable
        String fromRef = pin == null || baseRef.contains("@") ? baseRef : baseRef + "@" + pin.digest();
        Map<String, Object> common = new LinkedHashMap<>();
        common.put("base", fromRef);
        common.put("manifest", manifestContext(m));
        common.put("build", buildContext(v));
        common.put("project", request.project());
        common.put("images", new Images(mirror));

        List<StitchedBuild.FragmentUse> uses = new ArrayList<>();
        List<Map<String, Object>> slots = new ArrayList<>();
        // rendered fragments span lines: TrustedText marks them as text the renderer's line guard lets through
        Map<String, TrustedText> slotText = new LinkedHashMap<>();
        Slot.ids().forEach(id -> slotText.put(id, TrustedText.EMPTY));
        Set<String> context = new LinkedHashSet<>(m.context());
        List<StitchJson.FragmentEntry> fragmentsJson = new ArrayList<>();
        for (Slot slot : template.slots()) {
            FragmentRef ref = v.fragments().get(slot);
            if (ref == null) {
                continue;
            }
            Fragment fragment = library.resolve(ref);
            Map<String, Object> params = parameters(v, ref, fragment);
            checkRequirements(v, ref, fragment, params);
            Map<String, Object> ctx = new LinkedHashMap<>(common);
            ctx.put("params", params);
            ctx.put("fragment", Map.of("name", fragment.name(), "version", fragment.version(), "slot", slot.id()));
            String text = withNewline(renderer.render(fragment.templateFile(), fragment.template(), ctx));
            for (String path : fragment.descriptor().context()) {
                context.add(renderer.render(fragment.descriptorFile() + " (context)", path, ctx).trim());
            }
            slotText.put(slot.id(), new TrustedText(text));
            Map<String, Object> s = new LinkedHashMap<>();
            s.put("slot", slot.id());
            s.put("name", fragment.name());
            s.put("version", fragment.version());
            s.put("text", new TrustedText(text));
            slots.add(s);
            uses.add(new StitchedBuild.FragmentUse(slot.id(), fragment.name(), fragment.version(), fragment.source(),
                    fragment.sha256()));
            fragmentsJson
                    .add(new StitchJson.FragmentEntry(slot.id(), fragment.name(), fragment.version(), fragment.source(),
                            fragment.sha256(), params));
        }
        Map<String, Object> tctx = new LinkedHashMap<>(common);
        tctx.put("slots", slots);
        tctx.put("slot", slotText);
        String dockerfileText = renderer.render(template.file(), template.text(), tctx).stripTrailing() + "\n";
        byte[] dockerfile = dockerfileText.getBytes(StandardCharsets.UTF_8);
        byte[] dockerignore = dockerignore(v.build(), context).getBytes(StandardCharsets.UTF_8);

        String dir = "builds/" + v.build() + "/";
        String outputRel = loader.display(request.outputDir());
        String dockerfileSha = Hashing.sha256(dockerfile);
        String dockerignoreSha = Hashing.sha256(dockerignore);
        StringBuilder fp = new StringBuilder();
        fp.append("manifest ").append(m.sha256()).append('\n').append("template ").append(template.sha256())
                .append('\n');
        uses.forEach(u -> fp.append("fragment ").append(u.slot()).append(' ').append(u.sha256()).append('\n'));
        fp.append("dockerfile ").append(dockerfileSha).append('\n').append("dockerignore ").append(dockerignoreSha)
                .append('\n');
        String fingerprint = "sha256:" + Hashing.sha256(fp.toString());

        StitchJson sj = new StitchJson(v.build(), new StitchJson.Input(m.id(), m.displayFile(), m.sha256()),
                v.plan() == null ? null
                        : new StitchJson.Input(v.plan().id(), v.plan().displayFile(), v.plan().sha256()),
                v.values(), new StitchJson.Base(v.base(), baseRef, null, Map.of(), false),
                new StitchJson.TemplateUse(template.name(), template.version(), template.source(), template.sha256()),
                fragmentsJson, new StitchJson.FileRef(outputRel + "/" + dir + "Dockerfile", dockerfileSha),
                new StitchJson.FileRef(outputRel + "/" + dir + "Dockerfile.dockerignore", dockerignoreSha),
                fingerprint);

        String image = m.imageRepository();
        if (!REPOSITORY.matcher(image).matches()) {
            throw Fields.error(at(m.root(), "image"), "'" + image + "' is not a valid image repository",
                    "Use lower-case letters, digits and separators, such as registry.example.com/team/" + m.id()
                            + " (no tag: tags come from 'tags').");
        }
        List<String> tags = new ArrayList<>();
        Map<String, Object> tagCtx = new LinkedHashMap<>(common);
        tagCtx.put("base", baseRef);
        for (String t : m.tags().isEmpty() ? List.of(v.tag()) : m.tags()) {
            String tag = renderer.render(m.displayFile() + " (tags)", t, tagCtx).trim();
            if (!TAG.matcher(tag).matches()) {
                throw Fields.error(at(m.root(), "tags"),
                        "tag '" + t + "' renders to '" + tag + "', which is not a valid image tag",
                        "Tags use letters, digits, '_', '.' and '-' (at most 128, not starting with '.' or '-').");
            }
            if (!tags.contains(tag)) {
                tags.add(tag);
            }
        }
        StitchedBuild build = new StitchedBuild(v.build(), m.id(), m.displayFile(),
                v.plan() == null ? null : v.plan().id(),
                v.plan() == null ? null : v.plan().displayFile(), v.values(), baseRef, image, tags, v.platforms(),
                v.pool(),
                template.name(), uses, outputRel + "/" + dir + "Dockerfile", m.labels(), m.buildArgs(), fingerprint);
        return new Rendered(build, dockerfile, dockerignore, sj);
    }

    /** A plan axis {@code slot.param} must name a parameter the chosen fragment declares. */
    private static void checkAxisParameters(Variant v, FragmentLibrary library) {
        for (Plan.Axis axis : v.axes().values()) {
            if (axis.kind() != Plan.AxisKind.PARAM || !v.values().containsKey(axis.key())) {
                continue;
            }
            Fragment f = library.resolve(v.fragments().get(axis.slot()));
            if (!f.descriptor().parameters().containsKey(axis.param())) {
                Set<String> declared = f.descriptor().parameters().keySet();
                throw new BadInputException(axis.at().keyLocation() + ": " + axis.at().path() + ": axis '" + axis.key()
                        + "' names parameter '" + axis.param() + "', which fragment " + axis.slot().id() + "/"
                        + f.name()
                        + " does not have" + Nearest.hint(axis.param(), declared) + ". Its parameters: "
                        + (declared.isEmpty() ? "(none)" : String.join(", ", declared)) + ".");
            }
        }
    }

    /** Declared defaults, overridden by the manifest and the plan; unknown, missing and disallowed values are errors. */
    private static Map<String, Object> parameters(Variant v, FragmentRef ref, Fragment fragment) {
        Map<String, FragmentDescriptor.Parameter> declared = fragment.descriptor().parameters();
        for (String given : ref.params().keySet()) {
            if (!declared.containsKey(given)) {
                YamlNode where = paramNode(ref, given);
                throw new BadInputException(where.keyLocation() + ": " + where.path() + ": fragment " + ref.slot().id()
                        + "/"
                        + fragment.name() + " has no parameter '" + given + "'" + Nearest.hint(given, declared.keySet())
                        + ". Its parameters: " + (declared.isEmpty() ? "(none)" : String.join(", ", declared.keySet()))
                        + ".");
            }
        }
        Map<String, Object> merged = new LinkedHashMap<>();
        for (FragmentDescriptor.Parameter p : declared.values()) {
            boolean given = ref.params().containsKey(p.name());
            Object value = given ? ref.params().get(p.name()) : p.defaultValue();
            if (given) {
                ParameterValues.check(value, paramNode(ref, p.name()), p.name(), p.multiline(),
                        "the value of parameter '" + p.name() + "'",
                        "fragment " + ref.slot().id() + "/" + fragment.name());
            }
            if (value == null) {
                if (p.required()) {
                    throw Fields.error(ref.at(),
                            "fragment " + ref.slot().id() + "/" + fragment.name() + " requires parameter '"
                                    + p.name() + "' (" + p.description().replaceAll("\\.$", "") + ")",
                            "Set it in the manifest:\n  fragments:\n    "
                                    + ref.slot().id() + ":\n      fragment: " + fragment.name()
                                    + "\n      params:\n        " + p.name() + ": ...");
                }
                continue;
            }
            if (p.pattern() != null && !p.pattern().matches(String.valueOf(value))) {
                YamlNode where = given ? paramNode(ref, p.name()) : p.at();
                throw Fields.error(where,
                        "parameter '" + p.name() + "' of fragment " + ref.slot().id() + "/" + fragment.name()
                                + " is '" + value + "', which does not have the form the fragment accepts ("
                                + p.pattern().pattern() + ")",
                        "Give a value that matches it as a whole (see the parameter's description in "
                                + fragment.descriptorFile()
                                + ").");
            }
            if (!p.allowed().isEmpty() && !p.allowed().contains(String.valueOf(value))) {
                YamlNode where = paramNode(ref, p.name());
                throw Fields.error(where,
                        "parameter '" + p.name() + "' of fragment " + ref.slot().id() + "/" + fragment.name()
                                + " is '" + value + "'" + Nearest.hint(String.valueOf(value), p.allowed()),
                        "Allowed values: " + String.join(", ", p.allowed()) + ".");
            }
            merged.put(p.name(), value);
        }
        return merged;
    }

    private static void checkRequirements(Variant v, FragmentRef ref, Fragment fragment, Map<String, Object> params) {
        String base = v.base().substring(v.base().lastIndexOf('/') + 1);
        for (FragmentDescriptor.Requirement r : fragment.descriptor().requires()) {
            if (!glob(r.baseGlob()).matcher(base).matches()) {
                continue;
            }
            for (Map.Entry<String, List<String>> allow : r.allow().entrySet()) {
                Object value = params.get(allow.getKey());
                if (value != null && !allow.getValue().contains(String.valueOf(value))) {
                    YamlNode where = paramNode(ref, allow.getKey());
                    throw Fields.error(where, "fragment " + ref.slot().id() + "/" + fragment.name() + " cannot use "
                            + allow.getKey() + "=" + value + " on base " + v.base() + " (build " + v.build() + "): "
                            + r.reason(),
                            "On this base use " + allow.getKey() + " " + String.join(" or ", allow.getValue())
                                    + ", or choose a base that offers " + value + ".");
                }
            }
        }
    }

    /** Where a parameter was set: its plan axis, its manifest entry, or the fragment choice. */
    private static YamlNode paramNode(FragmentRef ref, String param) {
        YamlNode at = ref.at();
        if (at.isMap() && at.get("params") != null && at.get("params").get(param) != null) {
            return at.get("params").get(param);
        }
        return at;
    }

    private static Pattern glob(String glob) {
        StringBuilder re = new StringBuilder();
        for (char c : glob.toCharArray()) {
            re.append(c == '*' ? ".*" : c == '?' ? "." : Pattern.quote(String.valueOf(c)));
        }
        return Pattern.compile(re.toString());
    }

    private static String dockerignore(String build, Set<String> context) {
        StringBuilder out = new StringBuilder();
        out.append("# Generated by Factory for build ").append(build).append(".\n");
        out.append("# The build context is the project directory; only the paths declared as 'context'\n");
        out.append("# by the manifest and its fragments are sent to the builder.\n");
        out.append("*\n");
        for (String path : context) {
            if (!path.isEmpty()) {
                out.append('!').append(path).append('\n');
            }
        }
        return out.toString();
    }

    private static Map<String, Object> manifestContext(Manifest m) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", m.id());
        c.put("description", m.description() == null ? "" : m.description());
        c.put("base", m.base());
        c.put("image", m.imageRepository());
        c.put("template", m.template());
        c.put("platforms", m.platforms());
        c.put("labels", m.labels());
        return c;
    }

    private static Map<String, Object> buildContext(Variant v) {
        Map<String, Object> c = new LinkedHashMap<>();
        c.put("id", v.build());
        c.put("tag", v.tag());
        c.put("plan", v.plan() == null ? "" : v.plan().id());
        c.put("values", v.values());
        c.put("platforms", v.platforms());
        return c;
    }

    private static YamlNode at(YamlNode root, String key) {
        YamlNode n = root.get(key);
        return n != null ? n : root;
    }

    private static String withNewline(String text) {
        return text.isEmpty() || text.endsWith("\n") ? text : text + "\n";
    }

    private static String ids(List<Slot> slots) {
        return String.join(", ", slots.stream().map(Slot::id).toList());
    }

    private StitchResult write(List<Rendered> rendered, StitchRequest request) throws IOException {
        Path out = request.outputDir();
        Path buildsDir = out.resolve("builds");
        // file system calls dominate on slow disks: compare and write builds concurrently
        List<Rendered> changed = rendered.parallelStream().filter(r -> {
            Path dir = buildsDir.resolve(r.build().build());
            return !(same(dir.resolve("Dockerfile"), r.dockerfile())
                    && same(dir.resolve("Dockerfile.dockerignore"), r.dockerignore())
                    && same(dir.resolve("stitch.json"), r.stitchJsonBytes()));
        }).toList();
        List<StitchedBuild> builds = rendered.stream().map(Rendered::build).toList();
        byte[] buildsJson = BuildsFile.bytes(builds);
        Set<Rendered> changedSet = new java.util.HashSet<>(changed);
        for (Rendered r : rendered) {
            request.log().accept((changedSet.contains(r) ? "stitched   " : "up to date ") + r.build().build()
                    + describe(r.build()) + " -> " + r.build().dockerfile());
        }
        if (!changed.isEmpty()) {
            Files.createDirectories(buildsDir);
            Path staging = Files.createTempDirectory(out, ".stitch-");
            try {
                changed.parallelStream().forEach(r -> {
                    Path dir = staging.resolve(r.build().build());
                    try {
                        Files.createDirectories(dir);
                        Files.write(dir.resolve("Dockerfile"), r.dockerfile());
                        Files.write(dir.resolve("Dockerfile.dockerignore"), r.dockerignore());
                        Files.write(dir.resolve("stitch.json"), r.stitchJsonBytes());
                    } catch (IOException e) {
                        throw new EnvironmentException(
                                "Cannot write the stitch outputs of " + r.build().build() + " under "
                                        + request.outputDir() + " (" + e.getMessage()
                                        + "); check the free space and permissions.",
                                e);
                    }
                });
                for (Rendered r : changed) {
                    replaceDirectory(staging.resolve(r.build().build()), buildsDir.resolve(r.build().build()), staging);
                }
            } finally {
                AtomicFiles.deleteTree(staging);
            }
        }
        boolean buildsChanged = AtomicFiles.writeIfChanged(out.resolve(BuildsFile.NAME), buildsJson);
        if (changed.isEmpty() && !buildsChanged) {
            request.log().accept("Nothing changed: " + rendered.size() + " build(s) up to date, nothing rewritten.");
        } else {
            request.log().accept("Stitched " + rendered.size() + " build(s): " + changed.size() + " written, "
                    + (rendered.size() - changed.size()) + " up to date; list in "
                    + new ManifestLoader(request.projectDir())
                            .display(out.resolve(BuildsFile.NAME)));
        }
        return new StitchResult(builds, changed.size(), rendered.size() - changed.size());
    }

    /** Swaps a fully written build folder into place; the old one is moved aside first, then deleted. */
    private static void replaceDirectory(Path fresh, Path target, Path staging) throws IOException {
        if (Files.exists(target)) {
            Path old = staging.resolve(target.getFileName() + ".old");
            // keep evidence written by later goals (image.json, reports): carry it into the new folder
            try (var files = Files.list(target)) {
                for (Path p : (Iterable<Path>) files::iterator) {
                    Path dest = fresh.resolve(p.getFileName());
                    if (!Files.exists(dest)) {
                        Files.move(p, dest);
                    }
                }
            }
            Files.move(target, old, StandardCopyOption.ATOMIC_MOVE);
        }
        Files.move(fresh, target, StandardCopyOption.ATOMIC_MOVE);
    }

    private static boolean same(Path file, byte[] content) {
        try {
            return Files.size(file) == content.length && Arrays.equals(Files.readAllBytes(file), content);
        } catch (java.nio.file.NoSuchFileException e) {
            return false;
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read " + file + " to compare it with what stitch would write ("
                    + e.getMessage() + "); check its permissions.", e);
        }
    }

    private static String describe(StitchedBuild b) {
        StringBuilder s = new StringBuilder(" (manifest ").append(b.manifestId());
        if (b.plan() != null) {
            s.append(", plan ").append(b.plan());
        }
        b.variant().forEach((k, val) -> s.append(", ").append(k).append('=').append(val));
        return s.append(')').toString();
    }
}
