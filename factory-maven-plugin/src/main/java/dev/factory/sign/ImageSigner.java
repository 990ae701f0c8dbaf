package dev.factory.sign;

import com.fasterxml.jackson.databind.JsonNode;
import dev.factory.BadInputException;
import dev.factory.EnvironmentException;
import dev.factory.io.Json;
import dev.factory.oci.Registries;
import dev.factory.oci.RegistryClient;
import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * factory:sign's core: signs every pushed image (per platform, the per-platform tag's index and the multi-arch
 * index) and attests each image's SBOM ({@link BundleFormat#CYCLONEDX}) and record ({@link BundleFormat#FACTORY_RECORD})
 * in cosign's format, with a key file or keyless through the cosign CLI.
 *
 * <p>With a key, what the key already signed for an image (the same statement, verified) is left alone, so a
 * second run adds nothing; cosign adds a new signature each time.
 */
public final class ImageSigner {

    /** What one run did. */
    public record Summary(int images, int indexes, int signed, int attested, int unchanged) {}

    /** Manifests signed at once: each is a few small requests, so the registry's round trips overlap. */
    static final int PARALLEL = 4;

    public Summary sign(SignRequest request) {
        long begin = System.nanoTime();
        // the key opens first: a wrong password fails before anything is read from a registry
        Method method = request.signing() instanceof SignRequest.WithKey k ? new WithKey(open(k), request)
                : new Keyless(CosignCli.find(((SignRequest.Keyless) request.signing()).cosign()));
        long opened = System.nanoTime();
        Registries registries = request.registries().get();
        List<SignTarget> targets = new SignTargets(request, registries).collect();
        request.info().accept("Signing " + targets.size() + " manifest(s) " + method.describe());
        long start = System.nanoTime();
        List<Done> results = signAll(method, targets, registries);
        int images = 0;
        int signed = 0;
        int attested = 0;
        int unchanged = 0;
        for (int i = 0; i < targets.size(); i++) {
            SignTarget t = targets.get(i);
            Done done = results.get(i);
            images += t.image() ? 1 : 0;
            signed += done.written.contains(SIGNATURE) ? 1 : 0;
            attested += (int) done.written.stream().filter(w -> !w.equals(SIGNATURE)).count();
            unchanged += done.unchanged.size();
            request.info().accept("Signed " + t.label() + " " + t.reference() + ": " + String.join(", ", done.written)
                    + (done.unchanged.isEmpty() ? "" : (done.written.isEmpty() ? "" : "; ") + "already there: "
                            + String.join(", ", done.unchanged)));
        }
        long millis = (System.nanoTime() - start) / 1_000_000;
        request.info().accept("Signed " + targets.size() + " manifest(s) (" + images + " image(s)) in " + millis + " ms"
                + (images > 0 ? ", " + millis / images + " ms per image" : "") + "; before that, "
                + (request.signing() instanceof SignRequest.WithKey ? "opening the key took " : "finding cosign took ")
                + (opened - begin) / 1_000_000 + " ms and finding what to sign " + (start - opened) / 1_000_000
                + " ms");
        return new Summary(images, targets.size() - images, signed, attested, unchanged);
    }

    /**
     * Signs the targets, {@link #PARALLEL} at a time. Targets with the same subject (two builds that made the same
     * image) go one after the other, since each push rewrites that subject's referrers index.
     */
    private static List<Done> signAll(Method method, List<SignTarget> targets, Registries registries) {
        Map<String, List<Integer>> bySubject = new LinkedHashMap<>();
        for (int i = 0; i < targets.size(); i++) {
            bySubject.computeIfAbsent(targets.get(i).reference(), r -> new ArrayList<>()).add(i);
        }
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(PARALLEL, bySubject.size())), r -> {
            Thread t = new Thread(r, "factory-sign");
            t.setDaemon(true);
            return t;
        });
        Done[] results = new Done[targets.size()];
        try {
            List<Future<?>> futures = new ArrayList<>();
            for (List<Integer> group : bySubject.values()) {
                futures.add(pool.submit(() -> {
                    for (int i : group) {
                        SignTarget t = targets.get(i);
                        results[i] = method.sign(t, registries.client(t.repository().registry()));
                    }
                }));
            }
            for (Future<?> f : futures) {
                f.get();
            }
            return List.of(results);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException r) {
                throw r;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new EnvironmentException("Interrupted while signing.", e);
        } finally {
            pool.shutdownNow();
        }
    }

    private static SigningKey open(SignRequest.WithKey k) {
        SignRequest.Password password = k.password();
        if (password == null || password.value() == null) {
            throw new BadInputException("The signing key " + k.keyFile()
                    + " is encrypted and no password was given: set "
                    + "COSIGN_PASSWORD (as cosign reads it), or name a <server> of settings.xml whose password opens the key "
                    + "with factory.sign.serverId.");
        }
        return CosignKeyFile.open(k.keyFile(), password.value(), k.setting(), password.source());
    }

    private static final String SIGNATURE = "signature";

    /** What was written for one target, and what was there already. */
    private record Done(List<String> written, List<String> unchanged) {}

    private interface Method {
        String describe();

        Done sign(SignTarget target, RegistryClient client);
    }

    private static final class WithKey implements Method {
        private final SigningKey key;
        private final SignRequest request;
        private final Map<String, BundleReferrers> stores = new ConcurrentHashMap<>();

        WithKey(SigningKey key, SignRequest request) {
            this.key = key;
            this.request = request;
        }

        @Override
        public String describe() {
            SignRequest.WithKey k = (SignRequest.WithKey) request.signing();
            return "with the key " + k.keyFile() + " (ECDSA P-256, public key hint " + key.publicKey().hint() + ")";
        }

        @Override
        public Done sign(SignTarget t, RegistryClient client) {
            BundleReferrers store = stores.computeIfAbsent(client.registry(), r -> new BundleReferrers(client));
            String repository = t.repository().repository();
            String digest = t.subject().digest();
            SubjectEvidence existing = SubjectEvidence.check(store.list(repository, digest), digest, key.publicKey());
            List<String> written = new ArrayList<>();
            List<String> unchanged = new ArrayList<>();
            Map<String, byte[]> statements = new java.util.LinkedHashMap<>();
            statements.put(SIGNATURE, Statement.payload(BundleFormat.COSIGN_SIGN, null, digest, null));
            if (t.sbom() != null) {
                statements.put("SBOM attestation",
                        Statement.payload(BundleFormat.CYCLONEDX, t.repository().name(), digest,
                                json(t.sbom())));
            }
            if (t.recordFile() != null) {
                statements.put("record attestation (" + t.record().status() + ")",
                        Statement.payload(BundleFormat.FACTORY_RECORD,
                                t.repository().name(), digest, json(t.recordFile())));
            }
            for (Map.Entry<String, byte[]> s : statements.entrySet()) {
                if (existing.hasVerified(s.getValue())) {
                    unchanged.add(s.getKey());
                    continue;
                }
                String type = Statement.parse(s.getValue()).predicateType();
                store.push(repository, t.subject(), SigstoreBundle.sign(key, s.getValue()), type,
                        request.clock().instant());
                written.add(s.getKey());
            }
            return new Done(written, unchanged);
        }

        private static JsonNode json(Path file) {
            try {
                return Json.read(file);
            } catch (IOException e) {
                throw new EnvironmentException("Cannot read " + file + " to attest it (" + e.getMessage() + ").", e);
            }
        }
    }

    private static final class Keyless implements Method {
        private final CosignCli cosign;

        Keyless(CosignCli cosign) {
            this.cosign = cosign;
        }

        @Override
        public String describe() {
            return "keyless, through " + cosign.executable()
                    + " (Fulcio certificate for the CI's OIDC identity, Rekor entry)";
        }

        @Override
        public Done sign(SignTarget t, RegistryClient client) {
            boolean http = "http".equals(client.base().getScheme());
            List<String> written = new ArrayList<>();
            cosign.sign(t.reference(), http);
            written.add(SIGNATURE);
            if (t.sbom() != null) {
                cosign.attest(t.reference(), t.sbom(), "cyclonedx", http);
                written.add("SBOM attestation");
            }
            if (t.recordFile() != null) {
                cosign.attest(t.reference(), t.recordFile(), BundleFormat.FACTORY_RECORD, http);
                written.add("record attestation (" + t.record().status() + ")");
            }
            return new Done(written, List.of());
        }
    }
}
