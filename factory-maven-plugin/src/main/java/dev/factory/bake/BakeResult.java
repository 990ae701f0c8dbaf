package dev.factory.bake;

import dev.factory.FactoryException;
import dev.factory.io.Text;
import dev.factory.oci.ImageReference;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a bake produced: each build's image.json, and the targets that failed with their errors.
 */
public record BakeResult(List<ImageJson> images, Map<String, String> failures) {
    /** A RUN that failed: buildx quotes the whole command, which can be a screenful. */
    private static final Pattern PROCESS = Pattern.compile("^process \"(.*)\" did not complete successfully: (.*)$");
    static final int COMMAND_WIDTH = 60;
    /** a base lookup that never reached the registry, as opposed to a tag it does not have */
    private static final Pattern UNREACHABLE = Pattern
            .compile("failed to do request|dial tcp|no such host|connection refused|i/o timeout");
    /** COPY or ADD of a path the build context lacks: {@code "/target/orders-api.jar": not found} */
    private static final Pattern MISSING_SOURCE = Pattern.compile("\"/([^\"]+)\": not found");
    /** the same when not even its folder reached the builder: {@code failed to walk .../buildkit-mount123/target: lstat ...} */
    private static final Pattern MISSING_FOLDER = Pattern
            .compile("failed to walk \\S*/buildkit-mount\\d+/([^:\\s]+): lstat .*no such file or directory");
    /**
     * the builder's cache points a cached step at a snapshot the engine no longer has (left behind by a build that was
     * killed mid-export): {@code failed to commit X to Y during finalize: ... snapshot X does not exist: not found}.
     * Every retry fails the same way until the cache record is pruned.
     */
    private static final Pattern LOST_SNAPSHOT = Pattern
            .compile("during finalize: .*snapshot \\S+ does not exist: not found");
    /** a push the registry refused or that broke off: {@code failed to push REF: ANSWER} (BuildKit's words) */
    private static final Pattern PUSH = Pattern.compile("failed to push (\\S+): (.+)");

    /** A table of build, platform, result, for the log and the failure message. */
    public String table() {
        int w = Math.max(5, images.stream().mapToInt(i -> i.build().length()).max().orElse(5));
        StringBuilder s = new StringBuilder();
        s.append(String.format("%-" + w + "s  %-14s  %s%n", "build", "platform", "result"));
        for (ImageJson image : images) {
            for (ImageJson.PlatformImage p : image.platforms()) {
                String result = p.isReused() && !p.reused().baked()
                        ? "reused " + shortDigest(p.digest()) + "  " + p.ref()
                                + "  (passed " + p.reused().created() + ", run " + p.reused().run() + ")"
                        : p.built() ? "built " + shortDigest(p.digest()) + "  " + p.ref()
                                + (p.isReused()
                                        ? "  (same digest as its record of " + p.reused().created() + ": reused)" : "")
                                : "FAILED: " + brief(Text.firstLine(p.error()));
                s.append(String.format("%-" + w + "s  %-14s  %s%n", image.build(), p.platform(), result));
            }
        }
        return s.toString().stripTrailing();
    }

    /**
     * {@code N of M target(s) failed to build.}, and how many others were built when there are any. Nothing is
     * recorded yet at bake time: factory:record writes the records later, failed targets included.
     */
    public String summary() {
        int total = images.stream().mapToInt(i -> i.platforms().size()).sum();
        int built = (int) images.stream().flatMap(i -> i.platforms().stream()).filter(ImageJson.PlatformImage::built)
                .count();
        long pushes = failures.values().stream().filter(e -> e != null && PUSH.matcher(e).find()).count();
        String s;
        if (pushes == 0) {
            s = failures.size() + " of " + total + " target(s) failed to build.";
        } else if (pushes == failures.size()) {
            s = failures.size() + " of " + total
                    + " target(s) were built but not pushed: the registry did not take them.";
        } else {
            s = failures.size() + " of " + total + " target(s) failed: " + (failures.size() - pushes) + " to build, "
                    + pushes + " to push.";
        }
        return built > 0 ? s + " The other " + built + " were " + (pushes > 0 ? "built and pushed." : "built.") : s;
    }

    /** What the failures have in common that the user can fix, one line each; empty when nothing is recognised. */
    public List<String> hints() {
        return hints(failures.values());
    }

    static List<String> hints(Collection<String> errors) {
        List<String> hints = new ArrayList<>();
        Map<String, Set<String>> unreachable = new LinkedHashMap<>();
        Set<String> missing = new LinkedHashSet<>();
        Map<String, List<String>> refused = new LinkedHashMap<>();
        boolean lostSnapshot = false;
        for (String error : errors) {
            if (error == null) {
                continue;
            }
            lostSnapshot |= LOST_SNAPSHOT.matcher(error).find();
            Matcher push = PUSH.matcher(error);
            if (push.find()) {
                refused.computeIfAbsent(registry(push.group(1)), r -> new ArrayList<>())
                        .add(push.group(1) + " (" + push.group(2).trim() + ")");
                continue;
            }
            String base = BakeOutput.unresolvedBase(error);
            if (base != null && UNREACHABLE.matcher(error).find()) {
                unreachable.computeIfAbsent(registry(base), r -> new LinkedHashSet<>()).add(base);
            } else if (error.contains("registry-1.docker.io") && UNREACHABLE.matcher(error).find()) {
                unreachable.computeIfAbsent(ImageReference.DOCKER_HUB, r -> new LinkedHashSet<>());
            }
            Matcher copy = MISSING_SOURCE.matcher(error);
            Matcher folder = MISSING_FOLDER.matcher(error);
            if (copy.find()) {
                missing.add(copy.group(1));
            } else if (folder.find()) {
                missing.add(folder.group(1));
            }
        }
        unreachable.forEach((registry, refs) -> {
            String which = refs.isEmpty() ? "The base images" : "Base image(s) " + String.join(", ", refs);
            if (registry.equals(ImageReference.DOCKER_HUB)) {
                hints.add(which
                        + " could not be resolved: the bases come from Docker Hub, which this engine cannot reach. "
                        + "Take them from a mirror with -Dfactory.mirror=REGISTRY/PREFIX (applied by factory:stitch, so stitch "
                        + "again with it; in Factory's lab, -Dfactory.mirror=localhost:5000/lab).");
            } else {
                hints.add(which + " could not be resolved: the bases come from " + registry
                        + ", which this engine cannot "
                        + "reach. Check that the registry runs and that the engine can reach it (if it is your -Dfactory.mirror, "
                        + "that the mirror is right; factory:stitch applies it).");
            }
        });
        refused.forEach((registry, pushes) -> hints.add("The registry " + registry + " did not take " + pushes.size()
                + " push(es): " + String.join("; ", pushes) + ". Check that you may push there (docker login "
                + registry
                + "; a read-only registry or a protected tag refuses pushes), or change 'image' in the manifest."));
        if (lostSnapshot) {
            hints.add("The builder's cache points a cached step at a layer the engine no longer has (a build killed "
                    + "while it exported can leave that behind); baking again fails the same way. Clear that cache: "
                    + "docker buildx prune --builder <the builder> (factory.builder, or the current one), then bake again.");
        }
        if (!missing.isEmpty()) {
            hints.add(String.join(", ", missing)
                    + " not found in the build context (the project directory): the files a "
                    + "Dockerfile copies must exist before factory:bake runs (and be declared as 'context' by the manifest or a "
                    + "fragment). In a jar project, run mvn package: it runs factory:stitch, builds the jar, then runs factory:bake, in that order.");
        }
        return hints;
    }

    private static String registry(String reference) {
        try {
            return ImageReference.parse(reference).registry();
        } catch (FactoryException e) {
            return reference;
        }
    }

    /** A failed RUN reads as the first {@value #COMMAND_WIDTH} characters of its command and the reason. */
    static String brief(String error) {
        Matcher m = PROCESS.matcher(error);
        if (!m.matches() || m.group(1).length() <= COMMAND_WIDTH) {
            return error;
        }
        return "process \"" + m.group(1).substring(0, COMMAND_WIDTH) + "…\" did not complete successfully: "
                + m.group(2);
    }

    private static String shortDigest(String digest) {
        return digest == null ? "" : digest.replace("sha256:", "").substring(0, Math.min(12, digest.length() - 7));
    }
}
