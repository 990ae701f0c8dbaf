package dev.factory.sign;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * What the bundles that refer to one image say, as far as one public key vouches for them: per predicate type,
 * the statements whose signature verifies and that name this image, and what is wrong with the others.
 */
final class SubjectEvidence {
    /** What is wrong with a bundle: signed by another key, changed since it was signed, or not what it claims to be. */
    enum Fault {
        OTHER_KEY, ALTERED, INVALID
    }

    record Problem(String text, Fault fault) {
        @Override
        public String toString() {
            return text;
        }
    }

    private final Map<String, List<Statement>> valid = new LinkedHashMap<>();
    private final Map<String, List<Problem>> problems = new LinkedHashMap<>();
    /** Payloads verified with the key, to leave what is already there alone when signing again. */
    private final List<byte[]> verifiedPayloads = new ArrayList<>();

    static SubjectEvidence check(List<BundleReferrers.Found> found, String digest, VerificationKey key) {
        SubjectEvidence e = new SubjectEvidence();
        for (BundleReferrers.Found f : found) {
            String type = f.announcedType();
            if (f.bundle() == null) {
                e.problem(type, Fault.ALTERED, "the bundle " + f.artifact() + " cannot be used: " + f.problem());
                continue;
            }
            SigstoreBundle bundle = f.bundle();
            Statement claimed = Statement.parse(bundle.payload());
            if (claimed != null) {
                type = claimed.predicateType();
            }
            if (!BundleFormat.PAYLOAD_TYPE.equals(bundle.payloadType())) {
                e.problem(type, Fault.INVALID, "the bundle " + f.artifact() + " holds a '" + bundle.payloadType()
                        + "' payload, not an in-toto statement");
            } else if (!bundle.verifiedBy(key)) {
                boolean otherKey = bundle.keyHint() == null || !bundle.keyHint().equals(key.hint());
                e.problem(type, otherKey ? Fault.OTHER_KEY : Fault.ALTERED, otherKey
                        ? "the bundle " + f.artifact() + " is signed with another key"
                                + (bundle.keyHint() == null ? " (or keyless)"
                                        : " (hint " + bundle.keyHint() + ")")
                        : "the bundle " + f.artifact() + " does not verify with " + key.source()
                                + ", whose key it names: "
                                + "its content was changed after it was signed");
            } else if (claimed == null) {
                e.problem(type, Fault.INVALID,
                        "the bundle " + f.artifact() + " is signed but holds no in-toto statement");
            } else if (!claimed.isAbout(digest)) {
                e.problem(type, Fault.ALTERED,
                        "the bundle " + f.artifact() + " is signed for another image (" + String.join(", ",
                                claimed.subjects()) + ")");
            } else {
                e.valid.computeIfAbsent(type, t -> new ArrayList<>()).add(claimed);
                e.verifiedPayloads.add(bundle.payload());
            }
        }
        return e;
    }

    private void problem(String type, Fault fault, String text) {
        problems.computeIfAbsent(type == null ? "" : type, t -> new ArrayList<>()).add(new Problem(text, fault));
    }

    List<Statement> valid(String predicateType) {
        return valid.getOrDefault(predicateType, List.of());
    }

    List<Problem> problems(String predicateType) {
        return problems.getOrDefault(predicateType, List.of());
    }

    /** Problems of bundles whose predicate type could not be told (an unreadable bundle without annotation). */
    List<Problem> untyped() {
        return problems.getOrDefault("", List.of());
    }

    boolean hasVerified(byte[] payload) {
        return verifiedPayloads.stream().anyMatch(p -> java.util.Arrays.equals(p, payload));
    }
}
