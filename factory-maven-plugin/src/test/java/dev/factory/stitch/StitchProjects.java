package dev.factory.stitch;

import static dev.factory.testing.TestFiles.write;

import dev.factory.manifest.InputLimits;
import dev.factory.oci.Credentials;
import dev.factory.oci.Registries;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;

/** Projects for stitch written as text (manifests, plans, fragments), and the requests that stitch them. */
final class StitchProjects {
    private StitchProjects() {}

    /**
     * The manifest app (busybox, amd64 and arm64, the fragments hello and healthcheck), its plan greet over a parameter
     * and a fragment (core.greeting: hi, salut; light: healthcheck, note), and the project fragments hello and note.
     */
    static Path greet(Path p) throws IOException {
        write(p, "src/main/factory/manifests/app.yaml", "id: app\nbase: busybox:1.35\n"
                + "platforms: [linux/amd64, linux/arm64]\n"
                + "fragments:\n  core: hello\n  light:\n    fragment: healthcheck\n    params: {tool: wget}\n");
        write(p, "src/main/factory/plans/greet.yaml",
                "manifest: app\naxes:\n  core.greeting: [hi, salut]\n  light: [healthcheck, note]\n");
        write(p, "src/main/factory/fragments/core/hello/fragment.yaml",
                "name: hello\nslot: core\nversion: 1.0.0\ndescription: says hi\n"
                        + "parameters:\n  greeting: {description: the word, default: hi}\n");
        write(p, "src/main/factory/fragments/core/hello/Dockerfile.vm", "RUN echo ${params.greeting} > /greeting\n");
        write(p, "src/main/factory/fragments/light/note/fragment.yaml",
                "name: note\nslot: light\nversion: 2.0.0\ndescription: a note\n");
        write(p, "src/main/factory/fragments/light/note/Dockerfile.vm", "LABEL note=yes\n");
        return p;
    }

    /**
     * Stitches every manifest of {@code project} (only the variant {@code build}, unless null), its public bases from
     * {@code mirror}; {@code bases} null leaves them unresolved. Lines and warnings go to {@code log}.
     */
    static StitchResult stitch(Path project, String build, String mirror, BaseDigests bases, boolean pin,
            Consumer<String> log) {
        return new Stitcher().stitch(new StitchRequest(project, project.resolve("src/main/factory"),
                project.resolve("src/main/factory/manifests"), project.resolve("src/main/factory/plans"),
                project.resolve("target/factory"), null, build, mirror,
                Map.of("version", "1.0", "properties", Map.of()), StitchProjects.class.getClassLoader(), log,
                InputLimits.DEFAULTS, bases, pin, log));
    }

    /** Base digests resolved through the registries, without credentials (a FakeRegistry's). */
    static BaseDigests registryBases() {
        return new BaseDigests(() -> new Registries(Credentials.Provider.NONE, Set.of(), 0), null,
                Duration.ofSeconds(10));
    }
}
