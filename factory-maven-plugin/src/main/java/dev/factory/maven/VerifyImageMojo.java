package dev.factory.maven;

import dev.factory.BadInputException;
import dev.factory.sign.ImageVerifier;
import dev.factory.sign.VerificationKey;
import dev.factory.sign.VerifyRequest;
import java.io.File;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * The promotion gate: checks that an image (or a multi-arch index and each of its images) is signed with the
 * public key, and that each image has a record whose newest verdict is {@code pass} and a CycloneDX SBOM, both
 * attested with the same key for that digest. Fails with a message saying, per manifest, what is missing or wrong.
 * Needs no project: {@code mvn dev.factory:factory-maven-plugin:verify-image -Dfactory.verify.image=... -Dfactory.verify.key=cosign.pub}.
 */
@Mojo(name = "verify-image", requiresProject = false, threadSafe = true)
public class VerifyImageMojo extends AbstractFactoryMojo {

    @Inject
    public VerifyImageMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }
    private static final String IMAGE = "factory.verify.image";
    private static final String KEY = "factory.verify.key";

    /**
     * The image to check: {@code REGISTRY/REPOSITORY:TAG} or {@code ...@sha256:<digest>}, an image or a multi-arch index.
     *
     * @since 0.1.0
     */
    @Parameter(property = IMAGE)
    private String image;

    /**
     * The public key (PEM, the {@code cosign.pub} of {@code cosign generate-key-pair}) that must have signed the image
     * and its evidence.
     *
     * @since 0.1.0
     */
    @Parameter(property = KEY)
    private File key;

    @Override
    protected String skipFlag() {
        return "factory.verify.skip";
    }

    @Override
    protected void run() {
        if (image == null || image.isBlank()) {
            throw new BadInputException(
                    "No image to check: give it with -D" + IMAGE + "=REGISTRY/REPOSITORY:TAG (or @sha256:...).");
        }
        if (key == null) {
            throw new BadInputException(
                    "No public key to check " + image.trim() + " with: give the cosign.pub of the signing "
                            + "key pair with -D" + KEY + "=path/to/cosign.pub.");
        }
        new ImageVerifier()
                .verify(new VerifyRequest(image.trim(), VerificationKey.read(key.toPath(), KEY), this::registries,
                        getLog()::info));
    }
}
