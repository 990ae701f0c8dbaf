package dev.factory.sign;

import dev.factory.oci.Registries;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * What factory:verify-image needs.
 *
 * @param reference the image to check: a tag or a digest, of an image or a multi-arch index
 * @param key the public key that must have signed everything
 */
public record VerifyRequest(String reference, VerificationKey key, Supplier<Registries> registries,
        Consumer<String> info) {}
