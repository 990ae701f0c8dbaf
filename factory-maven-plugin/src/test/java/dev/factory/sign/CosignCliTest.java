package dev.factory.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;

import dev.factory.EnvironmentException;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.function.Executable;

class CosignCliTest {
    @Test
    void argvIsAnArrayWithTheReferenceLast() {
        CosignCli cli = new CosignCli(Path.of("/opt/cosign"));
        assertEquals(List.of("/opt/cosign", "attest", "--yes", "--type", "cyclonedx", "--predicate", "/p/sbom.json",
                "--allow-http-registry", "localhost:5000/app@sha256:ab"),
                cli.argv(List.of("attest", "--yes", "--type", "cyclonedx", "--predicate", "/p/sbom.json"), true,
                        "localhost:5000/app@sha256:ab"));
        assertEquals(List.of("/opt/cosign", "sign", "--yes", "ghcr.io/o/app@sha256:ab"),
                cli.argv(List.of("sign", "--yes"), false, "ghcr.io/o/app@sha256:ab"));
    }

    @Test
    void keylessWithoutCosignOnThePathSaysHowToGetIt() {
        Executable find = () -> CosignCli.find("cosign-that-is-not-installed-anywhere");
        assertEquals(
                "Keyless signing runs the cosign CLI, and 'cosign-that-is-not-installed-anywhere' is not on the PATH. "
                        + "Install cosign (in GitHub Actions: sigstore/cosign-installer), or point factory.sign.cosign at it.",
                org.junit.jupiter.api.Assertions.assertThrows(EnvironmentException.class, find).getMessage());
    }
}
