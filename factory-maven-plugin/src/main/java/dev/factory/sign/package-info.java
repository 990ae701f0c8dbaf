/**
 * factory:sign and factory:verify-image: signatures and signed evidence in cosign's format.
 *
 * <p><b>Reads</b> what the earlier goals left: {@code builds.json}, each build's {@code image.json} (what was pushed,
 * per platform and the multi-arch index), the SBOMs beside it and the records under {@code factory.records.directory};
 * a cosign key file ({@code cosign generate-key-pair}) and its password, or, to verify, a public key; and the
 * registry (the images, and the bundles already attached to them).
 *
 * <p><b>Writes</b> only to the registry, nothing under {@code target/}: per image manifest, sigstore bundles (v0.3, a
 * DSSE envelope around an in-toto statement) as OCI artifacts whose subject is the image, the way cosign 3 writes
 * them ({@link dev.factory.sign.BundleFormat}): the signature ({@code https://sigstore.dev/cosign/sign/v1}), the SBOM
 * ({@code https://cyclonedx.org/bom}) and the record ({@code https://factory.dev/record/v1}, a
 * {@code factory.record/v1} record, schema {@code dev/factory/schemas/record.schema.json}). Registries without the
 * referrers API get the {@code sha256-<hex>} tag index, as for records and SBOMs.
 *
 * <p><b>Why own code.</b> Signing with a key is a few steps over well-kept primitives, and they are not ours:
 * scrypt, XSalsa20 and Poly1305 come from BouncyCastle, ECDSA P-256 from the JDK, JSON from Jackson, the registry
 * from {@link dev.factory.oci.RegistryClient}. What is ours is the assembly, because no Java library does it:
 * sigstore-java (Maven Central) is built around keyless signing (a Fulcio certificate, a Rekor entry), opens no
 * cosign key file, has no registry layer, and would bring gRPC, protobuf and Guava into the plugin. So
 * {@link dev.factory.sign.CosignKeyFile} opens the key envelope (NaCl's secretbox built from BouncyCastle's parts),
 * {@link dev.factory.sign.Dsse} is DSSE's pre-authentication encoding (one line), and
 * {@link dev.factory.sign.SigstoreBundle} / {@link dev.factory.sign.Statement} are the JSON shapes. The lab's ITs
 * check every one of them against the real cosign: its keys open, {@code cosign verify} and
 * {@code cosign verify-attestation} accept what Factory writes, and factory:verify-image reads what cosign writes.
 *
 * <p>Keyless signing (Fulcio, Rekor, the CI's OIDC token) is delegated to the cosign CLI ({@link dev.factory.sign.CosignCli},
 * started through {@link dev.factory.docker.ProcessRunner}): those services are cosign's to talk to.
 *
 * <p>Secrets: the key's password is held as bytes, wiped once scrypt has used it, and no message names anything but
 * where it came from ({@code COSIGN_PASSWORD} or a server id).
 */
package dev.factory.sign;
