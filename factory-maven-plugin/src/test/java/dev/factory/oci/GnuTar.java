package dev.factory.oci;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * GNU tar, run from tests: the writer of every tar fixture (so that Factory's reader is checked against a tool
 * that is not Factory's) and the reader of what Factory writes. Tests need {@code tar} (GNU tar 1.30 or newer)
 * on the PATH.
 */
public final class GnuTar {
    private GnuTar() {}

    /** Writes {@code content} to {@code name} in {@code dir} (making its folders) with the mode bits {@code mode}. */
    public static Path file(Path dir, String name, byte[] content, int mode) throws IOException {
        Path p = dir.resolve(name);
        Files.createDirectories(p.getParent());
        Files.write(p, content);
        Files.setAttribute(p, "unix:mode", mode);
        return p;
    }

    /** Runs {@code tar args...} in {@code dir} with {@code stdin}; returns its standard output, fails on a non-zero exit. */
    public static byte[] run(Path dir, byte[] stdin, String... args) {
        List<String> command = new ArrayList<>();
        command.add("tar");
        command.addAll(Arrays.asList(args));
        try {
            ProcessBuilder builder = new ProcessBuilder(command).directory(dir == null ? null : dir.toFile());
            // listings in UTC and in English, whatever the machine
            builder.environment().put("TZ", "UTC");
            builder.environment().put("LC_ALL", "C");
            Process p = builder.start();
            CompletableFuture<byte[]> err = CompletableFuture.supplyAsync(() -> readAll(p.getErrorStream()));
            CompletableFuture<byte[]> out = CompletableFuture.supplyAsync(() -> readAll(p.getInputStream()));
            try (OutputStream in = p.getOutputStream()) {
                if (stdin != null) {
                    in.write(stdin);
                }
            } catch (IOException e) {
                // tar may stop reading early (a listing of one member); its exit code says whether that was wrong
            }
            int exit = p.waitFor();
            if (exit != 0) {
                throw new AssertionError(String.join(" ", command) + " failed (exit " + exit + "): "
                        + new String(err.join(), StandardCharsets.UTF_8));
            }
            return out.join();
        } catch (IOException e) {
            throw new UncheckedIOException("cannot run GNU tar (the tests need it on the PATH)", e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError(e);
        }
    }

    /**
     * One member as {@code tar -tv} lists it.
     *
     * @param type {@code -} file, {@code h} hard link, {@code l} symlink, {@code d} directory, {@code c}, {@code b},
     *     {@code p} devices and FIFOs
     * @param name without the trailing slash of a directory
     * @param link the target of a symlink or hard link, else null
     */
    public record Member(char type, int mode, long uid, long gid, String size, String mtime, String name,
            String link) {}

    private static final Pattern LISTING = Pattern.compile(
            "(.)([-rwxsStT]{9}) +(\\d+)/(\\d+) +([\\d,]+) (\\d{4}-\\d\\d-\\d\\d \\d\\d:\\d\\d:\\d\\d) (.*)");

    /** The members of an archive as GNU tar sees them ({@code tar -tv --numeric-owner --full-time}, times in UTC). */
    public static List<Member> members(byte[] archive) {
        String out = new String(
                run(null, archive, "--numeric-owner", "--full-time", "--quoting-style=literal", "-tvf", "-"),
                StandardCharsets.UTF_8);
        List<Member> members = new ArrayList<>();
        for (String line : out.split("\n")) {
            if (line.isEmpty()) {
                continue;
            }
            Matcher m = LISTING.matcher(line);
            if (!m.matches()) {
                throw new AssertionError("unexpected tar -tv line: " + line);
            }
            char type = m.group(1).charAt(0);
            String name = m.group(7);
            String link = null;
            String separator = type == 'l' ? " -> " : type == 'h' ? " link to " : null;
            if (separator != null) {
                int at = name.indexOf(separator);
                link = name.substring(at + separator.length());
                name = name.substring(0, at);
            }
            while (name.endsWith("/") && name.length() > 1) {
                name = name.substring(0, name.length() - 1);
            }
            members.add(new Member(type, mode(m.group(2)), Long.parseLong(m.group(3)), Long.parseLong(m.group(4)),
                    m.group(5), m.group(6), name, link));
        }
        return members;
    }

    /** {@code rwsr-x---} as 04750. */
    static int mode(String perms) {
        int mode = 0;
        for (int i = 0; i < 9; i++) {
            char c = perms.charAt(i);
            int bit = 1 << (8 - i);
            if (c != '-' && c != 'S' && c != 'T') {
                mode |= bit;
            }
            if (c == 's' || c == 'S') {
                mode |= i == 2 ? 04000 : 02000;
            } else if (c == 't' || c == 'T') {
                mode |= 01000;
            }
        }
        return mode;
    }

    /** The content of one member, as {@code tar -xO} gives it. */
    public static byte[] content(byte[] archive, String member) {
        return run(null, archive, "-xOf", "-", member);
    }

    private static byte[] readAll(InputStream in) {
        try (in) {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            in.transferTo(out);
            return out.toByteArray();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
