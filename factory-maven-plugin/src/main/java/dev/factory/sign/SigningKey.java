package dev.factory.sign;

import dev.factory.BadInputException;
import java.io.IOException;
import java.security.GeneralSecurityException;
import java.security.KeyFactory;
import java.security.PrivateKey;
import java.security.Signature;
import java.security.interfaces.ECPrivateKey;
import java.security.spec.PKCS8EncodedKeySpec;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.crypto.params.AsymmetricKeyParameter;
import org.bouncycastle.crypto.params.ECPrivateKeyParameters;
import org.bouncycastle.crypto.params.ECPublicKeyParameters;
import org.bouncycastle.crypto.util.PrivateKeyFactory;
import org.bouncycastle.crypto.util.SubjectPublicKeyInfoFactory;
import org.bouncycastle.math.ec.ECPoint;
import org.bouncycastle.math.ec.FixedPointCombMultiplier;

/**
 * An ECDSA P-256 private key (what {@code cosign generate-key-pair} makes) and its public half. Signs with
 * SHA-256 and writes ASN.1 DER signatures, as cosign does; the JDK's provider does the signing.
 */
public final class SigningKey {
    private final PrivateKey privateKey;
    private final VerificationKey publicKey;

    private SigningKey(PrivateKey privateKey, VerificationKey publicKey) {
        this.privateKey = privateKey;
        this.publicKey = publicKey;
    }

    /** From the PKCS#8 DER inside a key file; {@code source} names the file in messages. */
    static SigningKey fromPkcs8(byte[] pkcs8, String source) {
        PrivateKey key;
        try {
            key = KeyFactory.getInstance("EC").generatePrivate(new PKCS8EncodedKeySpec(pkcs8));
        } catch (GeneralSecurityException e) {
            throw new BadInputException(
                    "The signing key " + source + " opens, but holds no ECDSA key (" + e.getMessage()
                            + "). Factory signs with ECDSA P-256 keys, which 'cosign generate-key-pair' makes.");
        }
        if (!(key instanceof ECPrivateKey ec) || !VerificationKey.isP256(ec.getParams())) {
            throw new BadInputException(
                    "The signing key " + source + " is an ECDSA key on another curve than P-256. Factory "
                            + "signs with ECDSA P-256 keys, which 'cosign generate-key-pair' makes.");
        }
        return new SigningKey(key, new VerificationKey(publicKeyOf(pkcs8), source));
    }

    /** The public key in X.509 SubjectPublicKeyInfo DER: the point d·G, which PKCS#8 need not carry. */
    private static byte[] publicKeyOf(byte[] pkcs8) {
        try {
            AsymmetricKeyParameter parsed = PrivateKeyFactory.createKey(pkcs8);
            ECPrivateKeyParameters priv = (ECPrivateKeyParameters) parsed;
            ECPoint q = new FixedPointCombMultiplier().multiply(priv.getParameters().getG(), priv.getD()).normalize();
            SubjectPublicKeyInfo info = SubjectPublicKeyInfoFactory.createSubjectPublicKeyInfo(
                    new ECPublicKeyParameters(q, priv.getParameters()));
            return info.getEncoded("DER");
        } catch (IOException | ClassCastException e) {
            throw new IllegalStateException("the JDK read this P-256 key but BouncyCastle did not: " + e.getMessage(),
                    e);
        }
    }

    public VerificationKey publicKey() {
        return publicKey;
    }

    /** ECDSA over SHA-256 of {@code data}, DER-encoded. */
    public byte[] sign(byte[] data) {
        try {
            Signature s = Signature.getInstance("SHA256withECDSA");
            s.initSign(privateKey);
            s.update(data);
            return s.sign();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("the JDK cannot sign with an ECDSA P-256 key: " + e.getMessage(), e);
        }
    }
}
