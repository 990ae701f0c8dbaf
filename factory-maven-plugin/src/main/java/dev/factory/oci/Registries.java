package dev.factory.oci;

import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import java.io.IOException;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

/**
 * One {@link RegistryClient} per registry host, sharing credentials, proxies and options; opens images by
 * reference. Every goal that talks to a registry gets its Registries from one place (the Maven layer's
 * {@code AbstractFactoryMojo#registries()}, resolved once per build), so credentials, proxies and insecure
 * registries are the same for all of them.
 */
public final class Registries {
    private final RegistryAccess access;
    private final long chunkSize;
    private final Map<String, RegistryClient> clients = new ConcurrentHashMap<>();

    /**
     * @param insecure registries reached over plain HTTP besides the loopback ones
     * @param chunkSize upload blobs larger than this in chunks; 0 for single-request uploads
     */
    public Registries(Credentials.Provider credentials, Set<String> insecure, long chunkSize) {
        this(new RegistryAccess(credentials, HttpProxies.NONE, insecure), chunkSize);
    }

    /** @param chunkSize upload blobs larger than this in chunks; 0 for single-request uploads */
    public Registries(RegistryAccess access, long chunkSize) {
        this.access = access;
        this.chunkSize = chunkSize;
        // before any client exists: Java reads this once, when its HTTP client is first used
        access.proxies().allowBasicForTunnels();
    }

    public RegistryClient client(String registry) {
        return clients.computeIfAbsent(registry, r -> new RegistryClient(r, access).chunkSize(chunkSize));
    }

    /**
     * Opens one platform's image from its registry. An unknown tag or digest is a {@link BadInputException};
     * an unreachable registry or refused credentials an {@link EnvironmentException}.
     *
     * @param platform the platform wanted; null when the reference names a single image
     */
    public Image open(ImageReference ref, Platform platform) {
        RegistryClient client = client(ref.registry());
        RegistryClient.Manifest top = client.getManifest(ref.repository(), ref.reference()).orElseThrow(
                () -> new BadInputException("Image " + ref + " was not found in the registry " + ref.registry()
                        + ": check the name and tag, or push it first (factory:bake with factory.push)."));
        Descriptor descriptor = Descriptor.of(top.mediaType(), top.digest(), top.bytes().length);
        BlobSource blobs = client.blobs(ref.repository());
        try {
            return ImageResolver.resolve(descriptor, top.bytes(), platform, blobs,
                    d -> client.getManifest(ref.repository(),
                            d.digest()).map(RegistryClient.Manifest::bytes).orElse(null),
                    ref.toString(),
                    "The registry lost it, or the push was incomplete: push the image again.");
        } catch (IOException e) {
            throw new EnvironmentException(
                    "Cannot read image " + ref + " from " + ref.registry() + ": " + e.getMessage(), e);
        }
    }
}
