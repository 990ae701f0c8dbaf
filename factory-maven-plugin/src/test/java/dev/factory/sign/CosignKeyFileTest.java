package dev.factory.sign;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.factory.BadInputException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.Signature;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class CosignKeyFileTest {
    @TempDir
    Path dir;

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }

    @Test
    void opensTheKeyAndSignsWhatItsPublicHalfVerifies() throws Exception {
        KeyPair pair = KeyFiles.p256();
        Path file = KeyFiles.sealed(dir, pair, "correct horse", 1024, CosignKeyFile.LABEL);
        SigningKey key = CosignKeyFile.open(file, bytes("correct horse"), "factory.sign.key", "COSIGN_PASSWORD");

        // the public half is derived from the private key alone, and is the JDK's encoding of the same key
        assertArrayEquals(pair.getPublic().getEncoded(), java.util.Base64.getMimeDecoder().decode(
                key.publicKey().pem().replaceAll("-----[A-Z ]+-----", "").trim()));
        byte[] data = bytes("DSSEv1 ...");
        Signature jdk = Signature.getInstance("SHA256withECDSA");
        jdk.initVerify(pair.getPublic());
        jdk.update(data);
        assertTrue(jdk.verify(key.sign(data)));
    }

    @Test
    void readsCosignOneKeysToo() throws Exception {
        Path file = KeyFiles.sealed(dir, KeyFiles.p256(), "pw", 1024, CosignKeyFile.LEGACY_LABEL);
        CosignKeyFile.open(file, bytes("pw"), "factory.sign.key", "COSIGN_PASSWORD");
    }

    @Test
    void aWrongPasswordSaysWhereItCameFromAndNeverWhatItIs() throws Exception {
        Path file = KeyFiles.sealed(dir, KeyFiles.p256(), "right-one", 1024, CosignKeyFile.LABEL);
        byte[] wrong = bytes("wrong-one");
        BadInputException e = assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(file, wrong, "factory.sign.key", "<server> 'signing' of settings.xml"));
        assertEquals("The password from <server> 'signing' of settings.xml does not open the signing key " + file
                + ": it is "
                + "not the password the key was made with (or the file was changed since). Give the right password, or make a "
                + "new key pair with 'cosign generate-key-pair'.", e.getMessage());
        assertFalse(e.getMessage().contains("wrong-one") || e.getMessage().contains("right-one"));
        // the password is wiped once used
        assertArrayEquals(new byte[wrong.length], wrong);
    }

    @Test
    void aChangedKeyFileDoesNotOpen() throws Exception {
        Path file = KeyFiles.sealed(dir, KeyFiles.p256(), "pw", 1024, CosignKeyFile.LABEL);
        CosignKeyFile.Envelope e = CosignKeyFile.envelope(file, "factory.sign.key");
        byte[] box = e.box().clone();
        box[box.length - 1] ^= 1;
        CosignKeyFile.Envelope changed = new CosignKeyFile.Envelope(e.n(), e.r(), e.p(), e.salt(), e.nonce(), box);
        assertThrows(BadInputException.class,
                () -> CosignKeyFile.decrypt(changed, bytes("pw"), file, "COSIGN_PASSWORD"));
    }

    @Test
    void aFileThatIsNoCosignKeyIsNamedWithTheFix() throws Exception {
        Path pub = KeyFiles.publicKey(dir, KeyFiles.p256());
        BadInputException e = assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(pub, bytes("pw"), "factory.sign.key", "COSIGN_PASSWORD"));
        assertEquals("The signing key " + pub
                + " (factory.sign.key) is not a cosign key file: its PEM block is 'PUBLIC KEY', "
                + "not 'ENCRYPTED SIGSTORE PRIVATE KEY'. Point factory.sign.key at the cosign.key that 'cosign generate-key-pair' "
                + "wrote (or 'cosign import-key-pair' made from your own key).", e.getMessage());

        Path plain = KeyFiles.pem(dir.resolve("plain.key"), "PRIVATE KEY", KeyFiles.p256().getPrivate().getEncoded());
        String message = assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(plain, bytes("pw"), "factory.sign.key", "COSIGN_PASSWORD")).getMessage();
        assertTrue(message.contains("its PEM block is 'PRIVATE KEY'"), message);
        // the key itself is never echoed
        assertFalse(message.contains(Files.readString(plain).lines().skip(1).findFirst().orElseThrow()));

        Path text = Files.writeString(dir.resolve("notes.txt"), "hello");
        assertTrue(assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(text, bytes("pw"), "factory.sign.key", "x"))
                .getMessage().contains("is not a cosign key file: it has no PEM block."));
        Path missing = dir.resolve("missing.key");
        assertEquals("The signing key " + missing + " (factory.sign.key) does not exist. Make a key pair with 'cosign "
                + "generate-key-pair' and point factory.sign.key at its cosign.key.",
                assertThrows(BadInputException.class,
                        () -> CosignKeyFile.open(missing, bytes("pw"), "factory.sign.key", "x")).getMessage());
    }

    @Test
    void hostileScryptParametersAreRefusedBeforeAnyWork() throws Exception {
        String body = "{\"kdf\":{\"name\":\"scrypt\",\"params\":{\"N\":1073741824,\"r\":8,\"p\":1},\"salt\":\"AA==\"},"
                + "\"cipher\":{\"name\":\"nacl/secretbox\",\"nonce\":\"AA==\"},\"ciphertext\":\"AA==\"}";
        Path file = KeyFiles.pem(dir.resolve("huge.key"), CosignKeyFile.LABEL, bytes(body));
        String message = assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(file, bytes("pw"), "factory.sign.key", "x")).getMessage();
        assertTrue(message.contains("its scrypt parameters (N=1073741824, r=8, p=1) are not what cosign writes"),
                message);

        Path other = KeyFiles.pem(dir.resolve("other.key"), CosignKeyFile.LABEL,
                bytes(body.replace("nacl/secretbox", "aes-gcm")));
        assertTrue(assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(other, bytes("pw"), "factory.sign.key", "x"))
                .getMessage().contains("it is sealed with kdf 'scrypt' and cipher 'aes-gcm'"));
    }

    @Test
    void onlyP256KeysSign() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp384r1"));
        Path file = KeyFiles.sealed(dir, g.generateKeyPair(), "pw", 1024, CosignKeyFile.LABEL);
        assertEquals(
                "The signing key " + file
                        + " is an ECDSA key on another curve than P-256. Factory signs with ECDSA P-256 "
                        + "keys, which 'cosign generate-key-pair' makes.",
                assertThrows(BadInputException.class,
                        () -> CosignKeyFile.open(file, bytes("pw"), "factory.sign.key", "x")).getMessage());
        Path rsa = KeyFiles.sealed(dir, rsa(), "pw", 1024, CosignKeyFile.LABEL);
        assertTrue(assertThrows(BadInputException.class,
                () -> CosignKeyFile.open(rsa, bytes("pw"), "factory.sign.key", "x"))
                .getMessage().contains("opens, but holds no ECDSA key"));
    }

    private static KeyPair rsa() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("RSA");
        g.initialize(2048);
        return g.generateKeyPair();
    }

    @Test
    void thePasswordArrayIsWipedEvenWhenTheFileIsBad() throws Exception {
        byte[] password = bytes("secret");
        assertThrows(BadInputException.class, () -> CosignKeyFile.open(dir.resolve("none"), password, "k", "x"));
        assertTrue(Arrays.equals(new byte[6], password));
    }
}
