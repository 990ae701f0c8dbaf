package dev.factory.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.factory.BadInputException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.MessageDigest;
import java.util.Base64;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class VerificationKeyTest {
    @TempDir
    Path dir;

    @Test
    void theHintIsTheSha256OfTheDer() throws Exception {
        KeyPair pair = KeyFiles.p256();
        VerificationKey key = VerificationKey.read(KeyFiles.publicKey(dir, pair), "factory.verify.key");
        assertEquals(
                Base64.getEncoder()
                        .encodeToString(MessageDigest.getInstance("SHA-256").digest(pair.getPublic().getEncoded())),
                key.hint());
    }

    @Test
    void aPrivateKeyWhereThePublicOneBelongsIsRefusedWithoutEchoingIt() throws Exception {
        Path file = KeyFiles.sealed(dir, KeyFiles.p256(), "pw", 1024, CosignKeyFile.LABEL);
        assertEquals(
                "The public key " + file
                        + " (factory.verify.key) cannot be used: it is a private key; give the public half "
                        + "(cosign.pub) instead, and keep the private key out of the verifying side.",
                assertThrows(BadInputException.class,
                        () -> VerificationKey.read(file, "factory.verify.key")).getMessage());
        Path missing = dir.resolve("nope.pub");
        assertEquals(
                "The public key " + missing
                        + " (factory.verify.key) does not exist. Give the cosign.pub of the key pair "
                        + "that signed ('cosign public-key --key cosign.key > cosign.pub' writes it).",
                assertThrows(BadInputException.class,
                        () -> VerificationKey.read(missing, "factory.verify.key")).getMessage());
        Path garbage = Files.writeString(dir.resolve("g.pub"),
                "-----BEGIN PUBLIC KEY-----\nAAAA\n-----END PUBLIC KEY-----\n");
        assertThrows(BadInputException.class, () -> VerificationKey.read(garbage, "factory.verify.key"));
    }
}
