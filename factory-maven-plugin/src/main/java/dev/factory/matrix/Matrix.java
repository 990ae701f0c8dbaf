package dev.factory.matrix;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.BadInputException;
import dev.factory.io.AtomicFiles;
import dev.factory.io.Json;
import dev.factory.manifest.Platforms;
import dev.factory.reuse.ChangeListing;
import dev.factory.stitch.BuildsFile;
import dev.factory.stitch.StitchedBuild;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.function.Consumer;

/**
 * The CI job matrix: one {@code include} entry per build and platform, with the runner labels that
 * platform (and the build's target pool, such as {@code gpu}) runs on. Written as GitHub Actions
 * {@code strategy.matrix} input.
 */
public final class Matrix {
    public static final String NAME = "matrix.json";
    /** Runners of GitHub-hosted Linux, by platform; users override or add pools. */
    public static final Map<String, String> DEFAULT_RUNNERS = Map.of(
            "linux/amd64", "ubuntu-24.04",
            "linux/arm64", "ubuntu-24.04-arm");

    private final Map<String, String> runners;

    /**
     * @param runners label(s) by key: {@code pool@os/arch} (or {@code pool.os-arch}), {@code pool}, or
     *     {@code os/arch} (or {@code os-arch}), looked up in
     *     that order; a value may list several labels separated by commas (e.g. {@code self-hosted,gpu})
     */
    public Matrix(Map<String, String> runners) {
        this.runners = new LinkedHashMap<>();
        DEFAULT_RUNNERS.forEach((k, v) -> this.runners.put(key(k), v));
        runners.forEach((k, v) -> this.runners.put(key(k), v));
    }

    /** XML element names cannot hold '/' or '@': {@code <linux-arm64>} and {@code <gpu.linux-amd64>} mean the same keys. */
    private static String key(String k) {
        return k.trim().replace('/', '-').replace('@', '.');
    }

    public ObjectNode of(List<StitchedBuild> builds) {
        return of(builds, (b, platform) -> true);
    }

    /** Only the entries {@code include} keeps (factory.matrix.changedOnly: the cells that changed). */
    public ObjectNode of(List<StitchedBuild> builds, java.util.function.BiPredicate<StitchedBuild, String> include) {
        ObjectNode root = Json.object();
        ArrayNode entries = root.putArray("include");
        for (StitchedBuild b : builds) {
            for (String platform : b.platforms()) {
                if (!include.test(b, platform)) {
                    continue;
                }
                ObjectNode e = entries.addObject();
                e.put("build", b.build());
                e.put("manifest", b.manifestId());
                e.put("platform", platform);
                e.put("arch", Platforms.slug(platform).replaceFirst("^[^-]+-", ""));
                e.put("pool", b.pool() == null ? "default" : b.pool());
                String labels = runner(b.pool(), platform, b.build());
                if (labels.contains(",")) {
                    ArrayNode list = e.putArray("runner");
                    for (String l : labels.split(",")) {
                        list.add(l.trim());
                    }
                } else {
                    e.put("runner", labels);
                }
            }
        }
        return root;
    }

    private String runner(String pool, String platform, String build) {
        if (pool != null) {
            String exact = runners.get(key(pool + "@" + platform));
            if (exact != null) {
                return exact;
            }
            String any = runners.get(pool);
            if (any != null) {
                return any;
            }
            throw new BadInputException("Build " + build + " asks for target pool '" + pool
                    + "', but no runner is configured for it. "
                    + "Add one to the factory:matrix configuration, e.g. <runners><" + pool + ">self-hosted," + pool
                    + "</" + pool + "></runners>, or -Dfactory.matrix.runners=" + pool + "=self-hosted," + pool + ".");
        }
        String byPlatform = runners.get(key(platform));
        if (byPlatform == null) {
            throw new BadInputException(
                    "No runner is configured for platform " + platform + " (build " + build + "). Add one, e.g. "
                            + "-Dfactory.matrix.runners=" + platform + "=<runner label>. Configured: "
                            + runners.keySet() + ".");
        }
        return byPlatform;
    }

    /**
     * factory:matrix: the jobs of the builds in builds.json (in {@code outputDir}), or with {@code changes} only those of
     * the cells that changed since the last records; written to matrix.json and, when {@code githubOutput} is set, to the
     * step outputs, and logged.
     *
     * @param runners runner labels by platform, pool or both, over the defaults
     * @param changes how to tell what changed, or null for every build and platform
     */
    public static ObjectNode write(Path outputDir, Map<String, String> runners, ChangeListing.Request changes,
            Path githubOutput, Consumer<String> info) {
        List<StitchedBuild> builds = BuildsFile.read(outputDir);
        ObjectNode matrix;
        if (changes != null) {
            Set<String> changed = ChangeListing.changed(builds, changes);
            matrix = new Matrix(runners).of(builds, (b, platform) -> changed.contains(b.build() + " " + platform));
        } else {
            matrix = new Matrix(runners).of(builds);
        }
        write(matrix, outputDir, githubOutput);
        info.accept("CI matrix (" + matrix.path("include").size() + " job(s)) in " + outputDir.resolve(NAME)
                + (githubOutput != null ? " and the step output 'matrix'" : "") + ":");
        info.accept(Json.compact(matrix));
        return matrix;
    }

    /**
     * Writes matrix.json and, when {@code githubOutput} is set, appends {@code matrix=<json>} in the delimiter form and
     * {@code count=<jobs>}: a workflow skips its per-variant jobs when the count is 0 (GitHub refuses an empty matrix).
     */
    public static void write(ObjectNode matrix, Path outputDir, Path githubOutput) {
        try {
            AtomicFiles.write(outputDir.resolve(NAME), Json.bytes(matrix));
            if (githubOutput != null) {
                String delimiter = "FACTORY_MATRIX_" + UUID.randomUUID().toString().replace("-", "");
                String block = "matrix<<" + delimiter + "\n" + Json.compact(matrix) + "\n" + delimiter + "\n"
                        + "count=" + matrix.path("include").size() + "\n";
                Files.writeString(githubOutput, block, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
                        StandardOpenOption.APPEND);
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Parses {@code key=labels;key=labels} (';' between entries since labels may hold commas). */
    public static Map<String, String> parseRunners(String spec) {
        Map<String, String> out = new LinkedHashMap<>();
        if (spec == null || spec.isBlank()) {
            return out;
        }
        for (String entry : spec.split(";")) {
            int eq = entry.indexOf('=');
            if (eq <= 0) {
                throw new BadInputException("factory.matrix.runners: '" + entry + "' is not key=labels. Write e.g. "
                        + "linux/arm64=ubuntu-24.04-arm;gpu=self-hosted,gpu");
            }
            out.put(entry.substring(0, eq).trim(), entry.substring(eq + 1).trim());
        }
        return out;
    }
}
