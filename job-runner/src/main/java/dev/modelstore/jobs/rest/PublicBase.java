package dev.modelstore.jobs.rest;

import java.net.URI;
import java.util.regex.Pattern;

/**
 * The base URL a user reaches the API at, for URLs handed back in answers: the host and scheme
 * model-api forwarded the call from ({@code X-Forwarded-Host}/{@code -Proto}), else this service's own.
 * A forwarded host that is no plain {@code host[:port]} is ignored.
 */
final class PublicBase {

    private static final Pattern HOST = Pattern.compile("[A-Za-z0-9.\\-]{1,253}(:[0-9]{1,5})?|\\[[0-9A-Fa-f:.]{2,45}\\](:[0-9]{1,5})?");

    private PublicBase() {
    }

    /** The base URL, ending in {@code /}. */
    static String of(URI own, String forwardedHost, String forwardedProto) {
        String base = own.toString().endsWith("/") ? own.toString() : own + "/";
        if (forwardedHost == null || !HOST.matcher(forwardedHost.trim()).matches()) {
            return base;
        }
        String scheme = "https".equalsIgnoreCase(forwardedProto == null ? "" : forwardedProto.trim()) ? "https" : "http";
        return scheme + "://" + forwardedHost.trim() + "/";
    }
}
