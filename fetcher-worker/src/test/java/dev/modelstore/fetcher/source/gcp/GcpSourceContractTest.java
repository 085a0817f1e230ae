package dev.modelstore.fetcher.source.gcp;

import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.ModelSourceContractTest;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.testservers.LocalGcsServer;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code gcp} through the real google-cloud-storage HTTP client, against a local JSON API server (pages of 2). */
class GcpSourceContractTest extends ModelSourceContractTest {

    private static final String TOKEN = "ya29.local-test-token";
    private static LocalGcsServer gcs;
    private static GcpSource source;

    @BeforeAll
    static void start() throws Exception {
        gcs = new LocalGcsServer(TOKEN, 2, 0);
        gcs.createBucket("gcs-models");
        source = new GcpSource(new TestFetcherConfig(true, 1_000_000, Optional.empty(), Optional.empty(),
                Optional.of(gcs.host()), Path.of("target")));
    }

    @AfterAll
    static void stop() {
        gcs.close();
    }

    @Override
    protected ModelSource source() {
        return source;
    }

    @Override
    protected void put(String key, byte[] content) {
        gcs.put("gcs-models", key, content);
    }

    @Override
    protected SourceRequest request(String key, Optional<SourceCredential> credential) {
        return new SourceRequest(UUID.randomUUID(), "gs://gcs-models/" + key, Map.of(), credential);
    }

    @Override
    protected Optional<SourceCredential> goodCredential() {
        return Optional.of(new SourceCredential("gcp", "reader@example.iam.gserviceaccount.com", TOKEN, null));
    }

    @Override
    protected Optional<SourceCredential> badCredential() {
        return Optional.of(new SourceCredential("gcp", "reader@example.iam.gserviceaccount.com", "ya29.revoked-token", null));
    }

    @Override
    protected SourceRequest missingContainer() {
        return new SourceRequest(UUID.randomUUID(), "gs://no-such-bucket/weights.bin", Map.of(), goodCredential());
    }
}
