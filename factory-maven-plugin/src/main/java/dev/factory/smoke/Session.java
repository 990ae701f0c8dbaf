package dev.factory.smoke;

import dev.factory.docker.Containers;
import dev.factory.docker.ProcessRunner;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/** What the executors of one goal execution share: the engine, the janitor, limits and a scratch folder (for cid files). */
record Session(Containers containers, RunJanitor janitor, int outputLimit, double emulationFactor, Path scratch) {
    /** Output kept for matching; the evidence keeps {@link #outputLimit} of it. */
    static final int CAPTURE = ProcessRunner.DEFAULT_CAPTURE_LIMIT;

    Duration budget(SmokeTest test, ImageUnderTest image) {
        return Durations.effective(test.timeout(), image.emulated(), emulationFactor);
    }

    /** A run spec for {@code imageRef} (the image, or a setup step's commit of it) on the image's platform, labelled. */
    Containers.Spec spec(ImageUnderTest image, String imageRef) {
        return janitor.label(new Containers.Spec(imageRef).platform(image.platform()), image.build());
    }

    /** Environment and containerRunOptions of command and service tests. */
    static void apply(Containers.Spec spec, List<SmokeTest.KeyValue> env, SmokeTest.RunOptions options,
            Map<String, String> imageEnv) {
        if (options.user() != null) {
            spec.user(options.user());
        }
        spec.privileged(options.privileged()).tty(options.tty());
        options.capabilities().forEach(spec::capability);
        options.bindMounts().forEach(spec::volume);
        if (options.envFile() != null) {
            spec.envFile(options.envFile());
        }
        options.envPassthrough().forEach(spec::env);
        for (SmokeTest.KeyValue kv : env) {
            spec.env(kv.key() + "=" + EnvExpansion.expand(kv.value(), imageEnv));
        }
    }

    static List<String> expand(List<String> words, Map<String, String> env) {
        List<String> out = new ArrayList<>(words.size());
        words.forEach(w -> out.add(EnvExpansion.expand(w, env)));
        return out;
    }

    Step step(String label, List<String> dockerArgs, ProcessRunner.Result r, String containerId) {
        List<String> argv = new ArrayList<>();
        argv.add(containers.docker().binary());
        argv.addAll(dockerArgs);
        return new Step(label, Containers.commandLine(argv), r.timedOut() ? null : r.exitCode(), r.timedOut(),
                Step.Output.of(r.stdout(), r.stdoutTruncated(), outputLimit),
                Step.Output.of(r.stderr(), r.stderrTruncated(), outputLimit), r.duration(), containerId, null);
    }

    Step note(String label, String command, String text, Duration duration, String containerId) {
        return new Step(label, command, null, false, Step.Output.of(text, false, outputLimit), Step.Output.EMPTY,
                duration,
                containerId, null);
    }

    static Duration since(long startNanos) {
        return Duration.ofNanos(System.nanoTime() - startNanos);
    }
}
