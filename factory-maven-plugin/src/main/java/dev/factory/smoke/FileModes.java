package dev.factory.smoke;

import java.util.regex.Pattern;

/**
 * File mode strings. container-structure-test compares {@code permissions} with Go's
 * {@code FileMode.String()} of the tar header ({@code -rw-r--r--}, {@code drwxr-xr-x}, {@code Lrwxrwxrwx}
 * for a symlink, {@code urwxr-xr-x} for setuid, {@code dtrwxrwxrwx} for a sticky directory); people
 * also write what {@code ls -l} shows ({@code lrwxrwxrwx}, {@code -rwsr-xr-x}, {@code drwxrwxrwt}).
 * Both forms are accepted.
 */
public final class FileModes {
    /** Tar type flags Factory tells apart. */
    public enum Type {
        FILE, DIRECTORY, SYMLINK, HARDLINK, CHAR_DEVICE, BLOCK_DEVICE, FIFO, OTHER
    }

    private static final Pattern SHAPE = Pattern
            .compile("[-dalTLDpSugct?]{1,13}[-r][-w][-xsStT][-r][-w][-xsStT][-r][-w][-xsStT]");

    private FileModes() {}

    public static boolean looksLikeModeString(String s) {
        return SHAPE.matcher(s).matches();
    }

    /** Go's {@code FileMode.String()} for a tar entry of this type and mode (permission and setuid/setgid/sticky bits). */
    public static String goString(Type type, int mode) {
        StringBuilder s = new StringBuilder();
        // Go's letters in its bit order: d a l T L D p S u g c t ?; tar entries only use some of them
        if (type == Type.DIRECTORY) {
            s.append('d');
        }
        if (type == Type.SYMLINK) {
            s.append('L');
        }
        if (type == Type.CHAR_DEVICE || type == Type.BLOCK_DEVICE) {
            s.append('D');
        }
        if (type == Type.FIFO) {
            s.append('p');
        }
        if ((mode & 04000) != 0) {
            s.append('u');
        }
        if ((mode & 02000) != 0) {
            s.append('g');
        }
        if (type == Type.CHAR_DEVICE) {
            s.append('c');
        }
        if ((mode & 01000) != 0) {
            s.append('t');
        }
        if (s.length() == 0) {
            s.append('-');
        }
        s.append(rwx(mode, false));
        return s.toString();
    }

    /** What {@code ls -l} prints for the same entry. */
    public static String lsString(Type type, int mode) {
        char t;
        switch (type) {
            case DIRECTORY :
                t = 'd';
                break;
            case SYMLINK :
                t = 'l';
                break;
            case CHAR_DEVICE :
                t = 'c';
                break;
            case BLOCK_DEVICE :
                t = 'b';
                break;
            case FIFO :
                t = 'p';
                break;
            default :
                t = '-';
                break;
        }
        return t + rwx(mode, true);
    }

    private static String rwx(int mode, boolean lsSpecials) {
        char[] c = new char[9];
        String letters = "rwxrwxrwx";
        for (int i = 0; i < 9; i++) {
            c[i] = (mode & (1 << (8 - i))) != 0 ? letters.charAt(i) : '-';
        }
        if (lsSpecials) {
            if ((mode & 04000) != 0) {
                c[2] = c[2] == 'x' ? 's' : 'S';
            }
            if ((mode & 02000) != 0) {
                c[5] = c[5] == 'x' ? 's' : 'S';
            }
            if ((mode & 01000) != 0) {
                c[8] = c[8] == 'x' ? 't' : 'T';
            }
        }
        return new String(c);
    }

    /** Whether the expected string names this entry, in either notation. */
    public static boolean matches(String expected, Type type, int mode) {
        return expected.equals(goString(type, mode)) || expected.equals(lsString(type, mode));
    }
}
