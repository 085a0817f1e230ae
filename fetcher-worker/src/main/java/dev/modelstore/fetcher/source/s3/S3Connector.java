package dev.modelstore.fetcher.source.s3;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.SourceCredential;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;
import software.amazon.awssdk.auth.credentials.AnonymousCredentialsProvider;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.http.SdkHttpClient;
import software.amazon.awssdk.http.apache.ApacheHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Exception;

/**
 * Opens S3 sessions for the {@code aws} and {@code wasabi} sources: the project's key or anonymous
 * access, any region, and one HTTP client whose resolver applies the network guard.
 */
@ApplicationScoped
public class S3Connector {

    private final SdkHttpClient http;
    private final NetworkGuard guard;
    private final dev.modelstore.support.objectstore.ObjectStoreConfig store;

    /** A connector that knows no platform bucket to refuse (for tests of the sources alone). */
    public S3Connector(NetworkGuard guard) {
        this(guard, null);
    }

    @jakarta.inject.Inject
    public S3Connector(NetworkGuard guard, dev.modelstore.support.objectstore.ObjectStoreConfig store) {
        this.guard = guard;
        this.store = store;
        this.http = ApacheHttpClient.builder().dnsResolver(guard.sdkResolver()).expectContinueEnabled(false)
                .maxConnections(64).build();
    }

    /**
     * An HTTP client of its own, through the guard, for one export: closing it ends its connections,
     * so that a write to a target that stopped reading (a socket timeout covers only reads) can be
     * stopped.
     */
    public SdkHttpClient ownHttpClient() {
        return ApacheHttpClient.builder().dnsResolver(guard.sdkResolver()).expectContinueEnabled(false)
                .maxConnections(32).build();
    }

    /** A session with the bucket; {@code endpoint} empty means AWS itself. */
    public S3Objects open(String bucket, Optional<URI> endpoint, String region, Optional<SourceCredential> credential,
            String credentialType) {
        if (isPlatformBucket(bucket, endpoint)) {
            throw new IngestFailure("the bucket " + bucket + " is where Modelstore keeps its own models; it cannot be a source");
        }
        try {
            return new S3Objects(client(endpoint, region, credential), bucket, credentialType);
        } catch (S3Exception e) {
            throw new IngestFailure("cannot open bucket " + bucket + ": " + e.getMessage(), e);
        }
    }

    /**
     * A client for the store (exports write through it): the project's key or anonymous access, and
     * the guarded HTTP client. The caller closes it; the HTTP client stays open for others.
     */
    public S3Client client(Optional<URI> endpoint, String region, Optional<SourceCredential> credential) {
        return client(http, endpoint, region, credential);
    }

    /** A client for the store through the given HTTP client (which the caller closes). */
    public S3Client client(SdkHttpClient through, Optional<URI> endpoint, String region, Optional<SourceCredential> credential) {
        var builder = S3Client.builder()
                .httpClient(through)
                .region(Region.of(region))
                .credentialsProvider(credentials(credential))
                .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
                .crossRegionAccessEnabled(endpoint.isEmpty());
        endpoint.ifPresent(e -> builder.endpointOverride(e).forcePathStyle(true));
        if (through != http) {
            // An export's writes: a streamed body cannot be sent again, so the SDK must not retry it;
            // the uploader retries the parts it holds in memory itself.
            builder.overrideConfiguration(o -> o.retryStrategy(software.amazon.awssdk.awscore.retry.AwsRetryStrategy.doNotRetry()));
        }
        return builder.build();
    }

    /**
     * Whether the bucket on the endpoint is the platform's own model bucket (same bucket name, and the
     * same endpoint: both AWS itself, or the same port on an address both names resolve to), which no
     * project's source or export may name, whatever keys it holds.
     */
    public boolean isPlatformBucket(String bucket, Optional<URI> endpoint) {
        if (store == null || !bucket.equals(store.bucket())) {
            return false;
        }
        if (endpoint.isEmpty() || store.endpoint().isEmpty()) {
            return endpoint.isEmpty() && store.endpoint().isEmpty();
        }
        URI theirs = endpoint.get();
        URI ours = store.endpoint().get();
        if (port(theirs) != port(ours) || theirs.getHost() == null || ours.getHost() == null) {
            return false;
        }
        if (theirs.getHost().equalsIgnoreCase(ours.getHost())) {
            return true;
        }
        try {
            java.util.Set<java.net.InetAddress> mine = java.util.Set.of(java.net.InetAddress.getAllByName(ours.getHost()));
            for (java.net.InetAddress address : java.net.InetAddress.getAllByName(theirs.getHost())) {
                if (mine.contains(address)) {
                    return true;
                }
            }
        } catch (java.net.UnknownHostException e) {
            return false;
        }
        return false;
    }

    private static int port(URI uri) {
        return uri.getPort() >= 0 ? uri.getPort() : "https".equalsIgnoreCase(uri.getScheme()) ? 443 : 80;
    }

    private static AwsCredentialsProvider credentials(Optional<SourceCredential> credential) {
        return credential.<AwsCredentialsProvider>map(c -> StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(c.keyId(), c.secret())))
                .orElseGet(AnonymousCredentialsProvider::create);
    }

    @PreDestroy
    void close() {
        http.close();
    }
}
