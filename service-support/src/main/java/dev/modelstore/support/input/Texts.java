package dev.modelstore.support.input;

/**
 * Bounds on text that remote servers, archives and job code supply (reason phrases, error bodies,
 * file names) before it goes into a failure reason, an event or a log: control characters (ANSI
 * escapes among them) are replaced, and anything past the limit is cut with a marker that says how
 * much was dropped.
 */
public final class Texts {

    /** The longest failure reason an event or a model carries. */
    public static final int REASON = 2000;

    private Texts() {
    }

    /** The text made printable and cut to {@code max} characters, with a marker when cut. */
    public static String bounded(String text, int max) {
        if (text == null) {
            return null;
        }
        String cut = text;
        int dropped = 0;
        if (text.length() > max) {
            cut = text.substring(0, Math.max(0, max));
            if (Character.isHighSurrogate(cut.charAt(cut.length() - 1))) {
                cut = cut.substring(0, cut.length() - 1);
            }
            dropped = text.length() - cut.length();
        }
        StringBuilder out = new StringBuilder(cut.length() + 40);
        for (int i = 0; i < cut.length(); i++) {
            char c = cut.charAt(i);
            boolean control = Inputs.isControl(c);
            out.append(control ? (c == '\n' || c == '\r' || c == '\t' ? ' ' : '\uFFFD') : c);
        }
        if (dropped > 0) {
            out.append("… [").append(dropped).append(" more characters cut]");
        }
        return out.toString();
    }

    /** A short, printable rendering of a value for an error message. */
    public static String shown(String text, int max) {
        return text == null ? "null" : bounded(text, max);
    }
}
