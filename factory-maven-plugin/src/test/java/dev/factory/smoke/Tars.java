package dev.factory.smoke;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/** Builds small tar streams, as docker cp writes them, for tests. */
final class Tars {
    private static final int BLOCK = 512;

    private Tars() {}

    static byte[] single(String name, char flag, int mode, long uid, long gid, String link, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        out.writeBytes(header(name, flag, mode, uid, gid, link, content.length));
        out.writeBytes(content);
        pad(out, content.length);
        out.writeBytes(new byte[BLOCK * 2]);
        return out.toByteArray();
    }

    /** A PAX header carrying a long path, then the entry. */
    static byte[] withPax(String longName, int mode, byte[] content) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        String record = " path=" + longName + "\n";
        int len = record.length();
        len += String.valueOf(len + String.valueOf(len).length()).length();
        byte[] pax = (len + record).getBytes(StandardCharsets.UTF_8);
        out.writeBytes(header("PaxHeaders/x", 'x', 0644, 0, 0, null, pax.length));
        out.writeBytes(pax);
        pad(out, pax.length);
        out.writeBytes(header("short", '0', mode, 0, 0, null, content.length));
        out.writeBytes(content);
        pad(out, content.length);
        out.writeBytes(new byte[BLOCK * 2]);
        return out.toByteArray();
    }

    private static byte[] header(String name, char flag, int mode, long uid, long gid, String link, int size) {
        byte[] h = new byte[BLOCK];
        put(h, 0, name);
        put(h, 100, String.format("%07o", mode));
        put(h, 108, String.format("%07o", uid));
        put(h, 116, String.format("%07o", gid));
        put(h, 124, String.format("%011o", size));
        put(h, 136, String.format("%011o", 0));
        h[156] = (byte) flag;
        if (link != null) {
            put(h, 157, link);
        }
        put(h, 257, "ustar");
        put(h, 263, "00");
        for (int i = 148; i < 156; i++) {
            h[i] = ' ';
        }
        long sum = 0;
        for (byte x : h) {
            sum += x & 0xff;
        }
        put(h, 148, String.format("%06o", sum));
        h[154] = 0;
        return h;
    }

    private static void pad(ByteArrayOutputStream out, int size) {
        out.writeBytes(new byte[(BLOCK - size % BLOCK) % BLOCK]);
    }

    private static void put(byte[] h, int off, String s) {
        byte[] b = s.getBytes(StandardCharsets.UTF_8);
        System.arraycopy(b, 0, h, off, b.length);
    }
}
