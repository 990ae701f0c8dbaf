package dev.factory.bake;

import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Reads buildx's plain progress to tell which target failed. Steps are numbered ({@code #12}) and
 * name their target ({@code #12 [orders-api-linux-amd64 2/3] RUN ...}); {@code #12 ERROR: ...} marks
 * an error in that step. When one target fails, buildx cancels the rest, and steps cut short report
 * errors of their own (a cache export losing its connection): only the targets whose error is the
 * root cause buildx names at the end ({@code ERROR: failed to solve: ...}) failed; the others were
 * cancelled and are worth another run.
 */
final class BakeOutput {
    private static final Pattern STEP = Pattern.compile("^#(\\d+) \\[([A-Za-z0-9_-]+)[ \\]]\\s*(.*)$");
    private static final Pattern ERROR = Pattern.compile("^#(\\d+) ERROR: (.*)$");
    private static final String CACHE_EXPORT = "exporting cache to ";
    /** a single-target run names no target in its steps: {@code #8 exporting cache to registry} */
    private static final Pattern UNNAMED_CACHE_EXPORT = Pattern.compile("^#(\\d+) " + CACHE_EXPORT);
    private static final String SOLVE = "failed to solve: ";
    /** buildx 0.13 ends with {@code ERROR: failed to solve: ...}; newer buildx names the target: {@code ERROR: target T: failed to solve: ...} */
    private static final Pattern ROOT = Pattern.compile("^ERROR: (?:target ([A-Za-z0-9_-]+): )?" + SOLVE + "(.*)$");
    /** buildx could not look up a base ({@code FROM}): the registry is unreachable, or the tag does not exist there */
    private static final String UNRESOLVED = "failed to resolve source metadata for ";
    private static final Pattern UNRESOLVED_REF = Pattern.compile(Pattern.quote(UNRESOLVED) + "(\\S+): ");

    private final Set<String> targets;
    private final String onlyTarget;
    private final Map<String, String> stepTarget = new LinkedHashMap<>();
    /** steps whose errors buildx reports but survives: a cache that does not exist yet is not a failure */
    private final Set<String> benignSteps = new java.util.HashSet<>();
    private final Map<String, String> errors = new LinkedHashMap<>();
    /** step → target, for cache exports: with ignore-error=true their errors are reported but fail nothing */
    private final Map<String, String> cacheSteps = new LinkedHashMap<>();
    private final Map<String, String> cacheExportErrors = new LinkedHashMap<>();
    private String rootCause;
    /** the target buildx names with its root cause (buildx 0.20+), else null */
    private String rootTarget;

    /** @param targets the targets of this run; with one target, buildx omits the name from step lines */
    BakeOutput(Set<String> targets) {
        this.targets = targets;
        this.onlyTarget = targets.size() == 1 ? targets.iterator().next() : null;
    }

    void line(String line) {
        Matcher step = STEP.matcher(line);
        if (step.find() && targets.contains(step.group(2))) {
            stepTarget.putIfAbsent(step.group(1), step.group(2));
            if (step.group(3).startsWith("importing cache manifest")) {
                benignSteps.add(step.group(1));
            } else if (step.group(3).startsWith(CACHE_EXPORT)) {
                cacheSteps.put(step.group(1), step.group(2));
            }
            return;
        }
        Matcher unnamed = UNNAMED_CACHE_EXPORT.matcher(line);
        if (onlyTarget != null && unnamed.find()) {
            cacheSteps.put(unnamed.group(1), onlyTarget);
            return;
        }
        Matcher error = ERROR.matcher(line);
        if (error.find() && cacheSteps.containsKey(error.group(1))) {
            cacheExportErrors.putIfAbsent(cacheSteps.get(error.group(1)), error.group(2).trim());
            return;
        }
        if (error.find(0) && !benignSteps.contains(error.group(1))) {
            String target = stepTarget.getOrDefault(error.group(1), onlyTarget);
            if (target != null) {
                errors.putIfAbsent(target, error.group(2).trim());
            }
            return;
        }
        Matcher root = ROOT.matcher(line);
        if (root.find()) {
            rootCause = root.group(2).trim();
            rootTarget = root.group(1) != null && targets.contains(root.group(1)) ? root.group(1) : null;
        }
    }

    /** target → its error, for the targets that caused the failure (not those cancelled because of it) */
    Map<String, String> failures() {
        if (rootCause == null) {
            return errors;
        }
        Map<String, String> caused = new LinkedHashMap<>();
        errors.forEach((target, error) -> {
            if (error.startsWith(SOLVE) || error.contains(": " + SOLVE)) {
                // another target's failure passed on to a step it cut short (a push in progress): buildx prefixes
                // the whole solve's error there (buildx 0.13 behind the engine's own words: "error during connect:
                // Post .../push?tag=...: failed to solve: ..."), while the step that failed carries its own words
                return;
            }
            if (error.equals(rootCause) || rootCause.contains(error) || error.contains(rootCause)) {
                // the step error of an unresolved base omits which base; the root cause names it
                int at = rootCause.indexOf(UNRESOLVED);
                caused.put(target, at >= 0 && rootCause.contains(error) ? rootCause.substring(at) : error);
            }
        });
        if (rootTarget != null && !caused.containsKey(rootTarget)) {
            // named by buildx itself, though no step error of it matched (the base's step names no target in a single run)
            int at = rootCause.indexOf(UNRESOLVED);
            caused.put(rootTarget, at >= 0 ? rootCause.substring(at) : rootCause);
        }
        // a root cause that matches no step still must not loop forever: then every erring target failed
        return caused.isEmpty() ? errors : caused;
    }

    /** target → why its cache export failed; the image was built all the same (cache-to has ignore-error=true). */
    Map<String, String> cacheExportErrors() {
        return cacheExportErrors;
    }

    /** The base image reference ({@code docker.io/library/busybox:1.35}) the root cause could not resolve, or null. */
    String unresolvedBase() {
        return rootCause == null ? null : unresolvedBase(rootCause);
    }

    /** The base image reference an error says buildx could not resolve, or null when it says no such thing. */
    static String unresolvedBase(String error) {
        Matcher m = UNRESOLVED_REF.matcher(error);
        return m.find() ? m.group(1) : null;
    }
}
