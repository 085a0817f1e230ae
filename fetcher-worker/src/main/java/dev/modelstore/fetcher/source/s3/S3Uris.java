package dev.modelstore.fetcher.source.s3;

import dev.modelstore.fetcher.IngestFailure;

/** Reads {@code s3://bucket/key} (or {@code s3://bucket/prefix/}) into its bucket and key. */
public final class S3Uris {

    private S3Uris() {
    }

    /** The bucket and the key or prefix; {@code s3://bucket} or {@code s3://bucket/} is the whole bucket. */
    public static String[] split(String uri) {
        if (!uri.startsWith("s3://") || uri.length() <= 5) {
            throw new IngestFailure("'" + uri + "' is not an s3://bucket/path URI");
        }
        String rest = uri.substring(5);
        int slash = rest.indexOf('/');
        return slash < 0 ? new String[] {rest, ""} : new String[] {rest.substring(0, slash), rest.substring(slash + 1)};
    }
}
