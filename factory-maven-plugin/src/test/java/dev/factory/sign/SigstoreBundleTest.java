package dev.factory.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.io.Json;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.Base64;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SigstoreBundleTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    @TempDir
    Path dir;

    private SigningKey key(String name) throws Exception {
        Path d = dir.resolve(name);
        java.nio.file.Files.createDirectories(d);
        return CosignKeyFile.open(KeyFiles.sealed(d, KeyFiles.p256(), "pw", 1024, CosignKeyFile.LABEL),
                "pw".getBytes(StandardCharsets.UTF_8), "k", "x");
    }

    @Test
    void paeIsDssesEncoding() {
        // the example of the DSSE protocol document
        assertEquals("DSSEv1 29 http://example.com/HelloWorld 11 hello world", new String(Dsse.pae(
                "http://example.com/HelloWorld", "hello world".getBytes(StandardCharsets.UTF_8)),
                StandardCharsets.UTF_8));
    }

    @Test
    void aSignedBundleHasCosignsShapeAndVerifiesWithItsKeyOnly() throws Exception {
        SigningKey key = key("a");
        byte[] statement = Statement.payload(BundleFormat.COSIGN_SIGN, null, DIGEST, null);
        SigstoreBundle bundle = SigstoreBundle.sign(key, statement);
        JsonNode json = Json.mapper().readTree(bundle.toJson());
        assertEquals(BundleFormat.BUNDLE_MEDIA_TYPE, json.path("mediaType").asText());
        assertEquals(key.publicKey().hint(), json.path("verificationMaterial").path("publicKey").path("hint").asText());
        assertEquals("application/vnd.in-toto+json", json.path("dsseEnvelope").path("payloadType").asText());
        assertEquals(
                "{\"_type\":\"https://in-toto.io/Statement/v1\",\"subject\":[{\"digest\":{\"sha256\":\""
                        + "ab".repeat(32)
                        + "\"}}],\"predicateType\":\"https://sigstore.dev/cosign/sign/v1\",\"predicate\":{}}",
                new String(Base64.getDecoder()
                        .decode(json.path("dsseEnvelope").path("payload").asText()), StandardCharsets.UTF_8));

        SigstoreBundle read = SigstoreBundle.parse(bundle.toJson());
        assertTrue(read.verifiedBy(key.publicKey()));
        assertFalse(read.verifiedBy(key("b").publicKey()));
        // the same signature over another payload, or another payload type, does not verify
        byte[] changed = statement.clone();
        changed[changed.length - 3] = '1';
        assertFalse(new SigstoreBundle(read.payloadType(), changed, read.signatures(), read.keyHint())
                .verifiedBy(key.publicKey()));
        assertFalse(new SigstoreBundle("text/plain", statement, read.signatures(), read.keyHint())
                .verifiedBy(key.publicKey()));
        // garbage where a signature belongs is no signature, not an exception
        assertFalse(new SigstoreBundle(read.payloadType(), statement, List.of(new byte[]{1, 2, 3}), null)
                .verifiedBy(key.publicKey()));
    }

    @Test
    void statementsNameTheirImageAndPredicate() {
        JsonNode predicate = Json.object().put("bomFormat", "CycloneDX");
        Statement s = Statement
                .parse(Statement.payload(BundleFormat.CYCLONEDX, "localhost:5000/app", DIGEST, predicate));
        assertEquals(BundleFormat.CYCLONEDX, s.predicateType());
        assertTrue(s.isAbout(DIGEST));
        assertFalse(s.isAbout("sha256:" + "cd".repeat(32)));
        assertEquals(predicate, s.predicate());
        // cosign attest writes Statement v0.1
        Statement old = Statement
                .parse(("{\"_type\":\"https://in-toto.io/Statement/v0.1\",\"subject\":[{\"name\":\"x\",\"digest\":"
                        + "{\"sha256\":\"" + "ab".repeat(32) + "\"}}],\"predicateType\":\"p\",\"predicate\":{}}")
                        .getBytes(StandardCharsets.UTF_8));
        assertTrue(old.isAbout(DIGEST));
        assertNull(Statement.parse("{\"_type\":\"other\"}".getBytes(StandardCharsets.UTF_8)));
        assertNull(Statement.parse("not json".getBytes(StandardCharsets.UTF_8)));
    }

    @Test
    void bundlesThatAreNotDsseBundlesSayWhy() {
        assertEquals("it is not JSON", assertThrows(IllegalArgumentException.class,
                () -> SigstoreBundle.parse("{".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertEquals("its mediaType is 'x', not a sigstore bundle", assertThrows(IllegalArgumentException.class,
                () -> SigstoreBundle.parse("{\"mediaType\":\"x\"}".getBytes(StandardCharsets.UTF_8))).getMessage());
        assertTrue(assertThrows(IllegalArgumentException.class, () -> SigstoreBundle.parse(
                ("{\"mediaType\":\"" + BundleFormat.BUNDLE_MEDIA_TYPE + "\",\"messageSignature\":{}}")
                        .getBytes(StandardCharsets.UTF_8)))
                .getMessage().contains("holds no DSSE envelope"));
    }
}
