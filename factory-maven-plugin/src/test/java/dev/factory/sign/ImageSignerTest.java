package dev.factory.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ImageSignerTest {
    @TempDir
    Path dir;

    @Test
    void anEncryptedKeyWithoutAPasswordFailsBeforeAnyRegistryIsAsked() throws Exception {
        Path key = KeyFiles.sealed(dir, KeyFiles.p256(), "pw", 1024, CosignKeyFile.LABEL);
        List<String> log = new ArrayList<>();
        SignRequest request = new SignRequest(dir, dir.resolve("target/factory"), dir.resolve("records"), null, null,
                false,
                new SignRequest.WithKey(key, "factory.sign.key", new SignRequest.Password("COSIGN_PASSWORD", null)),
                () -> {
                    throw new AssertionError("no registry may be asked");
                }, Clock.systemUTC(), log::add, log::add);
        assertEquals("The signing key " + key
                + " is encrypted and no password was given: set COSIGN_PASSWORD (as cosign "
                + "reads it), or name a <server> of settings.xml whose password opens the key with factory.sign.serverId.",
                assertThrows(BadInputException.class, () -> new ImageSigner().sign(request)).getMessage());
        assertEquals(List.of(), log);
        assertEquals("password from COSIGN_PASSWORD",
                new SignRequest.Password("COSIGN_PASSWORD", new byte[]{'x'}).toString());
    }
}
