package dev.factory.smoke;

import dev.factory.EnvironmentException;
import dev.factory.docker.Containers;
import dev.factory.docker.ProcessRunner;
import dev.factory.io.SlashPaths;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * File existence and content tests without any tool in the image: one container is created (never
 * started) per image, and each path is read with {@code docker cp CONTAINER:PATH -}, a tar stream whose
 * first entry carries the path's type, mode, owner and content. Reading stops after that entry, so
 * testing a large directory costs no more than a file. Like container-structure-test, existence looks at
 * the path itself (a symlink is a symlink); content follows symlinks.
 */
final class FileExecutor implements AutoCloseable {
    /** Content read for regex matching; larger files are matched on their first part. */
    static final int CONTENT_LIMIT = 16 * 1024 * 1024;
    private static final int MAX_LINKS = 16;

    private final Session session;
    private final ImageUnderTest image;
    private String container;

    FileExecutor(Session session, ImageUnderTest image) {
        this.session = session;
        this.image = image;
    }

    CaseResult existence(SmokeTest.FileExistence t) {
        long start = System.nanoTime();
        Duration budget = session.budget(t, image);
        List<Step> steps = new ArrayList<>();
        String path = EnvExpansion.expand(t.path(), image.env());
        Read read = read(path, budget, steps);
        if (read.timedOut) {
            return timedOut(t, budget, start, steps);
        }
        return CaseResult.of(t, Checks.fileExistence(t, read.entry), Session.since(start), steps);
    }

    CaseResult content(SmokeTest.FileContent t) {
        long start = System.nanoTime();
        Duration budget = session.budget(t, image);
        List<Step> steps = new ArrayList<>();
        String path = EnvExpansion.expand(t.path(), image.env());
        for (int hop = 0; hop <= MAX_LINKS; hop++) {
            Read read = read(path, Durations.remaining(budget, start, System.nanoTime()), steps);
            if (read.timedOut) {
                return timedOut(t, budget, start, steps);
            }
            TarEntry e = read.entry;
            if (e == null) {
                return CaseResult.of(t, List.of(new Checks.Problem(path + " does not exist", "a file at " + path,
                        "no such file or directory")), Session.since(start), steps);
            }
            if (e.type() == FileModes.Type.SYMLINK) {
                path = resolveLink(path, e.linkTarget());
                continue;
            }
            if (e.type() != FileModes.Type.FILE) {
                return CaseResult.of(t, List.of(new Checks.Problem(path + " is not a file", "a regular file at " + path,
                        FileModes.lsString(e.type(), e.mode()) + " (" + e.type().name().toLowerCase(Locale.ROOT)
                                + ")")),
                        Session.since(start), steps);
            }
            String content = new String(e.content(), StandardCharsets.UTF_8);
            List<Checks.Problem> problems;
            try {
                problems = new ArrayList<>(Checks.fileContent(t, content, Regex.Deadline.after(start, budget)));
            } catch (Regex.TimedOut timedOut) {
                return CaseResult.of(t, List.of(Checks.matchingTimedOut(budget)), Session.since(start), steps);
            }
            if (e.truncated() && !problems.isEmpty()) {
                problems.add(new Checks.Problem(
                        "only the first " + CONTENT_LIMIT + " bytes of " + e.size() + " were matched",
                        "", ""));
            }
            return CaseResult.of(t, problems, Session.since(start), steps);
        }
        return CaseResult.of(t,
                List.of(new Checks.Problem(t.path() + " is a chain of more than " + MAX_LINKS + " symlinks",
                        "a file", "a symlink loop")),
                Session.since(start), steps);
    }

    /** Where a symlink at {@code path} points, as an absolute path in the image. */
    static String resolveLink(String path, String target) {
        String base = target.startsWith("/") ? "" : path.substring(0, Math.max(0, path.lastIndexOf('/')));
        return "/" + SlashPaths.clean(base + "/" + target);
    }

    private record Read(TarEntry entry, boolean timedOut) {}

    private Read read(String path, Duration timeout, List<Step> steps) {
        String id = container();
        TarEntry[] found = new TarEntry[1];
        List<String> args = List.of("cp", id + ":" + path, "-");
        long start = System.nanoTime();
        ProcessRunner.Result r = session.containers().copyOut(id, path, timeout, in -> {
            found[0] = TarEntry.readFirst(in, CONTENT_LIMIT);
            if (found[0] != null) {
                throw new Containers.StopReading();
            }
        });
        TarEntry e = found[0];
        String observed = e == null ? ""
                : FileModes.goString(e.type(), e.mode()) + " uid=" + e.uid() + " gid=" + e.gid()
                        + " size=" + e.size() + (e.linkTarget() != null ? " -> " + e.linkTarget() : "") + " name="
                        + e.name();
        Step step = session.step("read " + path, args, r, id);
        steps.add(new Step(step.label(), step.command(), e != null ? Integer.valueOf(0) : step.exitCode(), r.timedOut(),
                Step.Output.of(observed, false, session.outputLimit()), step.stderr(), Session.since(start), id, null));
        if (r.timedOut()) {
            return new Read(null, true);
        }
        if (e == null && r.exitCode() != 0 && !missing(r.stderr())) {
            throw new EnvironmentException("docker cp " + id + ":" + path + " failed (exit " + r.exitCode() + "): "
                    + r.stderr().trim());
        }
        return new Read(e, false);
    }

    static boolean missing(String stderr) {
        String s = stderr.toLowerCase(Locale.ROOT);
        return s.contains("could not find the file") || s.contains("no such file or directory")
                || s.contains("not found");
    }

    private CaseResult timedOut(SmokeTest t, Duration budget, long start, List<Step> steps) {
        return CaseResult.of(t, List.of(new Checks.Problem("timed out after " + Durations.format(budget),
                "the file read within " + Durations.format(budget), "docker cp did not finish")), Session.since(start),
                steps);
    }

    /** The created (never started) container the files are read from; made on first use. */
    private String container() {
        if (container == null) {
            String name = session.janitor().nextName();
            // no process ever runs in it; the command only satisfies docker create for images without CMD
            Containers.Spec spec = session.spec(image, image.ref()).name(name).entrypoint(List.of())
                    .command(List.of("factory-file-tests"));
            session.containers().create(spec, Duration.ofMinutes(2));
            container = name;
        }
        return container;
    }

    @Override
    public void close() {
        if (container != null) {
            session.containers().remove(List.of(container));
            container = null;
        }
    }
}
