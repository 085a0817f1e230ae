package dev.modelstore.fetcher.source.wasabi;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.BucketUris;
import dev.modelstore.fetcher.source.ObjectStoreSource;
import dev.modelstore.fetcher.source.RemoteObjects;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.source.s3.S3Connector;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Locale;
import java.util.Optional;

/**
 * {@code wasabi}: {@code s3://bucket/…} on the S3-compatible endpoint in
 * {@code source_options.endpoint_url}, with the project's {@code wasabi} credential. The endpoint is
 * checked by the network guard like any other address a source reaches.
 */
@ApplicationScoped
public class WasabiSource extends ObjectStoreSource {

    private final S3Connector s3;
    private final NetworkGuard guard;
    private final FetcherConfig.Sources config;

    WasabiSource(S3Connector s3, NetworkGuard guard, FetcherConfig config) {
        this.s3 = s3;
        this.guard = guard;
        this.config = config.sources();
    }

    @Override
    public SourceType type() {
        return SourceType.WASABI;
    }

    @Override
    protected Location locate(SourceRequest request) {
        return BucketUris.locate("s3", request);
    }

    @Override
    protected RemoteObjects connect(SourceRequest request, Location location) {
        URI endpoint = endpoint(request.options().get("endpoint_url"));
        guard.checkedAddress(endpoint.getHost(), "wasabi endpoint " + endpoint);
        return s3.open(location.container(), Optional.of(endpoint),
                request.options().getOrDefault("region", config.defaultRegion()), request.credential(), "wasabi");
    }

    private static URI endpoint(String value) {
        try {
            URI uri = URI.create(value == null ? "" : value.trim());
            String scheme = uri.getScheme() == null ? "" : uri.getScheme().toLowerCase(Locale.ROOT);
            if ((scheme.equals("http") || scheme.equals("https")) && uri.getHost() != null) {
                return uri;
            }
        } catch (IllegalArgumentException e) {
            // reported below
        }
        throw new IngestFailure("source_options.endpoint_url must be an http(s) URL such as https://s3.wasabisys.com");
    }
}
