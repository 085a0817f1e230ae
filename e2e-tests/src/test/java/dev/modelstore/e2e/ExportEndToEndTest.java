package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.common.StorageSharedKeyCredential;
import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.stack.StackSettings;
import dev.modelstore.testservers.AzuriteServer;
import java.io.ByteArrayInputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Models go out: to S3 (aws and wasabi, against the stack's S3Proxy), Azure (Azurite), GCS (the
 * test server, through the real client's resumable uploads), a regional
 * datastore and the user's computer (trainML's download protocol, as its client speaks it), each
 * compared byte for byte with the model; a failing target (no bucket, a clash without overwrite)
 * leaves the model ready and the export failed with a reason; an exporting model is deleted only
 * with force.
 */
class ExportEndToEndTest extends EndToEndTest {

    private static final String TARGET_BUCKET = "exports-e2e";
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Map<String, byte[]> content;
    private static String modelId;
    private static String project;

    @BeforeAll
    static void createModel() throws Exception {
        StackSettings settings = StackExtension.stack().settings();
        content = Archives.nestedFiles(57);
        modelId = api.createWebModel("export me", files.serve("/export/model.tar.gz", Archives.tarGz(content)));
        assertEquals("ready", api.awaitStatus(modelId, FINAL, WAIT).get("status").asText());
        project = StackExtension.stack().access().projectId();
        s3.createBucket(b -> b.bucket(TARGET_BUCKET));
        for (String type : new String[] {"aws", "wasabi"}) {
            assertEquals(200, api.put("/project/" + project + "/credentials/" + type,
                    Map.of("key_id", settings.s3AccessKey(), "secret", settings.s3SecretKey())).status());
        }
        assertEquals(200, api.put("/project/" + project + "/credentials/azure",
                Map.of("key_id", AzuriteServer.ACCOUNT, "secret", AzuriteServer.ACCOUNT_KEY)).status());
    }

    @Test
    void anAwsExportWritesEveryFileUnderThePrefixAndTheModelIsReadyAgain() throws Exception {
        ModelApiClient.Reply started = api.post("/model/" + modelId + "/export", Map.of("output_type", "aws",
                "output_uri", "s3://" + TARGET_BUCKET + "/aws/bert/"));
        assertEquals(200, started.status(), String.valueOf(started.body()));
        assertEquals("exporting", started.body().get("status").asText());
        JsonNode export = awaitExport(started.body().get("export_uuid").asText());
        assertEquals("completed", export.get("status").asText(), export.toString());
        assertEquals(content.size(), export.get("files").asInt());
        assertSameFiles(content, bucketFiles(TARGET_BUCKET, "aws/bert/"));
        assertEquals("ready", api.get("/model/" + modelId).body().get("status").asText());
        JsonNode log = api.get("/model/" + modelId + "/logs").body();
        assertTrue(log.toString().contains("export " + export.get("export_uuid").asText() + " completed"), log.toString());
    }

    @Test
    void aClashFailsTheExportBeforeAnyByteMovesUnlessOverwriteIsAsked() throws Exception {
        s3.putObject(b -> b.bucket(TARGET_BUCKET).key("clash/config.json"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("theirs"));
        JsonNode failed = export(Map.of("output_type", "aws", "output_uri", "s3://" + TARGET_BUCKET + "/clash"));
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("reason").asText().contains("s3://" + TARGET_BUCKET + "/clash/config.json already exists"),
                failed.toString());
        assertEquals(Map.of("config.json", "theirs"), Map.of("config.json",
                new String(bucketFiles(TARGET_BUCKET, "clash/").get("config.json"))));
        assertEquals(1, bucketFiles(TARGET_BUCKET, "clash/").size(), "no byte moved");
        assertEquals("ready", api.get("/model/" + modelId).body().get("status").asText());

        JsonNode replaced = export(Map.of("output_type", "aws", "output_uri", "s3://" + TARGET_BUCKET + "/clash",
                "output_options", Map.of("overwrite", true)));
        assertEquals("completed", replaced.get("status").asText(), replaced.toString());
        assertSameFiles(content, bucketFiles(TARGET_BUCKET, "clash/"));
    }

    @Test
    void aMissingBucketFailsTheExportWithAReasonAndTheModelStaysReady() {
        JsonNode failed = export(Map.of("output_type", "aws", "output_uri", "s3://no-such-bucket-e2e/x/"));
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        assertTrue(failed.get("reason").asText().contains("no-such-bucket-e2e does not exist"), failed.toString());
        assertEquals("ready", api.get("/model/" + modelId).body().get("status").asText());

        // The platform's own model bucket is never a target (nor a source), whatever keys the project holds.
        JsonNode platform = export(Map.of("output_type", "aws", "output_uri", "s3://" + bucket + "/models/x/"));
        assertEquals("failed", platform.get("status").asText(), platform.toString());
        assertTrue(platform.get("reason").asText().contains("keeps its own models"), platform.toString());
        String reading = api.post("/model", Map.of("name", "reads the store", "source_type", "aws",
                "source_uri", "s3://" + bucket + "/models/" + modelId + "/files/")).body().get("model_uuid").asText();
        assertFailed(reading, "keeps its own models");
    }

    @Test
    void aWasabiExportUsesItsEndpointOption() throws Exception {
        JsonNode done = export(Map.of("output_type", "wasabi", "output_uri", "s3://" + TARGET_BUCKET + "/wasabi/",
                "output_options", Map.of("endpoint_url", StackExtension.stack().settings().s3Endpoint())));
        assertEquals("completed", done.get("status").asText(), done.toString());
        assertSameFiles(content, bucketFiles(TARGET_BUCKET, "wasabi/"));
    }

    @Test
    void anAzureExportWritesBlobs() throws Exception {
        BlobContainerClient container = new BlobServiceClientBuilder()
                .endpoint(AzuriteServer.endpoint(StackExtension.AZURITE_PORT))
                .credential(new StorageSharedKeyCredential(AzuriteServer.ACCOUNT, AzuriteServer.ACCOUNT_KEY))
                .buildClient().getBlobContainerClient("exports");
        container.createIfNotExists();
        JsonNode done = export(Map.of("output_type", "azure", "output_uri",
                "https://" + AzuriteServer.ACCOUNT + ".blob.core.windows.net/exports/bert/"));
        assertEquals("completed", done.get("status").asText(), done.toString());
        Map<String, byte[]> blobs = new HashMap<>();
        for (BlobItem item : container.listBlobs()) {
            if (item.getName().startsWith("bert/")) {
                blobs.put(item.getName().substring(5), container.getBlobClient(item.getName()).downloadContent().toBytes());
            }
        }
        assertSameFiles(content, blobs);
    }

    @Test
    void aGcpExportWritesObjectsThroughResumableUploads() throws Exception {
        SourceServers servers = StackExtension.sources();
        servers.gcs.createBucket("gcs-exports");
        assertEquals(200, api.put("/project/" + project + "/credentials/gcp",
                Map.of("key_id", "writer@example.iam.gserviceaccount.com", "secret", StackExtension.GCS_TOKEN)).status());
        JsonNode done = export(Map.of("output_type", "gcp", "output_uri", "gs://gcs-exports/bert/"));
        assertEquals("completed", done.get("status").asText(), done.toString());
        Map<String, byte[]> written = new HashMap<>();
        for (String name : servers.gcs.names("gcs-exports", "bert/")) {
            written.put(name.substring(5), servers.gcs.get("gcs-exports", name));
        }
        assertSameFiles(content, written);
        JsonNode missing = export(Map.of("output_type", "gcp", "output_uri", "gs://no-such-gcs-bucket/x/"));
        assertEquals("failed", missing.get("status").asText(), missing.toString());
        assertTrue(missing.get("reason").asText().contains("no-such-gcs-bucket"), missing.toString());
    }

    @Test
    void aRegionalExportWritesTheDatastoreFolder() throws Exception {
        Path datastore = StackExtension.stack().settings().dataDir().resolve("datastores/" + project + "/export-store");
        Files.createDirectories(datastore);
        JsonNode done = export(Map.of("output_type", "regional", "output_uri", "export-store/out/bert/"));
        assertEquals("completed", done.get("status").asText(), done.toString());
        Map<String, byte[]> written = new HashMap<>();
        Path folder = datastore.resolve("out/bert");
        try (Stream<Path> paths = Files.walk(folder)) {
            for (Path path : paths.filter(Files::isRegularFile).toList()) {
                written.put(folder.relativize(path).toString(), Files.readAllBytes(path));
            }
        }
        assertSameFiles(content, written);
        assertEquals(400, api.post("/model/" + modelId + "/export", Map.of("output_type", "regional",
                "output_uri", "no-such-store/x/")).status());
    }

    @Test
    void aLocalExportSpeaksTrainmlsDownloadProtocolAndItsTokenDiesWithIt() throws Exception {
        String local = api.createWebModel("local export", files.serve("/export/local.tar.gz", Archives.tarGz(content)));
        assertEquals("ready", api.awaitStatus(local, FINAL, WAIT).get("status").asText());
        ModelApiClient.Reply started = api.post("/model/" + local + "/export", Map.of("output_type", "local",
                "output_uri", "~/models/bert"));
        assertEquals(200, started.status(), String.valueOf(started.body()));
        JsonNode model = started.body();
        assertEquals("exporting", model.get("status").asText());
        assertEquals("~/models/bert", model.get("output_uri").asText());
        String hostname = model.get("hostname").asText();
        String token = model.get("auth_token").asText();
        assertNotNull(token);
        // What trainml.utils.transfer.download() does: ping until 200 (the sender knows the token once a
        // fetcher has taken the export request), info, download, finalize.
        awaitTrue(() -> call("GET", hostname + "/ping", token).statusCode() == 200, "the sender answers the ping");
        HttpResponse<byte[]> info = call("GET", hostname + "/info", token);
        assertEquals(200, info.statusCode());
        assertEquals("{\"archive\":false}", new String(info.body()).replace(" ", ""));
        HttpResponse<byte[]> download = call("GET", hostname + "/download", token);
        assertEquals(200, download.statusCode());
        Map<String, byte[]> extracted = new HashMap<>();
        try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(download.body()))) {
            TarArchiveEntry entry;
            while ((entry = tar.getNextEntry()) != null) {
                extracted.put(entry.getName(), tar.readAllBytes());
            }
        }
        assertSameFiles(content, extracted);
        // Still exporting until the client finalizes; meanwhile it is deleted only with force.
        assertEquals("exporting", api.get("/model/" + local).body().get("status").asText());
        assertEquals(409, api.delete("/model/" + local + "?force=false").status());
        assertEquals(200, call("POST", hostname + "/finalize", token).statusCode());
        JsonNode exports = awaitBody(api, "/model/" + local + "/exports");
        awaitTrue(() -> "completed".equals(api.get("/model/" + local + "/exports").body().get(0).get("status").asText()),
                "the local export completes at finalize");
        assertTrue(exports.isArray());
        api.awaitStatus(local, java.util.Set.of("ready"), WAIT);
        assertEquals(401, call("GET", hostname + "/ping", token).statusCode(), "the token dies with the export");
        assertEquals(null, api.get("/model/" + local).body().get("auth_token"));
    }

    @Test
    void anExportingModelIsDeletedOnlyWithForce() throws Exception {
        String doomed = api.createWebModel("doomed export", files.serve("/export/doomed.tar.gz", Archives.tarGz(content)));
        assertEquals("ready", api.awaitStatus(doomed, FINAL, WAIT).get("status").asText());
        ModelApiClient.Reply started = api.post("/model/" + doomed + "/export", Map.of("output_type", "local",
                "output_uri", "/tmp/doomed"));
        assertEquals(200, started.status());
        String hostname = started.body().get("hostname").asText();
        String token = started.body().get("auth_token").asText();
        awaitTrue(() -> call("GET", hostname + "/ping", token).statusCode() == 200, "the sender knows the export");
        assertEquals(409, api.delete("/model/" + doomed).status());
        assertEquals(409, api.post("/model/" + doomed + "/export", Map.of("output_type", "local", "output_uri", "/tmp/x"))
                .status(), "one export at a time");
        assertEquals(200, api.delete("/model/" + doomed + "?force=true").status());
        assertEquals(404, api.get("/model/" + doomed).status());
        awaitTrue(() -> call("GET", hostname + "/ping", token).statusCode() == 401, "the cancelled export's token dies");
    }

    @Test
    void aTargetOfTheWrongFormOrWithoutItsCredentialIsRefusedWithTheExpectedForm() throws Exception {
        ModelApiClient.Reply wrong = api.post("/model/" + modelId + "/export", Map.of("output_type", "aws",
                "output_uri", "https://example.com/x"));
        assertEquals(400, wrong.status());
        assertTrue(wrong.body().toString().contains("s3://bucket/prefix/"), wrong.body().toString());
        assertEquals(400, api.post("/model/" + modelId + "/export", Map.of("output_type", "ftp", "output_uri", "x")).status());
        ModelApiClient.Reply unknown = api.post("/model/" + modelId + "/export", Map.of("output_type", "aws",
                "output_uri", "s3://b/p/", "output_options", Map.of("colour", "red")));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().toString().contains("output_options.colour"), unknown.body().toString());
        assertEquals(400, api.post("/model/" + modelId + "/export", Map.of("output_type", "wasabi",
                "output_uri", "s3://b/p/")).status(), "wasabi needs its endpoint_url");

        ModelApiClient other = api.as(createProject(Map.of("name", "export outsider")).body().get("token").get("token").asText());
        assertEquals(404, other.post("/model/" + modelId + "/export", Map.of("output_type", "aws",
                "output_uri", "s3://b/p/")).status());
        assertEquals(404, other.get("/model/" + modelId + "/exports").status());
        String theirs = other.createWebModel("theirs", files.serve("/export/theirs.tar.gz", Archives.tarGz(content)));
        assertEquals("ready", other.awaitStatus(theirs, FINAL, WAIT).get("status").asText());
        ModelApiClient.Reply noCredential = other.post("/model/" + theirs + "/export", Map.of("output_type", "aws",
                "output_uri", "s3://" + TARGET_BUCKET + "/theirs/"));
        assertEquals(400, noCredential.status());
        assertTrue(noCredential.body().toString().contains("no aws credential"), noCredential.body().toString());
    }

    private static JsonNode export(Map<String, ?> body) {
        ModelApiClient.Reply started = api.post("/model/" + modelId + "/export", body);
        assertEquals(200, started.status(), String.valueOf(started.body()));
        return awaitExport(started.body().get("export_uuid").asText());
    }

    private static JsonNode awaitExport(String exportId) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode export = null;
        while (System.nanoTime() < deadline) {
            export = api.get("/model/" + modelId + "/exports/" + exportId).body();
            String status = export.get("status").asText();
            if (status.equals("completed") || status.equals("failed")) {
                // the model is ready again once model-api has applied the outcome, in the same transaction
                return export;
            }
            ModelApiClient.sleep(200);
        }
        throw new AssertionError("export " + exportId + " did not end in " + WAIT + "; last: " + export);
    }

    private static Map<String, byte[]> bucketFiles(String bucketName, String prefix) {
        Map<String, byte[]> found = new HashMap<>();
        for (S3Object object : s3.listObjectsV2Paginator(b -> b.bucket(bucketName).prefix(prefix)).contents()) {
            found.put(object.key().substring(prefix.length()),
                    s3.getObjectAsBytes(b -> b.bucket(bucketName).key(object.key())).asByteArray());
        }
        return found;
    }

    private static HttpResponse<byte[]> call(String method, String url, String token) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(url)).timeout(Duration.ofSeconds(60))
                    .header("Authorization", "Bearer " + token);
            request.method(method, method.equals("POST") ? HttpRequest.BodyPublishers.ofString("{}")
                    : HttpRequest.BodyPublishers.noBody());
            if (method.equals("POST")) {
                request.header("Content-Type", "application/json");
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }
}
