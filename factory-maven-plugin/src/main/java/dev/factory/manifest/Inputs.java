package dev.factory.manifest;

import dev.factory.BadInputException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

/**
 * What a Factory project declares: its manifests, the plans over them, and the variants they expand
 * to, optionally narrowed to one manifest id (the seed's {@code --manifest-id}).
 */
public record Inputs(List<Manifest> manifests, List<Plan> plans, List<Variant> variants) {

    public static Inputs load(Path projectDir, Path manifestsDir, Path plansDir, String manifestId) {
        return load(projectDir, manifestsDir, plansDir, manifestId, InputLimits.DEFAULTS);
    }

    /** @param limits the size of each file read and the most variants expanded (counted before expanding) */
    public static Inputs load(Path projectDir, Path manifestsDir, Path plansDir, String manifestId,
            InputLimits limits) {
        ManifestLoader loader = new ManifestLoader(projectDir, limits);
        List<Path> manifestFiles = ManifestLoader.yamlFiles(manifestsDir);
        if (manifestFiles.isEmpty()) {
            throw new BadInputException("No manifests found in " + loader.display(manifestsDir)
                    + ": Factory looks for *.yaml files there. Add a manifest (see docs/manifest.md for a complete example), "
                    + "or point factory.manifests at the folder that holds yours.");
        }
        Map<String, Manifest> byId = new LinkedHashMap<>();
        for (Path file : manifestFiles) {
            Manifest m = loader.loadManifest(file);
            Manifest other = byId.putIfAbsent(m.id(), m);
            if (other != null) {
                throw Fields.error(m.root().get("id"),
                        "manifest id '" + m.id() + "' is already used by " + other.displayFile(),
                        "Give each manifest its own id.");
            }
        }
        List<Plan> plans = new ArrayList<>();
        Map<String, Plan> planIds = new LinkedHashMap<>();
        for (Path file : ManifestLoader.yamlFiles(plansDir)) {
            Plan plan = loader.loadPlan(file);
            if (!byId.containsKey(plan.manifest())) {
                throw Fields.error(plan.root().get("manifest"), "no manifest has the id '" + plan.manifest() + "'"
                        + Nearest.hint(plan.manifest(), byId.keySet()),
                        "Known manifest ids: " + String.join(", ", byId.keySet()) + ".");
            }
            Plan other = planIds.putIfAbsent(plan.manifest() + "/" + plan.id(), plan);
            if (other != null) {
                throw Fields.error(plan.root(), "plan id '" + plan.id() + "' for manifest " + plan.manifest()
                        + " is already used by " + other.displayFile(), "Give each plan its own id.");
            }
            plans.add(plan);
        }
        List<Manifest> manifests = new ArrayList<>(byId.values());
        if (manifestId != null && !manifestId.isBlank()) {
            Manifest chosen = byId.get(manifestId.trim());
            if (chosen == null) {
                throw new BadInputException("factory.manifestId: no manifest has the id '" + manifestId + "'"
                        + Nearest.hint(manifestId, byId.keySet()) + " in " + loader.display(manifestsDir)
                        + ". Known manifest ids: " + String.join(", ", byId.keySet()) + ".");
            }
            manifests = List.of(chosen);
            plans = plans.stream().filter(p -> p.manifest().equals(chosen.id())).collect(Collectors.toList());
        }
        Variants.checkCount(manifests, plans, limits.maxVariants());
        return new Inputs(manifests, plans, Variants.expand(manifests, plans));
    }
}
