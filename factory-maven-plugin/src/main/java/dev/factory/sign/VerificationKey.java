package dev.factory.sign;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import java.io.IOException;
import java.math.BigInteger;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.AlgorithmParameters;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PublicKey;
import java.security.Signature;
import java.security.interfaces.ECPublicKey;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.ECParameterSpec;
import java.security.spec.X509EncodedKeySpec;
import java.util.Base64;

/**
 * An ECDSA P-256 public key, as in the {@code cosign.pub} that {@code cosign generate-key-pair} writes (PEM
 * {@code PUBLIC KEY}, X.509 SubjectPublicKeyInfo). Its hint is what sigstore bundles carry in
 * {@code verificationMaterial.publicKey.hint}: base64 of the SHA-256 of that DER.
 */
public final class VerificationKey {
    private static final BigInteger P256_ORDER = p256Order();
    private final PublicKey key;
    private final byte[] der;
    private final String source;

    VerificationKey(byte[] der, String source) {
        this.der = der.clone();
        this.source = source;
        try {
            this.key = KeyFactory.getInstance("EC").generatePublic(new X509EncodedKeySpec(der));
        } catch (GeneralSecurityException e) {
            throw new BadInputException("The public key " + source + " is not an ECDSA public key (" + e.getMessage()
                    + "). "
                    + "Give the cosign.pub of the key pair that signed ('cosign public-key --key cosign.key' prints it).");
        }
        if (!(key instanceof ECPublicKey ec) || !isP256(ec.getParams())) {
            throw new BadInputException(
                    "The public key " + source + " is not on the P-256 curve. Factory signs and checks with "
                            + "ECDSA P-256 keys, which 'cosign generate-key-pair' makes.");
        }
    }

    /**
     * Reads a PEM public key file.
     *
     * @param setting the parameter that named it, for messages
     */
    public static VerificationKey read(Path file, String setting) {
        String text;
        try {
            if (Files.size(file) > 64 * 1024) {
                throw notAPublicKey(file, setting, "it is larger than any public key file");
            }
            text = Files.readString(file, StandardCharsets.ISO_8859_1);
        } catch (NoSuchFileException e) {
            throw new BadInputException("The public key " + file + " (" + setting
                    + ") does not exist. Give the cosign.pub of "
                    + "the key pair that signed ('cosign public-key --key cosign.key > cosign.pub' writes it).");
        } catch (IOException e) {
            throw new EnvironmentException("Cannot read the public key " + file + " (" + e.getMessage() + ").", e);
        }
        String begin = "-----BEGIN PUBLIC KEY-----";
        int at = text.indexOf(begin);
        if (at < 0) {
            boolean secret = text.contains("PRIVATE KEY-----");
            throw notAPublicKey(file, setting,
                    secret ? "it is a private key; give the public half (cosign.pub) instead, "
                            + "and keep the private key out of the verifying side" : "it has no '" + begin + "' block");
        }
        int end = text.indexOf("-----END PUBLIC KEY-----", at);
        if (end < 0) {
            throw notAPublicKey(file, setting, "its PEM block has no END line");
        }
        byte[] der;
        try {
            der = Base64.getMimeDecoder().decode(text.substring(at + begin.length(), end).trim());
        } catch (IllegalArgumentException e) {
            throw notAPublicKey(file, setting, "its PEM body is not base64");
        }
        return new VerificationKey(der, file.toString());
    }

    private static BadInputException notAPublicKey(Path file, String setting, String why) {
        return new BadInputException("The public key " + file + " (" + setting + ") cannot be used: " + why + ".");
    }

    /** Where the key came from (a file), for messages. */
    public String source() {
        return source;
    }

    /** base64(SHA-256(DER)): the key's hint in sigstore bundles. */
    public String hint() {
        try {
            return Base64.getEncoder().encodeToString(java.security.MessageDigest.getInstance("SHA-256").digest(der));
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The PEM text, as cosign writes cosign.pub. */
    public String pem() {
        return "-----BEGIN PUBLIC KEY-----\n" + Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(der)
                + "\n-----END PUBLIC KEY-----\n";
    }

    /** Whether {@code signature} (ASN.1 DER) is this key's ECDSA/SHA-256 signature of {@code data}. */
    public boolean verifies(byte[] data, byte[] signature) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initVerify(key);
            s.update(data);
            return s.verify(signature);
        } catch (java.security.SignatureException e) {
            // not DER, or out of range: not a signature by this key
            return false;
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot verify ECDSA P-256 signatures: " + e.getMessage(), e);
        }
    }

    static boolean isP256(ECParameterSpec params) {
        return params != null && P256_ORDER.equals(params.getOrder()) && params.getCofactor() == 1;
    }

    private static BigInteger p256Order() {
        try {
            AlgorithmParameters p = AlgorithmParameters.getInstance("EC");
            p.init(new ECGenParameterSpec("secp256r1"));
            return p.getParameterSpec(ECParameterSpec.class).getOrder();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK has no P-256 curve: " + e.getMessage(), e);
        }
    }
}
