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

    @org.junit.jupiter.api.Test
    void aServiceAccountKeyIsExchangedAtTheConfiguredTokenEndpointNeverAtTheKeysOwnTokenUri() throws Exception {
        java.security.KeyPairGenerator generator = java.security.KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        java.security.KeyPair key = generator.generateKeyPair();
        String email = "reader@modelstore-test.iam.gserviceaccount.com";
        gcs.acceptServiceAccount(key.getPublic(), email);
        // An attacker's key file names its own token_uri: a loopback port nothing listens on.
        // The PEM as it sits in a key file's JSON: line breaks written as \n escapes.
        String pem = ("-----BEGIN PRIVATE KEY-----\n" + java.util.Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n").replace("\n", "\\n");
        String json = "{\"type\":\"service_account\",\"project_id\":\"modelstore-test\",\"private_key_id\":\"k1\","
                + "\"private_key\":\"" + pem + "\",\"client_email\":\"" + email + "\",\"client_id\":\"1\","
                + "\"token_uri\":\"http://127.0.0.1:1/steal\"}";
        put("service-account/weights.bin", utf8("read with a service account"));
        int granted = gcs.tokensGranted();
        dev.modelstore.fetcher.store.ObjectStoreModelWriter writer = new dev.modelstore.fetcher.store.ObjectStoreModelWriter(
                UUID.randomUUID(), new dev.modelstore.fetcher.store.InMemoryObjectSink(),
                new dev.modelstore.fetcher.extract.Unpacker(), 1_000_000, (b, f) -> { }, () -> false);
        source.fetch(request("service-account/weights.bin", Optional.of(new SourceCredential("gcp", email, json, null))),
                writer);
        org.junit.jupiter.api.Assertions.assertEquals(27, writer.manifest("test").sizeBytes());
        org.junit.jupiter.api.Assertions.assertTrue(gcs.tokensGranted() > granted, "the token came from the configured endpoint");
    }
}
