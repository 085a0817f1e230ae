package dev.modelstore.support.input;

import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Takes credentials out of URLs before they are shown or logged: the password of a URL's user info,
 * and the value of every query parameter whose name says it is a secret ({@code X-Amz-Signature},
 * {@code X-Amz-Credential}, {@code sig}, {@code private_token}, {@code access_token}, {@code api_key},
 * …). Works on any text: every URL in it is redacted, the rest is left as it is.
 */
public final class Redaction {

    /** What a secret is replaced with. */
    public static final String MASK = "REDACTED";

    private static final Pattern URL = Pattern.compile("(?i)\\b[a-z][a-z0-9+.-]{1,15}://[^\\s\"'<>]+");
    private static final Pattern USER_INFO = Pattern.compile("^([a-zA-Z][a-zA-Z0-9+.-]*://)([^/@?#]*)@");
    private static final Pattern PARAMETER = Pattern.compile("([?&;#])([^=&;#]+)=([^&;#]*)");
    private static final Pattern SECRET_NAME = Pattern.compile(
            "token|sig|signature|secret|pass|pwd|key|credential|auth|session|jwt|assertion|bearer|^code$|^access$|^se$|^st$");

    private Redaction() {
    }

    /** The text with every URL in it redacted. */
    public static String urls(String text) {
        if (text == null || !text.contains("://")) {
            return text;
        }
        Matcher urls = URL.matcher(text);
        StringBuilder out = new StringBuilder(text.length());
        while (urls.find()) {
            urls.appendReplacement(out, Matcher.quoteReplacement(url(urls.group())));
        }
        urls.appendTail(out);
        return out.toString();
    }

    /** One URL redacted. */
    public static String url(String url) {
        if (url == null) {
            return null;
        }
        String redacted = url;
        Matcher userInfo = USER_INFO.matcher(redacted);
        if (userInfo.find() && userInfo.group(2).contains(":")) {
            String user = userInfo.group(2).substring(0, userInfo.group(2).indexOf(':'));
            redacted = userInfo.group(1) + user + ":" + MASK + "@" + redacted.substring(userInfo.end());
        }
        // Parameters after '?' and in a fragment ('#a=b&c=d', as OAuth implicit flows put tokens there).
        int query = redacted.indexOf('?');
        int fragment = redacted.indexOf('#');
        if (query < 0 || (fragment >= 0 && fragment < query)) {
            query = fragment;
        }
        if (query < 0) {
            return redacted;
        }
        Matcher parameters = PARAMETER.matcher(redacted);
        parameters.region(query, redacted.length());
        StringBuilder out = new StringBuilder(redacted.length());
        int last = 0;
        while (parameters.find()) {
            String name = parameters.group(2);
            if (isSecret(name)) {
                out.append(redacted, last, parameters.start(3)).append(MASK);
                last = parameters.end(3);
            }
        }
        out.append(redacted.substring(last));
        return out.toString();
    }

    private static boolean isSecret(String name) {
        String lower = java.net.URLDecoder.decode(name, java.nio.charset.StandardCharsets.UTF_8).toLowerCase(Locale.ROOT);
        return SECRET_NAME.matcher(lower).find();
    }
}
