package dev.modelstore.fetcher.source;

import dev.modelstore.fetcher.IngestFailure;

/**
 * Reads {@code <scheme>://bucket/key} URIs ({@code s3://}, {@code gs://}) into a location: the
 * bucket, and the key or prefix within it; {@code <scheme>://bucket} or {@code …/} is the whole bucket.
 */
public final class BucketUris {

    private BucketUris() {
    }

    /** The location the request's URI names, which must use the scheme. */
    public static ObjectStoreSource.Location locate(String scheme, SourceRequest request) {
        String uri = request.uri();
        String start = scheme + "://";
        if (!uri.startsWith(start) || uri.length() <= start.length()) {
            throw new IngestFailure("'" + uri + "' is not a " + start + "bucket/path URI");
        }
        String rest = uri.substring(start.length());
        int slash = rest.indexOf('/');
        return slash < 0 ? new ObjectStoreSource.Location(rest, "", uri)
                : new ObjectStoreSource.Location(rest.substring(0, slash), rest.substring(slash + 1), uri);
    }
}
