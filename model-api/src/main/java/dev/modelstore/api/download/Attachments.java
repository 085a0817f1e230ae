package dev.modelstore.api.download;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

/**
 * {@code Content-Disposition: attachment} headers: a plain ASCII {@code filename} (anything else
 * replaced, so that no header can be broken by a model's name) and the exact name in {@code filename*}.
 */
public final class Attachments {

    private Attachments() {
    }

    /** The header value that saves the body as {@code fileName}. */
    public static String header(String fileName) {
        return "attachment; filename=\"" + ascii(fileName) + "\"; filename*=UTF-8''"
                + URLEncoder.encode(fileName, StandardCharsets.UTF_8).replace("+", "%20");
    }

    /** A file name made of safe ASCII characters only. */
    static String ascii(String name) {
        StringBuilder safe = new StringBuilder();
        for (char c : name.toCharArray()) {
            safe.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '/' && c != ';' ? c : '_');
        }
        String result = safe.toString().strip();
        return result.isEmpty() || result.equals(".") || result.equals("..") ? "model" : result;
    }
}
