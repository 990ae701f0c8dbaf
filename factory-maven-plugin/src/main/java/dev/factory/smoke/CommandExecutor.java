package dev.factory.smoke;

import dev.factory.docker.Containers;
import dev.factory.docker.ProcessRunner;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;

/**
 * Runs a command test the way container-structure-test's docker driver does, without needing a shell
 * in the image: each setup command runs in its own container, which is committed as the image for the
 * next step (so files it wrote are there for the test command); the command then runs in a fresh
 * {@code docker run --rm} container of the last commit. Committed images carry the run label (docker
 * commit keeps container labels) and are removed when the test ends.
 */
final class CommandExecutor {
    private final Session session;

    CommandExecutor(Session session) {
        this.session = session;
    }

    CaseResult run(SmokeTest.Command t, ImageUnderTest image) {
        long start = System.nanoTime();
        Duration budget = session.budget(t, image);
        Map<String, String> imageEnv = image.env();
        List<Step> steps = new ArrayList<>();
        List<String> committed = new ArrayList<>();
        String current = image.ref();
        try {
            for (int i = 0; i < t.setup().size(); i++) {
                String name = session.janitor().nextName();
                Containers.Spec spec = session.spec(image, current).name(name).entrypoint(List.of())
                        .command(Session.expand(t.setup().get(i), imageEnv));
                Session.apply(spec, t.env(), t.options(), imageEnv);
                ProcessRunner.Result r = session.containers().run(spec,
                        Durations.remaining(budget, start, System.nanoTime()),
                        Session.CAPTURE);
                steps.add(session.step("setup " + (i + 1), spec.runArgs(), r, name));
                if (!r.ok()) {
                    session.containers().remove(List.of(name));
                    String what = r.timedOut() ? "timed out after " + Durations.format(budget)
                            : "exited with " + r.exitCode();
                    return CaseResult.of(t, List.of(new Checks.Problem("setup command " + (i + 1) + " " + what,
                            "setup command " + String.join(" ", t.setup().get(i)) + " exits 0",
                            what + (r.stderr().isBlank() ? "" : "; stderr: " + Checks.excerpt(r.stderr())))),
                            Session.since(start), steps);
                }
                String committedImage = session.containers().commit(name,
                        Durations.remaining(budget, start, System.nanoTime())
                                .plusSeconds(30));
                committed.add(committedImage);
                session.containers().remove(List.of(name));
                current = committedImage;
            }

            String name = session.janitor().nextName();
            Path cidFile = session.scratch().resolve(name + ".cid");
            List<String> command = new ArrayList<>();
            command.add(t.command());
            command.addAll(t.args());
            Containers.Spec spec = session.spec(image, current).name(name).remove(true).cidFile(cidFile)
                    .entrypoint(t.entrypoint() == null ? List.of() : t.entrypoint())
                    .command(Session.expand(command, imageEnv));
            Session.apply(spec, t.env(), t.options(), imageEnv);
            ProcessRunner.Result r = session.containers().run(spec,
                    Durations.remaining(budget, start, System.nanoTime()),
                    Session.CAPTURE);
            String containerId = readCid(cidFile, name);
            steps.add(withoutCidFile(session.step("command", shown(spec.runArgs()), r, containerId)));
            if (r.timedOut()) {
                // the docker client was killed; the container runs on until removed
                session.containers().remove(List.of(name));
                String message = "timed out after " + Durations.format(budget);
                return CaseResult.of(t,
                        List.of(new Checks.Problem(message, "the command ends within " + Durations.format(budget),
                                "still running after " + Durations.format(budget) + "; container removed")),
                        Session.since(start), steps);
            }
            if (r.exitCode() == 125 && r.stderr().startsWith("docker:")) {
                // 125 is docker's own failure (bad option, image missing), not the command's exit code
                return CaseResult.error(t, "docker could not run the command: " + Checks.excerpt(r.stderr().trim()),
                        Session.since(start), steps);
            }
            try {
                return CaseResult.of(t,
                        Checks.command(t, r.exitCode(), r.stdout(), r.stderr(), Regex.Deadline.after(start, budget)),
                        Session.since(start), steps);
            } catch (Regex.TimedOut e) {
                return CaseResult.of(t, List.of(Checks.matchingTimedOut(budget)), Session.since(start), steps);
            }
        } finally {
            if (!committed.isEmpty()) {
                List<String> newestFirst = new ArrayList<>(committed);
                Collections.reverse(newestFirst);
                session.containers().removeImages(newestFirst);
            }
        }
    }

    /**
     * The argv as shown in the evidence: without {@code --cidfile} (a temporary file that is gone by the
     * time anyone pastes the line; it records the container id and changes nothing else).
     */
    static List<String> shown(List<String> args) {
        List<String> out = new ArrayList<>(args.size());
        for (int i = 0; i < args.size(); i++) {
            if (args.get(i).equals("--cidfile") && i + 1 < args.size()) {
                i++;
                continue;
            }
            out.add(args.get(i));
        }
        return out;
    }

    private static Step withoutCidFile(Step s) {
        return new Step(s.label(), s.command(), s.exitCode(), s.timedOut(), s.stdout(), s.stderr(), s.duration(),
                s.containerId(),
                "the container id was recorded with --cidfile, left out of the line above");
    }

    private static String readCid(Path cidFile, String fallback) {
        try {
            if (Files.isRegularFile(cidFile)) {
                String id = Files.readString(cidFile, StandardCharsets.UTF_8).trim();
                Files.deleteIfExists(cidFile);
                return id.isEmpty() ? fallback : id;
            }
        } catch (IOException e) {
            // the id is evidence only; the container's name identifies it as well
        }
        return fallback;
    }
}
