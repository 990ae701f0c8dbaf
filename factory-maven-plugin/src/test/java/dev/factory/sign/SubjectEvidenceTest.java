package dev.factory.sign;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SubjectEvidenceTest {
    static final String DIGEST = "sha256:" + "ab".repeat(32);
    static final String OTHER = "sha256:" + "cd".repeat(32);
    @TempDir
    Path dir;

    private SigningKey key(String name) throws Exception {
        Path d = Files.createDirectories(dir.resolve(name));
        return CosignKeyFile.open(KeyFiles.sealed(d, KeyFiles.p256(), "pw", 1024, CosignKeyFile.LABEL),
                "pw".getBytes(StandardCharsets.UTF_8), "k", "x");
    }

    private static BundleReferrers.Found found(String artifact, SigstoreBundle bundle) {
        return new BundleReferrers.Found(artifact, null, bundle, null);
    }

    @Test
    void onlyBundlesSignedWithTheKeyAndNamingTheImageCount() throws Exception {
        SigningKey signer = key("signer");
        SigningKey stranger = key("stranger");
        SigstoreBundle good = SigstoreBundle.sign(signer,
                Statement.payload(BundleFormat.COSIGN_SIGN, null, DIGEST, null));
        SigstoreBundle foreign = SigstoreBundle.sign(stranger,
                Statement.payload(BundleFormat.CYCLONEDX, "r", DIGEST, null));
        SigstoreBundle elsewhere = SigstoreBundle.sign(signer,
                Statement.payload(BundleFormat.FACTORY_RECORD, "r", OTHER, null));
        byte[] altered = Statement.payload(BundleFormat.FACTORY_RECORD, "r", DIGEST, null);
        SigstoreBundle original = SigstoreBundle.sign(signer,
                Statement.payload(BundleFormat.FACTORY_RECORD, "r", DIGEST,
                        dev.factory.io.Json.object().put("status", "fail")));
        SigstoreBundle changed = new SigstoreBundle(original.payloadType(), altered, original.signatures(),
                original.keyHint());

        SubjectEvidence e = SubjectEvidence.check(
                List.of(found("a1", good), found("a2", foreign), found("a3", elsewhere),
                        found("a4", changed),
                        new BundleReferrers.Found("a5", null, null, "its bundle is unreadable: it is not JSON")),
                DIGEST, signer.publicKey());

        assertEquals(1, e.valid(BundleFormat.COSIGN_SIGN).size());
        assertEquals(List.of("the bundle a2 is signed with another key (hint " + stranger.publicKey().hint() + ")"),
                e.problems(BundleFormat.CYCLONEDX).stream().map(SubjectEvidence.Problem::text).toList());
        assertEquals(SubjectEvidence.Fault.OTHER_KEY, e.problems(BundleFormat.CYCLONEDX).get(0).fault());
        List<SubjectEvidence.Problem> record = e.problems(BundleFormat.FACTORY_RECORD);
        assertEquals("the bundle a3 is signed for another image (" + OTHER + ")", record.get(0).text());
        assertEquals(
                "the bundle a4 does not verify with " + signer.publicKey().source()
                        + ", whose key it names: its content "
                        + "was changed after it was signed",
                record.get(1).text());
        assertEquals(SubjectEvidence.Fault.ALTERED, record.get(1).fault());
        assertTrue(e.valid(BundleFormat.FACTORY_RECORD).isEmpty());
        assertEquals("the bundle a5 cannot be used: its bundle is unreadable: it is not JSON",
                e.untyped().get(0).text());
        // what the key already signed is recognised, to be left alone when signing again
        assertTrue(e.hasVerified(Statement.payload(BundleFormat.COSIGN_SIGN, null, DIGEST, null)));
    }
}
