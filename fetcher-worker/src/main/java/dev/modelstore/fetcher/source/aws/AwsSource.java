package dev.modelstore.fetcher.source.aws;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.source.BucketUris;
import dev.modelstore.fetcher.source.ObjectStoreSource;
import dev.modelstore.fetcher.source.RemoteObjects;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.source.s3.S3Connector;
import jakarta.enterprise.context.ApplicationScoped;

/**
 * {@code aws}: {@code s3://bucket/key} or {@code s3://bucket/prefix/} on Amazon S3, with the
 * project's {@code aws} credential (else anonymous). The region comes from
 * {@code source_options.region}, or is found by the SDK's cross-region access.
 */
@ApplicationScoped
public class AwsSource extends ObjectStoreSource {

    private final S3Connector s3;
    private final FetcherConfig.Sources config;

    AwsSource(S3Connector s3, FetcherConfig config) {
        this.s3 = s3;
        this.config = config.sources();
    }

    @Override
    public SourceType type() {
        return SourceType.AWS;
    }

    @Override
    protected Location locate(SourceRequest request) {
        return BucketUris.locate("s3", request);
    }

    @Override
    protected RemoteObjects connect(SourceRequest request, Location location) {
        return s3.open(location.container(), config.awsEndpoint(),
                request.options().getOrDefault("region", config.defaultRegion()), request.credential(), "aws");
    }
}
