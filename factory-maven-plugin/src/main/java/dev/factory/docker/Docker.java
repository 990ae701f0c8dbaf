package dev.factory.docker;

import dev.factory.EnvironmentException;
import dev.factory.io.Text;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.function.Consumer;

/**
 * The docker CLI, as Factory uses it. Every call is an argv array through {@link ProcessRunner}.
 * {@link #check()} turns a missing or unreachable engine into one clear paragraph, within seconds.
 */
public final class Docker {
    /** buildx floor: bake with --metadata-file and registry cache behave as Factory expects from here on. */
    public static final int[] MIN_BUILDX = {0, 13};
    static final Duration PROBE_TIMEOUT = Duration.ofSeconds(5);
    /** A healthy engine answers {@code docker info} in tens of milliseconds; a silent one is reported within 5 s. */
    static final Duration ENGINE_TIMEOUT = Duration.ofSeconds(4);

    private final String binary;
    private final Map<String, String> env;
    private EngineInfo info;
    private final Map<String, BuilderInfo> builders = new java.util.HashMap<>();

    public Docker() {
        this("docker", Map.of());
    }

    /**
     * @param binary the docker executable (a name on the PATH or a path)
     * @param env extra environment for every call (e.g. DOCKER_HOST, BUILDX_NO_DEFAULT_ATTESTATIONS)
     */
    public Docker(String binary, Map<String, String> env) {
        this.binary = binary;
        this.env = Map.copyOf(env);
    }

    public String binary() {
        return binary;
    }

    /** Runs {@code docker <args>} and returns how it ended; the caller interprets a non-zero exit. */
    public ProcessRunner.Result run(List<String> args, Duration timeout) {
        return ProcessRunner.run(command(args).timeout(timeout));
    }

    /** Runs {@code docker <args>} with each output line passed on as it arrives. */
    public ProcessRunner.Result stream(List<String> args, Duration timeout, Consumer<String> lines) {
        return ProcessRunner.run(command(args).timeout(timeout).streaming(lines, lines));
    }

    /** {@link #stream(List, Duration, Consumer)} in a working directory (bake resolves its file's relative paths there). */
    public ProcessRunner.Result stream(List<String> args, java.nio.file.Path directory, Duration timeout,
            Consumer<String> lines) {
        return ProcessRunner.run(command(args).directory(directory).timeout(timeout).streaming(lines, lines));
    }

    /** Runs {@code docker <args>}, handing its stdout to {@code reader} as a stream (image exports). */
    public ProcessRunner.Result read(List<String> args, Duration timeout, ProcessRunner.StreamReader reader) {
        return ProcessRunner.stream(command(args).timeout(timeout), reader);
    }

    /** Runs and requires success; a failure is an {@link EnvironmentException} naming what failed and its stderr. */
    public String require(List<String> args, Duration timeout, String what) {
        ProcessRunner.Result r = run(args, timeout);
        requireOk(r, args, timeout, what);
        return r.stdout();
    }

    /** A finished run as {@link #require} judges it: a timeout or a non-zero exit is an {@link EnvironmentException}. */
    public static void requireOk(ProcessRunner.Result r, List<String> args, Duration timeout, String what) {
        if (r.timedOut()) {
            throw new EnvironmentException(what + " did not finish within " + timeout.toSeconds() + " s (docker "
                    + String.join(" ", args) + ").");
        }
        if (r.exitCode() != 0) {
            throw new EnvironmentException(what + " failed (docker " + String.join(" ", args) + ", exit " + r.exitCode()
                    + "): " + lastLines(r.stderr(), 10));
        }
    }

    public ProcessRunner.Command command(List<String> args) {
        List<String> argv = new ArrayList<>(args.size() + 1);
        argv.add(binary);
        argv.addAll(args);
        return ProcessRunner.Command.of(argv).env(env);
    }

    /**
     * One {@code docker info} tells all Factory asks: the engine's version and platform, its storage driver
     * (the containerd image store or not) and, from the CLI's own plugin list, buildx's version.
     */
    static final String INFO_FORMAT = "{{.ServerVersion}}|{{.OSType}}/{{.Architecture}}|{{json .DriverStatus}}|"
            + "{{range .ClientInfo.Plugins}}{{if eq .Name \"buildx\"}}{{.Version}}{{end}}{{end}}";

    /**
     * Proves the engine is usable: the CLI exists, the daemon answers, buildx is there and new enough.
     * One docker CLI run (a second one only to quote the CLI's words when buildx is missing). Cached after
     * the first success.
     */
    public synchronized EngineInfo check() {
        if (info != null) {
            return info;
        }
        ProcessRunner.Result probe;
        try {
            probe = run(List.of("info", "--format", INFO_FORMAT), ENGINE_TIMEOUT);
        } catch (MissingToolException e) {
            throw new EnvironmentException("Docker is not installed: '" + binary
                    + "' cannot be found (not on the PATH, or no such file). Factory drives the "
                    + "docker CLI with its buildx plugin; install Docker Engine 26 or newer with buildx 0.13 or newer (on "
                    + "Debian 12, as root: .ci/docker-lab.sh up from the Factory repository sets up both), or set "
                    + "factory.docker to the docker executable.", e);
        }
        String[] parts = probe.stdout().trim().split("\\|", -1);
        if (probe.timedOut() || probe.exitCode() != 0 || parts.length < 4 || parts[0].isBlank()) {
            String host = env.getOrDefault("DOCKER_HOST",
                    System.getenv().getOrDefault("DOCKER_HOST", "unix:///var/run/docker.sock"));
            String why = probe.timedOut() ? "no answer within " + ENGINE_TIMEOUT.toSeconds() + " s"
                    : Text.firstLine(probe.stderr());
            throw new EnvironmentException("The Docker engine does not answer at " + host + " (" + why + "). Start it "
                    + "(systemctl start docker, or dockerd as root; in the Factory lab: .ci/docker-lab.sh up), or point "
                    + "DOCKER_HOST at a running engine, then run again.");
        }
        String buildxVersion = parts[3].trim().replaceFirst("^v", "");
        if (buildxVersion.isEmpty()) {
            // not in the CLI's plugin list: ask buildx itself, to quote the CLI's own words
            ProcessRunner.Result buildx = run(List.of("buildx", "version"), PROBE_TIMEOUT);
            if (buildx.exitCode() != 0) {
                throw new EnvironmentException("docker buildx is missing: '" + binary + " buildx version' failed ("
                        + Text.firstLine(buildx.stderr())
                        + "). Install the buildx plugin, version 0.13 or newer (Debian: the "
                        + "docker-buildx package; elsewhere docs.docker.com/build/install-buildx), then run again.");
            }
            buildxVersion = Versions.firstVersion(buildx.stdout().replaceFirst("^\\S+", ""));
        }
        int[] v = Versions.parse(buildxVersion);
        if (v[0] < MIN_BUILDX[0] || (v[0] == MIN_BUILDX[0] && v[1] < MIN_BUILDX[1])) {
            throw new EnvironmentException(
                    "docker buildx " + buildxVersion + " is too old: Factory needs 0.13 or newer "
                            + "(bake metadata files and registry cache). Upgrade the buildx plugin, then run again.");
        }
        boolean containerd = parts[2].contains("io.containerd.snapshotter");
        info = new EngineInfo(parts[0].trim(), buildxVersion, containerd, Versions.platform(parts[1].trim()));
        return info;
    }

    /**
     * {@link #check()} on a thread of its own, so the caller can read its inputs meanwhile; {@link #await}
     * gives the result or throws what check() threw.
     */
    public CompletableFuture<EngineInfo> checkAsync() {
        return CompletableFuture.supplyAsync(this::check, Docker::ownThread);
    }

    /** {@link #builder(String)} on a thread of its own; join it only once {@link #check()} has passed. */
    public CompletableFuture<BuilderInfo> builderAsync(String builder) {
        return CompletableFuture.supplyAsync(() -> builder(builder), Docker::ownThread);
    }

    /** The result of a probe started with {@link #checkAsync()} or {@link #builderAsync}, or what it threw. */
    public static <T> T await(CompletableFuture<T> check) {
        try {
            return check.join();
        } catch (java.util.concurrent.CompletionException e) {
            if (e.getCause() instanceof RuntimeException cause) {
                throw cause;
            }
            throw e;
        }
    }

    private static void ownThread(Runnable task) {
        Thread thread = new Thread(task, "factory-probe");
        thread.setDaemon(true);
        thread.start();
    }

    /**
     * The builder bake will use ({@code null}: the current one), from {@code docker buildx inspect}: its driver, nodes,
     * their platforms and BuildKit versions. Asked once per builder and kept, like {@link #check()}. Without
     * {@code --bootstrap}: a remote node that does not answer is reported as inactive within the timeout instead of
     * buildx waiting 20 s for it.
     */
    public BuilderInfo builder(String builder) {
        synchronized (builders) {
            return probeBuilder(builder);
        }
    }

    private BuilderInfo probeBuilder(String builder) {
        String key = builder == null || builder.isBlank() ? "" : builder;
        BuilderInfo known = builders.get(key);
        if (known != null) {
            return known;
        }
        List<String> args = new ArrayList<>(List.of("buildx", "inspect"));
        if (!key.isEmpty()) {
            args.add(key);
        }
        ProcessRunner.Result r = run(args, ENGINE_TIMEOUT);
        String which = key.isEmpty() ? "the current buildx builder" : "buildx builder '" + key + "'";
        if (r.timedOut()) {
            throw new EnvironmentException(
                    which + " did not answer within " + ENGINE_TIMEOUT.toSeconds() + " s (docker "
                            + String.join(" ", args)
                            + "): a node of it may be unreachable. 'docker buildx ls' shows each node's status.");
        }
        if (r.exitCode() != 0) {
            throw new EnvironmentException(which + " cannot be inspected: " + Text.firstLine(r.stderr())
                    + ". List the builders with "
                    + "'docker buildx ls'; create one with 'docker buildx create --name NAME --driver docker-container', or "
                    + "leave factory.builder unset to use the current one.");
        }
        BuilderInfo info = BuilderInfo.parse(r.stdout());
        builders.put(key, info);
        return info;
    }

    public static String lastLines(String text, int n) {
        String[] lines = text == null ? new String[0] : text.trim().split("\n");
        int from = Math.max(0, lines.length - n);
        return String.join("\n", java.util.Arrays.copyOfRange(lines, from, lines.length));
    }
}
