package dev.factory.sign;

import dev.factory.oci.Descriptor;
import dev.factory.oci.ImageReference;
import dev.factory.record.CompatibilityRecord;
import java.nio.file.Path;

/**
 * One manifest to sign, in its repository: an image (with the SBOM and record to attest, where there are
 * some) or an index (a signature only: its images carry their own evidence).
 *
 * @param repository the image name without tag or digest
 * @param label for the log: {@code <build> (linux/amd64)}, {@code <build> (multi-arch index)}
 * @param image whether it is an image (signature and evidence) rather than an index (signature only)
 * @param sbom the CycloneDX file to attest; null for none
 * @param recordFile the record file to attest; null for none
 * @param record that record, read; null for none
 */
public record SignTarget(ImageReference repository, Descriptor subject, String label, boolean image, Path sbom,
        Path recordFile,
        CompatibilityRecord record) {

    /** {@code registry/repository@sha256:...}: what cosign and users name. */
    public String reference() {
        return repository.name() + "@" + subject.digest();
    }
}
