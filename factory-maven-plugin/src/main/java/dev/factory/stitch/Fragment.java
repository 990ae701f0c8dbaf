package dev.factory.stitch;

/**
 * A fragment as found in a library: its descriptor, its Dockerfile template, and where it came from.
 *
 * @param source "project" or the library jar's name, for logs and stitch.json
 * @param templateFile the template's display path, used in rendering errors
 * @param sha256 over the descriptor and template bytes: the fragment's part of a stitch fingerprint
 * @param tests the optional {@code tests.yaml} next to it, or null
 */
public record Fragment(
        FragmentDescriptor descriptor,
        String template,
        String templateFile,
        String descriptorFile,
        String source,
        String sha256,
        byte[] tests,
        String testsFile) {

    public String name() {
        return descriptor.name();
    }

    public String version() {
        return descriptor.version();
    }
}
