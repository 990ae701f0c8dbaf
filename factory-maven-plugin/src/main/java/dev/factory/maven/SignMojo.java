package dev.factory.maven;

import dev.factory.BadInputException;
import dev.factory.io.Text;
import dev.factory.sign.ImageSigner;
import dev.factory.sign.SignRequest;
import java.io.File;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import javax.inject.Inject;
import org.apache.maven.plugins.annotations.LifecyclePhase;
import org.apache.maven.plugins.annotations.Mojo;
import org.apache.maven.plugins.annotations.Parameter;
import org.apache.maven.settings.crypto.SettingsDecrypter;

/**
 * Signs every pushed image in cosign's format (per platform, the per-platform tag's index and the multi-arch index)
 * and attests each image's SBOM (predicate type {@code https://cyclonedx.org/bom}) and newest record
 * ({@code https://factory.dev/record/v1}) as in-toto statements in DSSE envelopes: sigstore bundles pushed as OCI
 * referrers of the image, with the referrers tag where the registry has no referrers API. {@code cosign verify} and
 * {@code cosign verify-attestation}, and the policy engines built on them, accept them; see docs/signing.md.
 *
 * <p>With a cosign key file ({@code factory.sign.key}) Factory signs itself, offline; keyless
 * ({@code factory.sign.keyless}) it runs the cosign CLI. The packaging {@code factory} runs this goal at deploy,
 * after publish and record; without a key it skips.
 */
@Mojo(name = "sign", defaultPhase = LifecyclePhase.DEPLOY, threadSafe = true)
public class SignMojo extends AbstractFactoryMojo {

    @Inject
    public SignMojo(SettingsDecrypter settingsDecrypter) {
        super(settingsDecrypter);
    }
    private static final String KEY = "factory.sign.key";

    /**
     * The cosign private key file ({@code cosign generate-key-pair} writes {@code cosign.key}). Its password comes from
     * the environment variable {@code COSIGN_PASSWORD}, as cosign reads it, or from a {@code <server>} of
     * settings.xml ({@code factory.sign.serverId}). Without a key (and without keyless signing) this goal skips.
     *
     * @since 0.1.0
     */
    @Parameter(property = KEY)
    private File key;

    /**
     * The id of a {@code <server>} in settings.xml whose password (encrypted as Maven encrypts passwords) opens the
     * key; when unset, {@code COSIGN_PASSWORD} does.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sign.serverId")
    private String serverId;

    /**
     * Sign keyless instead: the cosign CLI gets a certificate from Fulcio for the CI's OIDC identity and logs the
     * signature in Rekor (in GitHub Actions the job needs {@code permissions: id-token: write}).
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sign.keyless", defaultValue = "false")
    private boolean keyless;

    /**
     * The cosign executable for keyless signing: a name on the PATH, or a path.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sign.cosign", defaultValue = "cosign")
    private String cosign;

    /**
     * Sign the multi-arch tags that factory:merge just made (each build's first tag, resolved to its digest) rather
     * than what image.json names: for the last CI job, which merges and has no image.json.
     *
     * @since 0.1.0
     */
    @Parameter(property = "factory.sign.merged", defaultValue = "false")
    private boolean merged;

    @Override
    protected boolean skipGoal() {
        return key == null && !keyless;
    }

    @Override
    protected String skipReason() {
        return "no signing key: set " + KEY + " to a cosign key file ('cosign generate-key-pair' makes one), or "
                + "factory.sign.keyless=true to sign keyless with the cosign CLI";
    }

    @Override
    protected void run() {
        if (key != null && keyless) {
            throw new BadInputException(
                    KEY + " and factory.sign.keyless=true are both set: sign with the key, or keyless, "
                            + "not both. Unset one of them.");
        }
        SignRequest.Signing signing = keyless ? new SignRequest.Keyless(cosign)
                : new SignRequest.WithKey(key.toPath(), KEY, password());
        new ImageSigner().sign(new SignRequest(project.getBasedir().toPath(), outputDirectory.toPath(),
                recordsDirectory.toPath(), Text.blankToNull(manifestId), Text.blankToNull(platform), merged, signing,
                this::registries,
                Clock.systemUTC(), getLog()::info, getLog()::warn,
                maxInputBytes()));
    }

    /** The key's password: a server's when factory.sign.serverId names one, else COSIGN_PASSWORD's. */
    private SignRequest.Password password() {
        if (serverId != null && !serverId.isBlank()) {
            String value = ServerPasswords.of(session.getSettings(), settingsDecrypter, serverId.trim(),
                    "factory.sign.serverId");
            return new SignRequest.Password("<server> '" + serverId.trim() + "' of settings.xml",
                    value.getBytes(StandardCharsets.UTF_8));
        }
        String value = System.getenv("COSIGN_PASSWORD");
        return new SignRequest.Password("COSIGN_PASSWORD",
                value == null ? null : value.getBytes(StandardCharsets.UTF_8));
    }
}
