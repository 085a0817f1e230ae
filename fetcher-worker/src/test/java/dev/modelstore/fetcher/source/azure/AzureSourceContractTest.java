package dev.modelstore.fetcher.source.azure;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.ModelSourceContractTest;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.testservers.AzuriteServer;
import dev.modelstore.stack.ManagedProcess;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code azure} through azure-storage-blob against Azurite, the Azure Storage emulator, on loopback. */
class AzureSourceContractTest extends ModelSourceContractTest {

    private static final String URI_BASE = "https://" + AzuriteServer.ACCOUNT + ".blob.core.windows.net/models/";
    private static ManagedProcess azurite;
    private static BlobContainerClient container;
    private static AzureSource source;

    @BeforeAll
    static void start() throws Exception {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path module = Path.of("").toAbsolutePath();
        azurite = AzuriteServer.start(module.getParent(), module.resolve("target/azurite-data-" + port), port);
        container = new BlobServiceClientBuilder().endpoint(AzuriteServer.endpoint(port))
                .credential(new StorageSharedKeyCredential(AzuriteServer.ACCOUNT, AzuriteServer.ACCOUNT_KEY))
                .buildClient().getBlobContainerClient("models");
        container.create();
        TestFetcherConfig config = new TestFetcherConfig(true, 1_000_000, Optional.empty(),
                Optional.of(AzuriteServer.endpoint(port)), Optional.empty(), Path.of("target"));
        source = new AzureSource(new NetworkGuard(config), config);
    }

    @AfterAll
    static void stop() {
        azurite.close();
    }

    @Override
    protected ModelSource source() {
        return source;
    }

    @Override
    protected void put(String key, byte[] content) {
        container.getBlobClient(key).upload(BinaryData.fromBytes(content), true);
    }

    @Override
    protected SourceRequest request(String key, Optional<SourceCredential> credential) {
        return new SourceRequest(UUID.randomUUID(), URI_BASE + key, Map.of(), credential);
    }

    @Override
    protected Optional<SourceCredential> goodCredential() {
        return Optional.of(new SourceCredential("azure", AzuriteServer.ACCOUNT, AzuriteServer.ACCOUNT_KEY, null));
    }

    @Override
    protected Optional<SourceCredential> badCredential() {
        return Optional.of(new SourceCredential("azure", AzuriteServer.ACCOUNT,
                "AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA==", null));
    }

    @Override
    protected SourceRequest missingContainer() {
        return new SourceRequest(UUID.randomUUID(), "https://" + AzuriteServer.ACCOUNT + ".blob.core.windows.net/nothing/w.bin",
                Map.of(), goodCredential());
    }

    @org.junit.jupiter.api.Test
    void aSasTokenReadsTheContainerAndATamperedOneIsAccessDeniedWithoutShowingIt() throws Exception {
        put("sas/weights.bin", utf8("read with a SAS"));
        String sas = container.generateSas(new com.azure.storage.blob.sas.BlobServiceSasSignatureValues(
                java.time.OffsetDateTime.now().plusHours(1), new com.azure.storage.blob.sas.BlobContainerSasPermission()
                        .setReadPermission(true).setListPermission(true)));
        SourceCredential good = new SourceCredential("azure", AzuriteServer.ACCOUNT, "?" + sas, null);
        org.junit.jupiter.api.Assertions.assertEquals(15, fetched(request("sas/", Optional.of(good))).sizeBytes());
        String tampered = sas.replaceAll("sig=[^&]+", "sig=AAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAAA%3D");
        SourceCredential bad = new SourceCredential("azure", AzuriteServer.ACCOUNT, tampered, null);
        dev.modelstore.fetcher.IngestFailure denied = org.junit.jupiter.api.Assertions.assertThrows(
                dev.modelstore.fetcher.IngestFailure.class, () -> fetched(request("sas/", Optional.of(bad))));
        org.junit.jupiter.api.Assertions.assertTrue(denied.reason().contains("access denied")
                || denied.reason().contains("credential"), denied.reason());
        org.junit.jupiter.api.Assertions.assertFalse(denied.reason().contains("AAAAAAAAAAAA"), denied.reason());
    }

    @org.junit.jupiter.api.Test
    void aPublicContainerIsReadWithoutACredential() throws Exception {
        BlobContainerClient open = container.getServiceClient().getBlobContainerClient("public-models");
        if (!open.exists()) {
            open.createWithResponse(null, com.azure.storage.blob.models.PublicAccessType.CONTAINER, null,
                    com.azure.core.util.Context.NONE);
        }
        open.getBlobClient("open/weights.bin").upload(BinaryData.fromBytes(utf8("public weights")), true);
        SourceRequest anonymous = new SourceRequest(UUID.randomUUID(), URI_BASE.replace("/models/", "/public-models/")
                + "open/", Map.of(), Optional.empty());
        org.junit.jupiter.api.Assertions.assertEquals(14, fetched(anonymous).sizeBytes());
    }

    private static dev.modelstore.support.objectstore.ModelManifest fetched(SourceRequest request) throws Exception {
        dev.modelstore.fetcher.store.ObjectStoreModelWriter writer = new dev.modelstore.fetcher.store.ObjectStoreModelWriter(
                request.modelId(), new dev.modelstore.fetcher.store.InMemoryObjectSink(),
                new dev.modelstore.fetcher.extract.Unpacker(), 1_000_000, (b, f) -> { }, () -> false);
        source.fetch(request, writer);
        return writer.manifest("test");
    }
}
