package dev.modelstore.fetcher.source;

import dev.modelstore.fetcher.IngestFailure;

/** Object keys under a folder prefix, turned into model paths — strictly: a key that is no plain relative path fails the model. */
public final class ObjectKeys {

    private ObjectKeys() {
    }

    /**
     * The key's path below the prefix. Keys with {@code .} or {@code ..} segments, empty segments,
     * backslashes or control characters are refused, never normalised, so what is stored is what
     * the store holds.
     */
    public static String relativePath(String prefix, String key) {
        if (!key.startsWith(prefix)) {
            throw new IngestFailure("the store listed '" + key + "', which is not under '" + prefix + "'");
        }
        String relative = key.substring(prefix.length());
        boolean badSegment = false;
        for (String segment : relative.split("/", -1)) {
            badSegment |= segment.isEmpty() || segment.equals(".") || segment.equals("..");
        }
        if (relative.isEmpty() || badSegment || relative.indexOf('\\') >= 0
                || relative.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw new IngestFailure("the object '" + key.replaceAll("\\p{Cntrl}", "?") + "' has a name that would "
                    + "not stay inside the model ('.', '..', '//', '\\' or control characters); the model is refused");
        }
        return relative;
    }
}
