package dev.factory.sign;

/**
 * The names cosign 3 uses for what it stores in a registry (its BUNDLE_SPEC): a sigstore bundle v0.3 holding
 * a DSSE envelope of an in-toto statement, pushed as an OCI 1.1 artifact whose subject is the image.
 */
public final class BundleFormat {
    /** The bundle's media type: the artifact's artifactType and its one layer's media type. */
    public static final String BUNDLE_MEDIA_TYPE = "application/vnd.dev.sigstore.bundle.v0.3+json";
    /** Manifest annotation: what the bundle holds ({@code dsse-envelope} or {@code message-signature}). */
    public static final String ANNOTATION_CONTENT = "dev.sigstore.bundle.content";
    /** Manifest annotation: the predicate type of the statement inside, so readers can pick without opening it. */
    public static final String ANNOTATION_PREDICATE_TYPE = "dev.sigstore.bundle.predicateType";
    public static final String CONTENT_DSSE = "dsse-envelope";
    public static final String PAYLOAD_TYPE = "application/vnd.in-toto+json";
    public static final String STATEMENT_V1 = "https://in-toto.io/Statement/v1";
    /** What {@code cosign sign} signs: a statement with an empty predicate, "this image is signed". */
    public static final String COSIGN_SIGN = "https://sigstore.dev/cosign/sign/v1";
    /** {@code cosign attest --type cyclonedx}: the predicate is a CycloneDX BOM. */
    public static final String CYCLONEDX = "https://cyclonedx.org/bom";
    /** Factory's own: the predicate is a {@code factory.record/v1} compatibility record (docs/signing.md). */
    public static final String FACTORY_RECORD = "https://factory.dev/record/v1";

    private BundleFormat() {}

    /** A name for messages: signature, SBOM attestation, record attestation, or the type itself. */
    public static String describe(String predicateType) {
        return switch (predicateType == null ? "" : predicateType) {
            case COSIGN_SIGN -> "signature";
            case CYCLONEDX -> "SBOM attestation (" + CYCLONEDX + ")";
            case FACTORY_RECORD -> "record attestation (" + FACTORY_RECORD + ")";
            default -> "attestation (" + predicateType + ")";
        };
    }
}
