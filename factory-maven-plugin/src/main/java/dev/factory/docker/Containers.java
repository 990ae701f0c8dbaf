package dev.factory.docker;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import dev.factory.io.Text;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Container operations (run, create, start, exec, logs, copy out, inspect, commit, remove) as argv
 * arrays through {@link Docker}. Nothing here decides what a result means; callers do. Removal calls
 * tolerate things that are already gone, because cleanup runs from several places (a finally, a
 * shutdown hook, a final sweep) and must never fail the one that comes second.
 */
public final class Containers {
    /** Label every Factory container carries: the goal execution that started it. */
    public static final String RUN_LABEL = "dev.factory.run";
    /** Label naming the build a container tests. */
    public static final String BUILD_LABEL = "dev.factory.build";

    static final Duration QUICK = Duration.ofSeconds(30);
    /** Pulling can take a while on a slow registry; it is still bounded. */
    static final Duration PULL = Duration.ofMinutes(10);
    private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_@%+=:,./-]+");

    private final Docker docker;

    public Containers(Docker docker) {
        this.docker = docker;
    }

    public Docker docker() {
        return docker;
    }

    /**
     * What to run: the options of {@code docker run} / {@code docker create} that Factory uses. Built
     * fluently; {@link #runArgs()} and {@link #createArgs()} give the exact argv after {@code docker}.
     */
    public static final class Spec {
        private final String image;
        private String platform;
        private String name;
        private final Map<String, String> labels = new LinkedHashMap<>();
        private List<String> entrypoint;
        private final List<String> env = new ArrayList<>();
        private final List<String> envFiles = new ArrayList<>();
        private String user;
        private boolean privileged;
        private boolean tty;
        private final List<String> capabilities = new ArrayList<>();
        private final List<String> volumes = new ArrayList<>();
        private final List<String> publish = new ArrayList<>();
        private Path cidFile;
        private boolean remove;
        private boolean detach;
        private final List<String> command = new ArrayList<>();

        public Spec(String image) {
            this.image = image;
        }

        public Spec platform(String p) {
            platform = p;
            return this;
        }

        public Spec name(String n) {
            name = n;
            return this;
        }

        public Spec label(String key, String value) {
            labels.put(key, value);
            return this;
        }

        /**
         * Replaces the image's entrypoint: an empty list clears it (the command runs on its own), null keeps
         * the image's. Docker takes one executable in {@code --entrypoint}; further elements go before the command.
         */
        public Spec entrypoint(List<String> e) {
            entrypoint = e == null ? null : List.copyOf(e);
            return this;
        }

        /** {@code KEY=VALUE}, or a bare {@code KEY} to pass the variable on from Factory's own environment. */
        public Spec env(String keyValue) {
            env.add(keyValue);
            return this;
        }

        public Spec envFile(String file) {
            envFiles.add(file);
            return this;
        }

        public Spec user(String u) {
            user = u;
            return this;
        }

        public Spec privileged(boolean p) {
            privileged = p;
            return this;
        }

        public Spec tty(boolean t) {
            tty = t;
            return this;
        }

        public Spec capability(String c) {
            capabilities.add(c);
            return this;
        }

        public Spec volume(String v) {
            volumes.add(v);
            return this;
        }

        /** {@code -p}, e.g. {@code 127.0.0.1::8080} (a free host port on the loopback only). */
        public Spec publish(String p) {
            publish.add(p);
            return this;
        }

        /** Docker writes the container id there when it creates the container; the file must not exist yet. */
        public Spec cidFile(Path f) {
            cidFile = f;
            return this;
        }

        public Spec remove(boolean r) {
            remove = r;
            return this;
        }

        public Spec detach(boolean d) {
            detach = d;
            return this;
        }

        public Spec command(List<String> c) {
            command.clear();
            command.addAll(c);
            return this;
        }

        public String image() {
            return image;
        }

        public String name() {
            return name;
        }

        public List<String> runArgs() {
            List<String> args = new ArrayList<>(List.of("run"));
            if (detach) {
                args.add("-d");
            }
            if (remove) {
                args.add("--rm");
            }
            options(args);
            return args;
        }

        public List<String> createArgs() {
            List<String> args = new ArrayList<>(List.of("create"));
            options(args);
            return args;
        }

        private void options(List<String> args) {
            if (cidFile != null) {
                args.add("--cidfile");
                args.add(cidFile.toString());
            }
            if (name != null) {
                args.add("--name");
                args.add(name);
            }
            if (platform != null) {
                args.add("--platform");
                args.add(platform);
            }
            labels.forEach((k, v) -> {
                args.add("--label");
                args.add(k + "=" + v);
            });
            if (user != null) {
                args.add("--user");
                args.add(user);
            }
            if (privileged) {
                args.add("--privileged");
            }
            if (tty) {
                args.add("-t");
            }
            capabilities.forEach(c -> {
                args.add("--cap-add");
                args.add(c);
            });
            volumes.forEach(v -> {
                args.add("-v");
                args.add(v);
            });
            envFiles.forEach(f -> {
                args.add("--env-file");
                args.add(f);
            });
            env.forEach(e -> {
                args.add("-e");
                args.add(e);
            });
            publish.forEach(p -> {
                args.add("-p");
                args.add(p);
            });
            List<String> rest = new ArrayList<>();
            if (entrypoint != null) {
                args.add("--entrypoint");
                args.add(entrypoint.isEmpty() ? "" : entrypoint.get(0));
                if (entrypoint.size() > 1) {
                    rest.addAll(entrypoint.subList(1, entrypoint.size()));
                }
            }
            args.add(image);
            args.addAll(rest);
            args.addAll(command);
        }
    }

    /**
     * {@code docker run} in the foreground (or detached with {@link Spec#detach}), stdout and stderr kept
     * apart, killed after {@code timeout}. A timed-out run leaves its container behind: remove it by name.
     *
     * @param captureLimit bytes kept per stream
     */
    public ProcessRunner.Result run(Spec spec, Duration timeout, int captureLimit) {
        return ProcessRunner.run(docker.command(spec.runArgs()).timeout(timeout).captureLimit(captureLimit));
    }

    /** {@code docker create}; returns the container id. */
    public String create(Spec spec, Duration timeout) {
        return docker.require(spec.createArgs(), timeout, "Creating a container from " + spec.image()).trim();
    }

    public void start(String container, Duration timeout) {
        docker.require(List.of("start", container), timeout, "Starting container " + container);
    }

    /** The last {@code tail} lines the container wrote (stdout and stderr, as docker logs gives them). */
    public ProcessRunner.Result logs(String container, int tail, Duration timeout) {
        return docker.run(List.of("logs", "--tail", String.valueOf(tail), container), timeout);
    }

    /**
     * {@code docker cp CONTAINER:PATH -}: the path as a tar stream (mode, owner and content of each entry).
     * The reader may stop early by throwing {@link StopReading}; the copy is then ended and that is not an error.
     */
    public ProcessRunner.Result copyOut(String container, String path, Duration timeout,
            ProcessRunner.StreamReader reader) {
        List<String> args = List.of("cp", container + ":" + path, "-");
        try {
            return docker.read(args, timeout, reader);
        } catch (StopReading stop) {
            // the reader had what it needed (e.g. the first header of a large directory); the copy was cut short
            return new ProcessRunner.Result(0, "", "", Duration.ZERO, false, false, false);
        }
    }

    /** Thrown by a {@link #copyOut} reader that has read enough. */
    public static final class StopReading extends RuntimeException {
        private static final long serialVersionUID = 1L;

        public StopReading() {
            super("enough read", null, false, false);
        }
    }

    /** {@code docker image inspect REF}, or empty when the engine does not have that image. */
    public Optional<JsonNode> inspectImage(String ref) {
        ProcessRunner.Result r = docker.run(List.of("image", "inspect", ref), QUICK);
        if (r.timedOut()) {
            throw new EnvironmentException("docker image inspect " + ref + " did not answer within " + QUICK.toSeconds()
                    + " s; check the engine (docker info), then run again.");
        }
        if (r.exitCode() != 0) {
            if (isMissing(r.stderr())) {
                return Optional.empty();
            }
            throw new EnvironmentException("docker image inspect " + ref + " failed (exit " + r.exitCode() + "): "
                    + Docker.lastLines(r.stderr(), 5));
        }
        return Optional.of(first(r.stdout(), "docker image inspect " + ref));
    }

    /** {@code docker container inspect}, or empty when the container is gone. */
    public Optional<JsonNode> inspectContainer(String container) {
        ProcessRunner.Result r = docker.run(List.of("container", "inspect", container), QUICK);
        if (!r.ok()) {
            if (!r.timedOut() && isMissing(r.stderr())) {
                return Optional.empty();
            }
            throw new EnvironmentException("docker container inspect " + container + " failed: "
                    + (r.timedOut() ? "no answer within " + QUICK.toSeconds() + " s"
                            : Docker.lastLines(r.stderr(), 5)));
        }
        return Optional.of(first(r.stdout(), "docker container inspect " + container));
    }

    /** {@code docker pull --platform P REF}; the caller decides what a failure means. */
    public ProcessRunner.Result pull(String ref, String platform) {
        List<String> args = new ArrayList<>(List.of("pull", "-q"));
        if (platform != null) {
            args.add("--platform");
            args.add(platform);
        }
        args.add(ref);
        return docker.run(args, PULL);
    }

    /** {@code docker commit CONTAINER}: its filesystem as a new untagged image (labels carried over); returns the id. */
    public String commit(String container, Duration timeout) {
        return docker.require(List.of("commit", container), timeout, "Committing container " + container).trim();
    }

    /** {@code docker port CONTAINER PORT/tcp}: the host address, such as {@code 127.0.0.1:32768}, or empty. */
    public Optional<String> hostAddress(String container, int port) {
        ProcessRunner.Result r = docker.run(List.of("port", container, port + "/tcp"), QUICK);
        if (!r.ok()) {
            return Optional.empty();
        }
        for (String line : r.stdout().split("\n")) {
            String l = line.trim();
            // prefer the IPv4 loopback binding; docker lists one line per binding
            if (l.startsWith("127.0.0.1:")) {
                return Optional.of(l);
            }
        }
        return Optional.ofNullable(Text.blankToNull(Text.firstLine(r.stdout())));
    }

    /** {@code docker rm -f}; containers already gone are fine. Returns false when the engine refused. */
    public boolean remove(List<String> containers) {
        if (containers.isEmpty()) {
            return true;
        }
        List<String> args = new ArrayList<>(List.of("rm", "-f", "-v"));
        args.addAll(containers);
        ProcessRunner.Result r = docker.run(args, QUICK);
        return r.ok() || (!r.timedOut() && onlyMissing(r.stderr()));
    }

    /** {@code docker rmi -f}; images already gone are fine. Returns false when the engine refused. */
    public boolean removeImages(List<String> images) {
        if (images.isEmpty()) {
            return true;
        }
        List<String> args = new ArrayList<>(List.of("rmi", "-f"));
        args.addAll(images);
        ProcessRunner.Result r = docker.run(args, QUICK);
        return r.ok() || (!r.timedOut() && onlyMissing(r.stderr()));
    }

    /** Ids of all containers (running or not) with {@code key=value}. */
    public List<String> containersLabelled(String key, String value) {
        return ids(List.of("ps", "-aq", "--no-trunc", "--filter", "label=" + key + "=" + value), "Listing containers");
    }

    /** Ids of the images with {@code key=value} (setup steps' commits). */
    public List<String> imagesLabelled(String key, String value) {
        return ids(List.of("images", "-q", "--no-trunc", "--filter", "label=" + key + "=" + value), "Listing images");
    }

    private List<String> ids(List<String> args, String what) {
        String out = docker.require(args, QUICK, what);
        List<String> ids = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (!line.isBlank() && !ids.contains(line.trim())) {
                ids.add(line.trim());
            }
        }
        return ids;
    }

    /**
     * The argv as one line a user can paste into a POSIX shell: plain words as they are, anything else
     * single-quoted.
     */
    public static String commandLine(List<String> argv) {
        StringBuilder s = new StringBuilder();
        for (String a : argv) {
            if (s.length() > 0) {
                s.append(' ');
            }
            s.append(quote(a));
        }
        return s.toString();
    }

    static String quote(String arg) {
        if (!arg.isEmpty() && SAFE.matcher(arg).matches()) {
            return arg;
        }
        return "'" + arg.replace("'", "'\\''") + "'";
    }

    private static JsonNode first(String json, String what) {
        try {
            JsonNode n = Json.mapper().readTree(json);
            if (n.isArray() && n.size() > 0) {
                return n.get(0);
            }
            throw new EnvironmentException(what + " gave no result; check the engine (docker info).");
        } catch (IOException e) {
            throw new EnvironmentException(what + " gave output that is not JSON (" + e.getMessage() + ").", e);
        }
    }

    static boolean isMissing(String stderr) {
        String s = stderr == null ? "" : stderr.toLowerCase(java.util.Locale.ROOT);
        // "removal ... is already in progress": an auto-removed (--rm) container on its way out
        return s.contains("no such image") || s.contains("no such container") || s.contains("no such object")
                || s.contains("not found") || s.contains("already in progress");
    }

    /** Every error line says the thing is already gone. */
    static boolean onlyMissing(String stderr) {
        return Arrays.stream((stderr == null ? "" : stderr).split("\n")).filter(l -> !l.isBlank())
                .allMatch(Containers::isMissing);
    }
}
