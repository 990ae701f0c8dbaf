package dev.factory.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Opens a private key file as {@code cosign generate-key-pair} writes it: a PEM block
 * {@code ENCRYPTED SIGSTORE PRIVATE KEY} (cosign 1.x: {@code ENCRYPTED COSIGN PRIVATE KEY}) whose body is a JSON
 * envelope: an scrypt key derivation ({@code N}, {@code r}, {@code p}, salt) and a NaCl secretbox (XSalsa20 +
 * Poly1305, 24-byte nonce) around the PKCS#8 DER of the key.
 *
 * <p>The primitives are BouncyCastle's; what is ours is putting them together as NaCl's secretbox does (the
 * first 32 bytes of the XSalsa20 key stream key Poly1305, the tag precedes the text), because no library on
 * Maven Central opens this envelope (sigstore-java has no reader for it). The password and every derived secret
 * are wiped after use and never appear in a message.
 */
public final class CosignKeyFile {
    static final String LABEL = "ENCRYPTED SIGSTORE PRIVATE KEY";
    static final String LEGACY_LABEL = "ENCRYPTED COSIGN PRIVATE KEY";
    private static final int MAX_FILE = 64 * 1024;
    /** scrypt needs 128 * N * r bytes of memory: cosign's default (N=65536, r=8) is 64 MiB; a hostile file gets no more than 256 MiB. */
    private static final long MAX_SCRYPT_MEMORY = 256L * 1024 * 1024;
    private static final int TAG = 16;
    private static final int NONCE = 24;

    private CosignKeyFile() {}

    /**
     * The signing key in {@code file}, opened with {@code password} (wiped here once used).
     *
     * @param setting the parameter that named the file, for messages ({@code factory.sign.key})
     * @param passwordSource where the password came from, for messages ({@code COSIGN_PASSWORD}); never the password
     */
    public static SigningKey open(Path file, byte[] password, String setting, String passwordSource) {
        try {
            Envelope envelope = envelope(file, setting);
            byte[] pkcs8 = decrypt(envelope, password, file, passwordSource);
            try {
                return SigningKey.fromPkcs8(pkcs8, file.toString());
            } finally {
                Arrays.fill(pkcs8, (byte) 0);
            }
        } finally {
            Arrays.fill(password, (byte) 0);
        }
    }

    /** The parsed envelope: KDF parameters, nonce and the sealed box (tag, then cipher text). */
    record Envelope(int n, int r, int p, byte[] salt, byte[] nonce, byte[] box) {}

    static Envelope envelope(Path file, String setting) {
        byte[] raw;
        try {
            if (Files.size(file) > MAX_FILE) {
                throw notAKeyFile(file, setting, "it is larger than any key file (" + Files.size(file) + " bytes)");
            }
            raw = Files.readAllBytes(file);
        } catch (NoSuchFileException e) {
            throw new BadInputException(
                    "The signing key " + file + " (" + setting + ") does not exist. Make a key pair with "
                            + "'cosign generate-key-pair' and point " + setting + " at its cosign.key.");
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the signing key " + file + " (" + e.getMessage() + ").", e);
        }
        String text = new String(raw, StandardCharsets.ISO_8859_1);
        Arrays.fill(raw, (byte) 0);
        String body = pemBody(text, file, setting);
        JsonNode json;
        try {
            json = Json.mapper().readTree(Base64.getMimeDecoder().decode(body));
        } catch (IOException | IllegalArgumentException e) {
            throw notAKeyFile(file, setting, "its PEM body is not cosign's encrypted-key JSON");
        }
        if (json == null || !json.isObject()) {
            throw notAKeyFile(file, setting, "its PEM body is not cosign's encrypted-key JSON");
        }
        String kdf = json.path("kdf").path("name").asText("");
        String cipher = json.path("cipher").path("name").asText("");
        if (!"scrypt".equals(kdf) || !"nacl/secretbox".equals(cipher)) {
            throw notAKeyFile(file, setting, "it is sealed with kdf '" + kdf + "' and cipher '" + cipher
                    + "'; cosign keys use scrypt and nacl/secretbox");
        }
        JsonNode params = json.path("kdf").path("params");
        int n = params.path("N").asInt(-1);
        int r = params.path("r").asInt(-1);
        int p = params.path("p").asInt(-1);
        if (n < 2 || (n & (n - 1)) != 0 || r < 1 || p < 1 || p > 16 || 128L * n * r > MAX_SCRYPT_MEMORY) {
            throw notAKeyFile(file, setting,
                    "its scrypt parameters (N=" + n + ", r=" + r + ", p=" + p + ") are not what cosign "
                            + "writes (N a power of two, scrypt memory up to " + MAX_SCRYPT_MEMORY / (1024 * 1024)
                            + " MiB, p up to 16)");
        }
        byte[] salt = base64(json.path("kdf").path("salt"), file, setting, "kdf.salt");
        byte[] nonce = base64(json.path("cipher").path("nonce"), file, setting, "cipher.nonce");
        byte[] box = base64(json.path("ciphertext"), file, setting, "ciphertext");
        if (nonce.length != NONCE || box.length <= TAG) {
            throw notAKeyFile(file, setting, "its nonce or cipher text has the wrong length");
        }
        return new Envelope(n, r, p, salt, nonce, box);
    }

    private static String pemBody(String text, Path file, String setting) {
        int begin = text.indexOf("-----BEGIN ");
        if (begin < 0) {
            throw notAKeyFile(file, setting, "it has no PEM block");
        }
        int labelEnd = text.indexOf("-----", begin + 11);
        String label = labelEnd < 0 ? "" : text.substring(begin + 11, labelEnd);
        if (!LABEL.equals(label) && !LEGACY_LABEL.equals(label)) {
            // only the label is named: the block itself may be an unencrypted private key
            throw notAKeyFile(file, setting,
                    "its PEM block is '" + label.replaceAll("[^A-Z0-9 ]", "?") + "', not '" + LABEL + "'");
        }
        String end = "-----END " + label + "-----";
        int endAt = text.indexOf(end, labelEnd + 5);
        if (endAt < 0) {
            throw notAKeyFile(file, setting, "its PEM block has no END line");
        }
        return text.substring(labelEnd + 5, endAt).trim();
    }

    private static byte[] base64(JsonNode node, Path file, String setting, String field) {
        try {
            return Base64.getDecoder().decode(node.asText(""));
        } catch (IllegalArgumentException e) {
            throw notAKeyFile(file, setting, "its " + field + " is not base64");
        }
    }

    private static BadInputException notAKeyFile(Path file, String setting, String why) {
        return new BadInputException("The signing key " + file + " (" + setting + ") is not a cosign key file: " + why
                + ". Point " + setting
                + " at the cosign.key that 'cosign generate-key-pair' wrote (or 'cosign import-key-pair' "
                + "made from your own key).");
    }

    /** Opens the secretbox; a tag that does not match means the password is wrong (or the file was changed). */
    static byte[] decrypt(Envelope e, byte[] password, Path file, String passwordSource) {
        byte[] key = SCrypt.generate(password, e.salt(), e.n(), e.r(), e.p(), 32);
        byte[] macKey = new byte[32];
        byte[] tag = new byte[TAG];
        try {
            XSalsa20Engine stream = new XSalsa20Engine();
            stream.init(false, new ParametersWithIV(new KeyParameter(key), e.nonce()));
            stream.processBytes(new byte[32], 0, 32, macKey, 0);
            Poly1305 mac = new Poly1305();
            mac.init(new KeyParameter(macKey));
            mac.update(e.box(), TAG, e.box().length - TAG);
            mac.doFinal(tag, 0);
            if (!MessageDigest.isEqual(tag, Arrays.copyOf(e.box(), TAG))) {
                throw new BadInputException("The password from " + passwordSource + " does not open the signing key "
                        + file
                        + ": it is not the password the key was made with (or the file was changed since). Give the right "
                        + "password, or make a new key pair with 'cosign generate-key-pair'.");
            }
            byte[] plain = new byte[e.box().length - TAG];
            stream.processBytes(e.box(), TAG, plain.length, plain, 0);
            return plain;
        } finally {
            Arrays.fill(key, (byte) 0);
            Arrays.fill(macKey, (byte) 0);
        }
    }
}
