package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;

import com.azure.core.util.BinaryData;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.modelstore.testservers.AzuriteServer;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * One model per cloud source type through the HTTP API, single archive and folder variants, each
 * from a real server on loopback: Azurite for {@code azure}, a GCS JSON API server for
 * {@code gcp} (through the real client), Apache FtpServer for {@code ftp://} and {@code ftps://}.
 */
class CloudSourceModelsEndToEndTest extends EndToEndTest {

    private static Map<String, byte[]> nested;
    private static String project;

    @BeforeAll
    static void fillSources() throws Exception {
        SourceServers servers = StackExtension.sources();
        nested = Archives.nestedFiles(30);
        byte[] archive = Archives.tarGz(nested);

        servers.gcs.createBucket("gcs-models");
        servers.gcs.put("gcs-models", "archives/model.tar.gz", archive);
        BlobContainerClient container = new BlobServiceClientBuilder().endpoint(AzuriteServer.endpoint(StackExtension.AZURITE_PORT))
                .credential(new StorageSharedKeyCredential(AzuriteServer.ACCOUNT, AzuriteServer.ACCOUNT_KEY))
                .buildClient().getBlobContainerClient("models");
        container.createIfNotExists();
        container.getBlobClient("archives/model.tar.gz").upload(BinaryData.fromBytes(archive), true);
        servers.ftp.put("pub/model.tar.gz", archive);
        servers.ftps.put("pub/model.tar.gz", archive);
        for (Map.Entry<String, byte[]> file : nested.entrySet()) {
            servers.gcs.put("gcs-models", "m1/" + file.getKey(), file.getValue());
            container.getBlobClient("m1/" + file.getKey()).upload(BinaryData.fromBytes(file.getValue()), true);
            servers.ftp.put("pub/m1/" + file.getKey(), file.getValue());
            servers.ftps.put("pub/m1/" + file.getKey(), file.getValue());
        }
        servers.gcs.put("gcs-models", "m1-old/stale.bin", new byte[] {1});
        container.getBlobClient("m1-old/stale.bin").upload(BinaryData.fromBytes(new byte[] {1}), true);

        project = api.post("/model", Map.of("name", "probe", "source_type", "web", "source_uri", files.url("/none")))
                .body().get("project_uuid").asText();
        assertEquals(200, api.put("/project/" + project + "/credentials/gcp",
                Map.of("key_id", "reader@example.iam.gserviceaccount.com", "secret", StackExtension.GCS_TOKEN)).status());
        assertEquals(200, api.put("/project/" + project + "/credentials/azure",
                Map.of("key_id", AzuriteServer.ACCOUNT, "secret", AzuriteServer.ACCOUNT_KEY)).status());
    }

    @Test
    void gcpArchiveAndFolder() throws Exception {
        assertReady("gcp", "gs://gcs-models/archives/model.tar.gz");
        assertReady("gcp", "gs://gcs-models/m1/");
    }

    @Test
    void azureArchiveAndFolder() throws Exception {
        String base = "https://" + AzuriteServer.ACCOUNT + ".blob.core.windows.net/models/";
        assertReady("azure", base + "archives/model.tar.gz");
        assertReady("azure", base + "m1/");
    }

    @Test
    void ftpAndFtpsArchiveAndFolder() throws Exception {
        for (String base : new String[] {"ftp://127.0.0.1:" + StackExtension.FTP_PORT + "/pub/",
            "ftps://127.0.0.1:" + StackExtension.FTPS_PORT + "/pub/"}) {
            assertReady("web", base + "model.tar.gz");
            assertReady("web", base + "m1/");
        }
    }

    private static void assertReady(String type, String uri) throws Exception {
        ModelApiClient.Reply created = api.post("/model", Map.of("name", type + " " + uri, "source_type", type,
                "source_uri", uri));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String id = created.body().get("model_uuid").asText();
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText(), uri);
        assertSameFiles(nested, storedFiles(id));
    }
}
