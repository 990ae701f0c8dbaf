package dev.factory.sign;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.security.spec.ECGenParameterSpec;
import java.util.Arrays;
import java.util.Base64;
import org.bouncycastle.crypto.engines.XSalsa20Engine;
import org.bouncycastle.crypto.generators.SCrypt;
import org.bouncycastle.crypto.macs.Poly1305;
import org.bouncycastle.crypto.params.KeyParameter;
import org.bouncycastle.crypto.params.ParametersWithIV;

/**
 * Key files for the unit tests, sealed the way NaCl's secretbox seals (the direction Factory never takes): the
 * JDK makes the key pair, BouncyCastle the primitives. The lab ITs use keys that the real cosign made.
 */
final class KeyFiles {
    private KeyFiles() {}

    static KeyPair p256() throws Exception {
        KeyPairGenerator g = KeyPairGenerator.getInstance("EC");
        g.initialize(new ECGenParameterSpec("secp256r1"));
        return g.generateKeyPair();
    }

    /** An encrypted key file; a small N keeps the tests fast (cosign's is 65536). */
    static Path sealed(Path dir, KeyPair pair, String password, int n, String label) throws Exception {
        SecureRandom random = new SecureRandom();
        byte[] salt = new byte[32];
        byte[] nonce = new byte[24];
        random.nextBytes(salt);
        random.nextBytes(nonce);
        byte[] key = SCrypt.generate(password.getBytes(StandardCharsets.UTF_8), salt, n, 8, 1, 32);
        byte[] plain = pair.getPrivate().getEncoded();
        XSalsa20Engine stream = new XSalsa20Engine();
        stream.init(true, new ParametersWithIV(new KeyParameter(key), nonce));
        byte[] macKey = new byte[32];
        stream.processBytes(new byte[32], 0, 32, macKey, 0);
        byte[] cipher = new byte[plain.length];
        stream.processBytes(plain, 0, plain.length, cipher, 0);
        Poly1305 mac = new Poly1305();
        mac.init(new KeyParameter(macKey));
        mac.update(cipher, 0, cipher.length);
        byte[] tag = new byte[16];
        mac.doFinal(tag, 0);
        byte[] box = Arrays.copyOf(tag, 16 + cipher.length);
        System.arraycopy(cipher, 0, box, 16, cipher.length);
        ObjectNode o = Json.object();
        ObjectNode kdf = o.putObject("kdf");
        kdf.put("name", "scrypt");
        kdf.putObject("params").put("N", n).put("r", 8).put("p", 1);
        kdf.put("salt", Base64.getEncoder().encodeToString(salt));
        o.putObject("cipher").put("name", "nacl/secretbox").put("nonce", Base64.getEncoder().encodeToString(nonce));
        o.put("ciphertext", Base64.getEncoder().encodeToString(box));
        return pem(dir.resolve("cosign.key"), label, Json.compact(o).getBytes(StandardCharsets.UTF_8));
    }

    static Path pem(Path file, String label, byte[] body) throws Exception {
        String text = "-----BEGIN " + label + "-----\n"
                + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(body)
                + "\n-----END " + label + "-----\n";
        return Files.writeString(file, text);
    }

    static Path publicKey(Path dir, KeyPair pair) throws Exception {
        return pem(dir.resolve("cosign.pub"), "PUBLIC KEY", pair.getPublic().getEncoded());
    }
}
