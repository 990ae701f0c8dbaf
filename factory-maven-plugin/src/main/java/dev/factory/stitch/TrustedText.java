package dev.factory.stitch;

/**
 * Text Factory made and vouches for: a rendered fragment placed by a template ({@code $s.text},
 * {@code $slot.core}) or a block made by {@code $heredoc}. The renderer lets these span lines; any other
 * value that would put a line break into the output is refused (see {@link Renderer}).
 */
public final class TrustedText implements CharSequence {
    static final TrustedText EMPTY = new TrustedText("");

    private final String text;

    TrustedText(String text) {
        this.text = text;
    }

    @Override
    public int length() {
        return text.length();
    }

    @Override
    public char charAt(int index) {
        return text.charAt(index);
    }

    @Override
    public CharSequence subSequence(int start, int end) {
        return text.subSequence(start, end);
    }

    @Override
    public boolean isEmpty() {
        return text.isEmpty();
    }

    @Override
    public boolean equals(Object o) {
        return o instanceof TrustedText r && r.text.equals(text) || o instanceof String s && s.equals(text);
    }

    @Override
    public int hashCode() {
        return text.hashCode();
    }

    @Override
    public String toString() {
        return text;
    }
}
