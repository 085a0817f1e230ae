package dev.modelstore.support.input;

import dev.modelstore.support.rest.ApiException;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Bounds on what callers send: every text field has a length limit and no control characters, and
 * option maps have a bounded number of short, plain keys. Each refusal is a 400 that names the field
 * and the limit, so nothing unbounded or unprintable reaches the database, an event or a log.
 */
public final class Inputs {

    /** The longest model, job or project name. */
    public static final int NAME = 255;
    /** The longest {@code source_uri} (long enough for presigned URLs). */
    public static final int URI = 8192;
    /** The longest short identifier-like field ({@code type}, {@code source_type}, a job type). */
    public static final int SHORT = 64;
    /** The most entries in {@code source_options} or a job's environment. */
    public static final int MAX_OPTIONS = 64;
    /** The longest option key. */
    public static final int OPTION_KEY = 128;
    /** The longest option value. */
    public static final int OPTION_VALUE = 4096;

    private static final Pattern OPTION_KEY_FORM = Pattern.compile("[A-Za-z0-9_.\\-]+");

    private Inputs() {
    }

    /** A required one-line text: trimmed, at most {@code max} characters, no control characters. */
    public static String required(String field, String value, int max) {
        if (value == null || value.isBlank()) {
            throw ApiException.badRequest(field + " is required");
        }
        return optional(field, value, max).trim();
    }

    /** A one-line text that may be absent; when present, checked as {@link #required} checks it. */
    public static String optional(String field, String value, int max) {
        return checked(field, value, max, false);
    }

    /** A multi-line text (a command, a key file): tabs and line breaks allowed, other control characters not. */
    public static String multiline(String field, String value, int max) {
        return checked(field, value, max, true);
    }

    private static String checked(String field, String value, int max, boolean lineBreaks) {
        if (value == null) {
            return null;
        }
        if (value.length() > max) {
            throw ApiException.badRequest(field + " is longer than " + max + " characters (it has " + value.length() + ")");
        }
        int bad = firstControl(value, lineBreaks);
        if (bad >= 0) {
            throw ApiException.badRequest(field + " contains a control character (U+" + String.format("%04X",
                    (int) value.charAt(bad)) + " at position " + bad + ")" + (lineBreaks ? "" : "; use printable characters only"));
        }
        return value;
    }

    /** An option map: at most {@link #MAX_OPTIONS} entries, plain short keys, bounded printable values. */
    public static Map<String, String> options(String field, Map<String, String> options, int maxValue) {
        if (options == null) {
            return Map.of();
        }
        if (options.size() > MAX_OPTIONS) {
            throw ApiException.badRequest(field + " has " + options.size() + " entries; at most " + MAX_OPTIONS
                    + " are allowed");
        }
        options.forEach((key, value) -> {
            if (key == null || key.isEmpty() || key.length() > OPTION_KEY || !OPTION_KEY_FORM.matcher(key).matches()) {
                throw ApiException.badRequest(field + " has a key that is not 1 to " + OPTION_KEY + " letters, digits, "
                        + "'_', '.' or '-': '" + Texts.shown(key, 40) + "'");
            }
            optional(field + "." + key, value, maxValue);
        });
        return options;
    }

    /** C0, DEL, C1, the line and paragraph separators, and the bidirectional controls: what a shown text must not hold. */
    static boolean isControl(char c) {
        return c < 0x20 || (c >= 0x7f && c < 0xa0) || c == '\u2028' || c == '\u2029' || isBidiControl(c);
    }

    /** The bidirectional embedding, override and isolate controls, which make text display other than it reads. */
    static boolean isBidiControl(char c) {
        return (c >= '\u202a' && c <= '\u202e') || (c >= '\u2066' && c <= '\u2069');
    }

    /** Index of the first control character (C0, DEL, C1; the line separators; tabs and breaks only if allowed), or -1. */
    static int firstControl(String value, boolean allowLineBreaks) {
        for (int i = 0; i < value.length(); i++) {
            char c = value.charAt(i);
            if (allowLineBreaks && (c == '\n' || c == '\r' || c == '\t')) {
                continue;
            }
            if (isControl(c)) {
                return i;
            }
        }
        return -1;
    }
}
