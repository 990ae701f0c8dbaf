package dev.factory.sign;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.factory.io.Json;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

/**
 * A sigstore bundle (v0.3) with a DSSE envelope, in its JSON form: the envelope (payload type, payload and
 * signatures) and the verification material. A key-based bundle names its key only by a hint and carries no
 * transparency-log entry, as cosign writes one with a signing config that has no log.
 *
 * @param signatures each DER ECDSA signature in the envelope
 * @param keyHint {@code verificationMaterial.publicKey.hint}; null for keyless bundles (they carry a certificate)
 */
public record SigstoreBundle(String payloadType, byte[] payload, List<byte[]> signatures, String keyHint) {

    /** Signs a statement: one signature over DSSE's pre-authentication encoding of it. */
    public static SigstoreBundle sign(SigningKey key, byte[] statement) {
        byte[] signature = key.sign(Dsse.pae(BundleFormat.PAYLOAD_TYPE, statement));
        return new SigstoreBundle(BundleFormat.PAYLOAD_TYPE, statement, List.of(signature), key.publicKey().hint());
    }

    public byte[] toJson() {
        ObjectNode o = Json.object();
        o.put("mediaType", BundleFormat.BUNDLE_MEDIA_TYPE);
        o.putObject("verificationMaterial").putObject("publicKey").put("hint", keyHint);
        ObjectNode envelope = o.putObject("dsseEnvelope");
        envelope.put("payload", Base64.getEncoder().encodeToString(payload));
        envelope.put("payloadType", payloadType);
        var list = envelope.putArray("signatures");
        signatures.forEach(s -> list.addObject().put("sig", Base64.getEncoder().encodeToString(s)));
        return Json.compact(o).getBytes(StandardCharsets.UTF_8);
    }

    /**
     * Parses a bundle with a DSSE envelope.
     *
     * @throws IllegalArgumentException saying what is wrong with it
     */
    public static SigstoreBundle parse(byte[] json) {
        JsonNode root;
        try {
            root = Json.mapper().readTree(json);
        } catch (IOException e) {
            throw new IllegalArgumentException("it is not JSON");
        }
        if (root == null || !root.isObject()) {
            throw new IllegalArgumentException("it is not a JSON object");
        }
        String mediaType = root.path("mediaType").asText("");
        if (!mediaType.startsWith("application/vnd.dev.sigstore.bundle")) {
            throw new IllegalArgumentException("its mediaType is '" + mediaType + "', not a sigstore bundle");
        }
        JsonNode envelope = root.path("dsseEnvelope");
        if (!envelope.isObject()) {
            throw new IllegalArgumentException("it holds no DSSE envelope (a message signature is not an attestation)");
        }
        Base64.Decoder b64 = Base64.getDecoder();
        try {
            byte[] payload = b64.decode(envelope.path("payload").asText(""));
            List<byte[]> signatures = new ArrayList<>();
            for (JsonNode s : envelope.path("signatures")) {
                signatures.add(b64.decode(s.path("sig").asText("")));
            }
            JsonNode hint = root.path("verificationMaterial").path("publicKey").path("hint");
            return new SigstoreBundle(envelope.path("payloadType").asText(""), payload, signatures,
                    hint.isTextual() ? hint.asText() : null);
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("its envelope is not base64");
        }
    }

    /** Whether one of the envelope's signatures is {@code key}'s over this payload and payload type. */
    public boolean verifiedBy(VerificationKey key) {
        byte[] signed = Dsse.pae(payloadType, payload);
        return signatures.stream().anyMatch(s -> key.verifies(signed, s));
    }
}
