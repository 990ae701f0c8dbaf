package dev.factory.sign;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * DSSE's pre-authentication encoding: what is signed is not the payload alone but
 * {@code "DSSEv1" SP len(type) SP type SP len(payload) SP payload}, so a signature cannot be moved to another
 * payload type. Lengths are byte counts in ASCII decimal.
 */
public final class Dsse {
    private Dsse() {}

    public static byte[] pae(String payloadType, byte[] payload) {
        byte[] type = payloadType.getBytes(StandardCharsets.UTF_8);
        ByteArrayOutputStream out = new ByteArrayOutputStream(payload.length + type.length + 32);
        out.writeBytes(("DSSEv1 " + type.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(type);
        out.writeBytes((" " + payload.length + " ").getBytes(StandardCharsets.US_ASCII));
        out.writeBytes(payload);
        return out.toByteArray();
    }
}
