package dev.factory.smoke;

/**
 * Where a test was written, for reports and errors.
 *
 * @param source what brought it in: {@code fragment core/jre}, {@code manifest orders-api},
 *               {@code plan jre-matrix} or the container-structure-test file's path
 * @param file the display path of the file
 * @param line 1-based, 0 when unknown
 */
public record Origin(String source, String file, int line) {
    /** "fragment core/jre, path:line", or just "path:line" when the source is the file itself. */
    public String describe() {
        return source.equals(file) ? toString() : source + ", " + this;
    }

    @Override
    public String toString() {
        return line > 0 ? file + ":" + line : file;
    }
}
