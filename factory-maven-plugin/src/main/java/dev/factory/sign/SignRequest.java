package dev.factory.sign;

import dev.factory.oci.Registries;
import java.nio.file.Path;
import java.time.Clock;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What factory:sign needs.
 *
 * @param recordsDir where factory:record wrote the records ({@code factory.records.directory})
 * @param manifestId only this manifest's builds; null for all
 * @param platform only this platform (per-architecture CI jobs); null for all
 * @param merged sign the multi-arch tags of builds.json as factory:merge left them, instead of what image.json names
 * @param signing with a key file, or keyless through the cosign CLI
 * @param maxRecordBytes a record file larger than this is not read (factory.maxInputSize)
 */
public record SignRequest(Path projectDir, Path outputDir, Path recordsDir, String manifestId, String platform,
        boolean merged,
        Signing signing, Supplier<Registries> registries, Clock clock, Consumer<String> info,
        Consumer<String> warn, long maxRecordBytes) {

    /** With the default limit on records (factory.maxInputSize's default). */
    public SignRequest(Path projectDir, Path outputDir, Path recordsDir, String manifestId, String platform,
            boolean merged,
            Signing signing, Supplier<Registries> registries, Clock clock, Consumer<String> info,
            Consumer<String> warn) {
        this(projectDir, outputDir, recordsDir, manifestId, platform, merged, signing, registries, clock, info, warn,
                dev.factory.manifest.InputLimits.DEFAULT_MAX_INPUT_BYTES);
    }

    /** How to sign. */
    public sealed interface Signing permits WithKey, Keyless {}

    /**
     * With a cosign key file.
     *
     * @param setting the parameter that named the file, for messages
     * @param password the key's password; its {@code value} is null when none was given
     */
    public record WithKey(Path keyFile, String setting, Password password) implements Signing {}

    /**
     * Keyless (Fulcio certificate from the CI's OIDC token, Rekor entry), done by the cosign CLI.
     *
     * @param cosign the cosign executable: a name looked up on the PATH, or a path
     */
    public record Keyless(String cosign) implements Signing {}

    /**
     * A key's password and where it came from. {@link #toString()} never shows the value.
     *
     * @param source for messages, e.g. {@code COSIGN_PASSWORD} or {@code <server> 'signing' of settings.xml}
     * @param value UTF-8 bytes, wiped once used; null when none was given
     */
    public record Password(String source, byte[] value) {
        @Override
        public String toString() {
            return "password from " + source;
        }
    }
}
