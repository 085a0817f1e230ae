package dev.modelstore.fetcher.source.aws;

import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.ModelSourceContractTest;
import dev.modelstore.fetcher.source.S3ProxyFixture;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.source.s3.S3Connector;
import java.net.URI;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code aws} against S3Proxy standing in for S3 (the configured endpoint override). */
class AwsSourceContractTest extends ModelSourceContractTest {

    private static S3ProxyFixture s3;
    private static AwsSource source;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyFixture("aws");
        TestFetcherConfig config = new TestFetcherConfig(true, 1_000_000, Optional.of(URI.create(s3.endpoint())),
                Optional.empty(), Optional.empty(), Path.of("target"));
        source = new AwsSource(new S3Connector(new NetworkGuard(config)), config);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Override
    protected ModelSource source() {
        return source;
    }

    @Override
    protected void put(String key, byte[] content) {
        s3.put(key, content);
    }

    @Override
    protected SourceRequest request(String key, Optional<SourceCredential> credential) {
        return new SourceRequest(UUID.randomUUID(), "s3://" + S3ProxyFixture.BUCKET + "/" + key, Map.of(), credential);
    }

    @Override
    protected Optional<SourceCredential> goodCredential() {
        return Optional.of(new SourceCredential("aws", S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY, null));
    }

    @Override
    protected Optional<SourceCredential> badCredential() {
        return Optional.of(new SourceCredential("aws", S3ProxyFixture.ACCESS_KEY, "not-the-secret-1234", null));
    }

    @Override
    protected SourceRequest missingContainer() {
        return new SourceRequest(UUID.randomUUID(), "s3://no-such-bucket/weights.bin", Map.of(), goodCredential());
    }
}
