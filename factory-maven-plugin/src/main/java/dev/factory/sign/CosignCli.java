package dev.factory.sign;

import dev.factory.EnvironmentException;
import dev.factory.docker.Docker;
import dev.factory.docker.ProcessRunner;
import dev.factory.sbom.Executables;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * The cosign CLI, for keyless signing: Fulcio's certificate for the CI's OIDC identity and Rekor's log entry are
 * cosign's business, so Factory hands it the digests and files instead of talking to those services itself.
 * Started through {@link ProcessRunner} with an argv array, never a shell.
 */
final class CosignCli {
    static final Duration TIMEOUT = Duration.ofMinutes(5);
    private final Path executable;

    CosignCli(Path executable) {
        this.executable = executable;
    }

    /** cosign as configured: a path, or a name on the PATH. */
    static CosignCli find(String cosign) {
        Path path = cosign.contains("/") ? Path.of(cosign)
                : Executables.onPath(cosign).orElseThrow(() -> new EnvironmentException(
                        "Keyless signing runs the cosign CLI, and '" + cosign
                                + "' is not on the PATH. Install cosign (in GitHub Actions: "
                                + "sigstore/cosign-installer), or point factory.sign.cosign at it."));
        return new CosignCli(path);
    }

    Path executable() {
        return executable;
    }

    /** {@code cosign sign --yes <ref>}. */
    void sign(String reference, boolean plainHttp) {
        run(argv(List.of("sign", "--yes"), plainHttp, reference), "sign " + reference);
    }

    /** {@code cosign attest --yes --type <type> --predicate <file> <ref>}. */
    void attest(String reference, Path predicate, String type, boolean plainHttp) {
        run(argv(List.of("attest", "--yes", "--type", type, "--predicate", predicate.toString()), plainHttp, reference),
                "attest " + type + " for " + reference);
    }

    List<String> argv(List<String> command, boolean plainHttp, String reference) {
        List<String> argv = new ArrayList<>();
        argv.add(executable.toString());
        argv.addAll(command);
        if (plainHttp) {
            argv.add("--allow-http-registry");
        }
        argv.add(reference);
        return argv;
    }

    private void run(List<String> argv, String what) {
        ProcessRunner.Result r = ProcessRunner.run(ProcessRunner.Command.of(argv).timeout(TIMEOUT));
        if (r.timedOut()) {
            throw new EnvironmentException(
                    "cosign did not finish within " + TIMEOUT.toMinutes() + " minutes (" + what + "); "
                            + "check that Fulcio, Rekor and the registry are reachable.");
        }
        if (!r.ok()) {
            throw new EnvironmentException("cosign failed (" + what + ", exit " + r.exitCode() + "): "
                    + Docker.lastLines(r.stderr(), 8) + ". Keyless signing needs an OIDC identity: in GitHub Actions, "
                    + "'permissions: id-token: write' on the job.");
        }
    }
}
