package dev.factory.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import dev.factory.oci.Descriptor;
import dev.factory.oci.Digests;
import dev.factory.oci.ImageIndex;
import dev.factory.oci.ImageReference;
import dev.factory.oci.MediaTypes;
import dev.factory.oci.RegistryClient;
import dev.factory.record.CompatibilityRecord;
import dev.factory.record.RecordFiles;
import java.io.IOException;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * factory:verify-image's core, the promotion gate. The image (tag or digest) must be signed with the key; when it
 * is a multi-arch index, the index and each of its images must be; and each image must have, signed with the same
 * key and naming its digest, a record whose newest verdict is {@code pass} and a CycloneDX SBOM. Anything missing
 * or wrong fails with one message that says, per manifest, which of the three and why.
 */
public final class ImageVerifier {

    /** Why an image fails; each kind has one piece of advice in the message. */
    private enum Advice {
        MISSING("Sign the image and attest its evidence with factory:sign (mvn deploy runs it when factory.sign.key is set)."),
        OTHER_KEY(
                "The key %s (hint %s) did not sign these: check that factory.verify.key is the public half of the key that "
                        + "signed ('cosign public-key --key cosign.key' prints it)."),
        TAMPERED(
                "Something in the registry was changed after it was signed: do not promote this image; find out who can "
                        + "write to the repository, then sign again from the build's own evidence."),
        INVALID("An attestation signed with this key does not hold what factory:sign attests (a factory.record/v1 record "
                + "about this image, a CycloneDX SBOM of it): attest with factory:sign."),
        NOT_PASSED("The image's newest record is not a pass: fix the variant, build, test and sign again.");

        final String text;

        Advice(String text) {
            this.text = text;
        }
    }

    /** One manifest to check: an index (signature only) or an image (signature, record, SBOM). */
    private record Subject(String label, String digest, boolean image) {}

    public void verify(VerifyRequest request) {
        ImageReference ref = ImageReference.parse(request.reference());
        RegistryClient client = request.registries().get().client(ref.registry());
        RegistryClient.Manifest top = client.getManifest(ref.repository(), ref.reference())
                .orElseThrow(() -> new BadInputException(
                        "Image " + ref + " was not found in the registry " + ref.registry()
                                + ": check factory.verify.image."));
        List<Subject> subjects = subjects(ref, top);
        BundleReferrers store = new BundleReferrers(client);
        VerificationKey key = request.key();
        List<String> failures = new ArrayList<>();
        List<String> passes = new ArrayList<>();
        Set<Advice> advice = new LinkedHashSet<>();
        for (Subject s : subjects) {
            SubjectEvidence evidence = SubjectEvidence.check(store.list(ref.repository(), s.digest()), s.digest(), key);
            List<String> wrong = new ArrayList<>();
            List<String> right = new ArrayList<>();
            checkSignature(client, ref, s, evidence, wrong, right, advice);
            if (s.image()) {
                Predicate<String> names = claimed -> claimed.equals(s.digest())
                        || holds(client, ref, claimed, s.digest());
                checkRecord(s, names, evidence, wrong, right, advice);
                checkSbom(s, names, evidence, wrong, right, advice);
            }
            for (SubjectEvidence.Problem untyped : evidence.untyped()) {
                right.add("ignored: " + untyped.text());
            }
            (wrong.isEmpty() ? passes : failures).add(s.label() + " " + s.digest() + ": " + String.join("; ",
                    wrong.isEmpty() ? right : wrong));
        }
        if (!failures.isEmpty()) {
            StringBuilder m = new StringBuilder(ref + " (" + top.digest() + ") is not ready to promote: "
                    + failures.size()
                    + " of " + subjects.size() + " manifest(s) fail the check with the key " + key.source() + ":");
            failures.forEach(f -> m.append("\n  - ").append(f));
            advice.forEach(a -> m.append("\n").append(a.text.formatted(key.source(), key.hint())));
            throw new BadInputException(m.toString());
        }
        request.info().accept("Verified " + ref + " (" + top.digest() + ") with the key " + key.source() + ":");
        passes.forEach(p -> request.info().accept("  " + p));
        request.info()
                .accept("Ready to promote: every manifest is signed, and every image has a passing record and an SBOM, "
                        + "signed with the same key.");
    }

    private static List<Subject> subjects(ImageReference ref, RegistryClient.Manifest top) {
        List<Subject> subjects = new ArrayList<>();
        if (!MediaTypes.isIndex(top.mediaType())) {
            subjects.add(new Subject("image", top.digest(), true));
            return subjects;
        }
        ImageIndex index;
        try {
            index = ImageIndex.parse(top.bytes(), top.mediaType());
        } catch (IOException e) {
            throw new EnvironmentException(
                    "The registry served " + ref + " as an index that cannot be read (" + e.getMessage()
                            + ").",
                    e);
        }
        subjects.add(new Subject("index", top.digest(), false));
        for (Descriptor d : index.platformManifests()) {
            if (MediaTypes.isIndex(d.mediaType())) {
                throw new BadInputException(
                        ref + " is an index of indexes (" + d.digest() + " inside); factory:verify-image "
                                + "checks an image or an index of images: name one of the inner indexes.");
            }
            subjects.add(new Subject(d.platform().toString(), d.digest(), true));
        }
        if (subjects.size() == 1) {
            throw new BadInputException(
                    ref + " is an index without images (only attestation manifests): nothing to promote.");
        }
        return subjects;
    }

    private static void checkSignature(RegistryClient client, ImageReference ref, Subject s, SubjectEvidence e,
            List<String> wrong,
            List<String> right, Set<Advice> advice) {
        if (!e.valid(BundleFormat.COSIGN_SIGN).isEmpty()) {
            right.add("signed");
            return;
        }
        List<SubjectEvidence.Problem> problems = e.problems(BundleFormat.COSIGN_SIGN);
        if (problems.isEmpty()) {
            String legacy = RegistryClient.referrersTagName(s.digest()) + ".sig";
            boolean old = client.getManifest(ref.repository(), legacy).isPresent();
            wrong.add(
                    "no signature" + (old
                            ? " in the bundle format (there is one in cosign's older tag format, " + legacy
                                    + ", which factory:verify-image does not read: check that one with 'cosign verify')"
                            : ""));
            advice.add(Advice.MISSING);
        } else {
            wrong.add("no valid signature: " + join(problems));
            classify(problems, advice);
        }
    }

    /**
     * Whether {@code claimed} is an index in the repository that holds {@code digest}: evidence names the per-platform
     * index (the image and its provenance) when bake pushed it and the tests pulled it by that digest.
     */
    private static boolean holds(RegistryClient client, ImageReference ref, String claimed, String digest) {
        if (!Digests.isDigest(claimed)) {
            return false;
        }
        return client.getManifest(ref.repository(), claimed).filter(m -> MediaTypes.isIndex(m.mediaType())).map(m -> {
            try {
                return ImageIndex.parse(m.bytes(), m.mediaType()).platformManifests().stream()
                        .anyMatch(d -> d.digest().equals(digest));
            } catch (IOException e) {
                return false;
            }
        }).orElse(false);
    }

    private static void checkRecord(Subject s, Predicate<String> names, SubjectEvidence e, List<String> wrong,
            List<String> right,
            Set<Advice> advice) {
        String what = "record attestation (" + BundleFormat.FACTORY_RECORD + ")";
        List<CompatibilityRecord> records = new ArrayList<>();
        List<SubjectEvidence.Problem> problems = new ArrayList<>(e.problems(BundleFormat.FACTORY_RECORD));
        for (Statement st : e.valid(BundleFormat.FACTORY_RECORD)) {
            RecordFiles.Parsed parsed = RecordFiles.parse(bytes(st.predicate()));
            if (!parsed.ok()) {
                problems.add(invalid("a signed record that is not a " + CompatibilityRecord.SCHEMA + " record ("
                        + parsed.problem() + ")"));
            } else if (!names.test(parsed.record().image().digest())) {
                problems.add(invalid("a signed record about another image (" + parsed.record().image().digest() + ")"));
            } else {
                records.add(parsed.record());
            }
        }
        CompatibilityRecord newest = records.stream().max(Comparator.comparing(CompatibilityRecord::created))
                .orElse(null);
        if (newest == null) {
            if (problems.isEmpty()) {
                wrong.add("no " + what);
                advice.add(Advice.MISSING);
            } else {
                wrong.add("no valid " + what + ": " + join(problems));
                classify(problems, advice);
            }
        } else if (!newest.passed()) {
            wrong.add("the newest record (" + newest.build() + ", " + newest.createdText() + ") says " + newest.status()
                    + (newest.tests().total() > 0
                            ? ": " + newest.tests().failed() + " of " + newest.tests().total() + " tests failed" : ""));
            advice.add(Advice.NOT_PASSED);
        } else {
            right.add("record pass (" + newest.build() + ", " + (newest.tests().total() - newest.tests().failed()) + "/"
                    + newest.tests().total() + " tests, " + newest.createdText() + ")");
        }
    }

    private static void checkSbom(Subject s, Predicate<String> names, SubjectEvidence e, List<String> wrong,
            List<String> right,
            Set<Advice> advice) {
        String what = "SBOM attestation (" + BundleFormat.CYCLONEDX + ")";
        List<SubjectEvidence.Problem> problems = new ArrayList<>(e.problems(BundleFormat.CYCLONEDX));
        JsonNode bom = null;
        for (Statement st : e.valid(BundleFormat.CYCLONEDX)) {
            JsonNode p = st.predicate();
            String about = p.path("metadata").path("component").path("version").asText("");
            if (!"CycloneDX".equals(p.path("bomFormat").asText())) {
                problems.add(invalid(
                        "a signed SBOM that is not CycloneDX (bomFormat '" + p.path("bomFormat").asText() + "')"));
            } else if (about.startsWith("sha256:") && !names.test(about)) {
                problems.add(invalid("a signed SBOM of another image (" + about + ")"));
            } else {
                bom = p;
            }
        }
        if (bom != null) {
            right.add("SBOM (" + bom.path("components").size() + " components)");
        } else if (problems.isEmpty()) {
            wrong.add("no " + what);
            advice.add(Advice.MISSING);
        } else {
            wrong.add("no valid " + what + ": " + join(problems));
            classify(problems, advice);
        }
    }

    private static SubjectEvidence.Problem invalid(String text) {
        return new SubjectEvidence.Problem(text, SubjectEvidence.Fault.INVALID);
    }

    private static String join(List<SubjectEvidence.Problem> problems) {
        return String.join(", ", problems.stream().map(SubjectEvidence.Problem::text).toList());
    }

    private static void classify(List<SubjectEvidence.Problem> problems, Set<Advice> advice) {
        for (SubjectEvidence.Problem p : problems) {
            advice.add(switch (p.fault()) {
                case OTHER_KEY -> Advice.OTHER_KEY;
                case ALTERED -> Advice.TAMPERED;
                case INVALID -> Advice.INVALID;
            });
        }
    }

    private static byte[] bytes(JsonNode node) {
        try {
            return Json.mapper().writeValueAsBytes(node);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }
}
