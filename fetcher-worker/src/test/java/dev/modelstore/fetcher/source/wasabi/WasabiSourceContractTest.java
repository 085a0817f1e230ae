package dev.modelstore.fetcher.source.wasabi;

import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.ModelSourceContractTest;
import dev.modelstore.fetcher.source.S3ProxyFixture;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.source.s3.S3Connector;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** {@code wasabi} against S3Proxy, reached through {@code source_options.endpoint_url} as Wasabi is. */
class WasabiSourceContractTest extends ModelSourceContractTest {

    private static S3ProxyFixture s3;
    private static WasabiSource source;

    @BeforeAll
    static void start() throws Exception {
        s3 = new S3ProxyFixture("wasabi");
        TestFetcherConfig config = TestFetcherConfig.loopback(true);
        NetworkGuard guard = new NetworkGuard(config);
        source = new WasabiSource(new S3Connector(guard), guard, config);
    }

    @AfterAll
    static void stop() {
        s3.close();
    }

    @Test
    void anEndpointOnAForbiddenAddressIsRefused() {
        NetworkGuard strict = new NetworkGuard(TestFetcherConfig.loopback(false));
        WasabiSource guarded = new WasabiSource(new S3Connector(strict), strict, TestFetcherConfig.loopback(false));
        for (String endpoint : new String[] {s3.endpoint(), "http://169.254.169.254/"}) {
            IngestFailure failure = assertThrows(IngestFailure.class, () -> guarded.fetch(new SourceRequest(UUID.randomUUID(),
                    "s3://conformance/x.bin", Map.of("endpoint_url", endpoint), goodCredential()),
                    new ObjectStoreModelWriter(UUID.randomUUID(), new InMemoryObjectSink(), new Unpacker(), 100, (b, f) -> { },
                            () -> false)));
            assertTrue(failure.reason().contains("refused to connect"), failure.reason());
        }
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
        return new SourceRequest(UUID.randomUUID(), "s3://" + S3ProxyFixture.BUCKET + "/" + key,
                Map.of("endpoint_url", s3.endpoint()), credential);
    }

    @Override
    protected Optional<SourceCredential> goodCredential() {
        return Optional.of(new SourceCredential("wasabi", S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY, null));
    }

    @Override
    protected Optional<SourceCredential> badCredential() {
        return Optional.of(new SourceCredential("wasabi", "someone-else", "not-the-secret-1234", null));
    }

    @Override
    protected SourceRequest missingContainer() {
        return new SourceRequest(UUID.randomUUID(), "s3://no-such-bucket/weights.bin", Map.of("endpoint_url", s3.endpoint()),
                goodCredential());
    }
}
