package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.stack.StackSettings;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;

/**
 * Models from store-like sources through the HTTP API, with project credentials: {@code aws}
 * (against the stack's S3Proxy standing in for S3), {@code wasabi} (its endpoint option), and a
 * {@code regional} datastore folder.
 */
class SourceModelsEndToEndTest extends EndToEndTest {

    private static final String SOURCE_BUCKET = "customer-models";
    private static Map<String, byte[]> nested;
    private static String project;

    @BeforeAll
    static void fillSources() throws Exception {
        StackSettings settings = StackExtension.stack().settings();
        nested = Archives.nestedFiles(20);
        s3.createBucket(b -> b.bucket(SOURCE_BUCKET));
        s3.putObject(b -> b.bucket(SOURCE_BUCKET).key("archives/bert.tar.gz"), RequestBody.fromBytes(Archives.tarGz(nested)));
        for (Map.Entry<String, byte[]> file : nested.entrySet()) {
            s3.putObject(b -> b.bucket(SOURCE_BUCKET).key("m1/" + file.getKey()), RequestBody.fromBytes(file.getValue()));
        }
        s3.putObject(b -> b.bucket(SOURCE_BUCKET).key("m1-old/stale.bin"), RequestBody.fromBytes(new byte[] {9}));
        project = StackExtension.stack().access().projectId();
        Path datastore = settings.dataDir().resolve("datastores/" + project + "/team-store/models/m2");
        for (Map.Entry<String, byte[]> file : nested.entrySet()) {
            Path path = datastore.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        putCredential("aws", settings.s3AccessKey(), settings.s3SecretKey());
        putCredential("wasabi", settings.s3AccessKey(), settings.s3SecretKey());
    }

    @Test
    void anAwsArchiveAndAnAwsFolderBecomeReadyWithTheProjectsCredential() throws Exception {
        String archive = create("aws", "s3://" + SOURCE_BUCKET + "/archives/bert.tar.gz", Map.of());
        String folder = create("aws", "s3://" + SOURCE_BUCKET + "/m1/", Map.of());
        for (String id : new String[] {archive, folder}) {
            assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
            assertSameFiles(nested, storedFiles(id));
        }
    }

    @Test
    void aWasabiModelUsesItsEndpointOption() throws Exception {
        String id = create("wasabi", "s3://" + SOURCE_BUCKET + "/m1/",
                Map.of("endpoint_url", StackExtension.stack().settings().s3Endpoint()));
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        assertSameFiles(nested, storedFiles(id));
        assertEquals(400, api.post("/model", Map.of("name", "x", "source_type", "wasabi",
                "source_uri", "s3://" + SOURCE_BUCKET + "/m1/")).status());
    }

    @Test
    void aRegionalDatastoreFolderBecomesAModel() throws Exception {
        JsonNode datastores = api.get("/project/" + project + "/datastores").body();
        assertTrue(datastores.toString().contains("\"name\":\"team-store\""), datastores.toString());
        assertEquals(400, api.post("/model", Map.of("name", "x", "source_type", "regional", "source_uri", "nope",
                "source_options", Map.of("path", "/"))).status());
        String id = create("regional", "team-store", Map.of("path", "/models/m2/"));
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        assertSameFiles(nested, storedFiles(id));
    }

    @Test
    void aMissingBucketOrObjectFailsWithAReasonAndNoObjects() {
        String bucket = create("aws", "s3://no-such-bucket/m1/", Map.of());
        String object = create("aws", "s3://" + SOURCE_BUCKET + "/archives/nope.tar.gz", Map.of());
        assertFailed(bucket, "does not exist");
        assertFailed(object, "does not exist");
    }

    @Test
    void credentialsAreListedWithoutSecretsAndABadOneIsAccessDenied() throws Exception {
        String secret = StackExtension.stack().settings().s3SecretKey();
        ModelApiClient.Reply listed = api.get("/project/" + project + "/credentials");
        assertEquals(200, listed.status());
        assertTrue(listed.body().toString().contains("\"key_id\""), listed.body().toString());
        assertFalse(listed.body().toString().contains(secret), "a secret was listed");

        putCredential("gcp", "service-account@example.iam", "{\"private_key\":\"not-a-real-key-but-secret\"}");
        assertEquals(400, put("/project/" + project + "/credentials/dropbox", Map.of("key_id", "k", "secret", "s")).status());
        assertEquals(400, put("/project/" + project + "/credentials/aws", Map.of("key_id", "k")).status());

        try {
            putCredential("aws", StackExtension.stack().settings().s3AccessKey(), "wrong-secret-value-1234");
            String denied = create("aws", "s3://" + SOURCE_BUCKET + "/m1/", Map.of());
            assertFailed(denied, "access denied");
            JsonNode model = api.get("/model/" + denied).body();
            assertTrue(model.get("failure_reason").asText().contains("'aws' credential"), model.toString());
            assertFalse(model.toString().contains("wrong-secret-value-1234"));
        } finally {
            putCredential("aws", StackExtension.stack().settings().s3AccessKey(), secret);
        }
        assertEquals(200, api.delete("/project/" + project + "/credentials/gcp").status());
        assertEquals(404, api.delete("/project/" + project + "/credentials/gcp").status());
    }

    @Test
    void noSecretEverReachesALog() throws Exception {
        String secret = StackExtension.stack().settings().s3SecretKey();
        String id = create("aws", "s3://" + SOURCE_BUCKET + "/archives/bert.tar.gz", Map.of());
        api.awaitStatus(id, FINAL, WAIT);
        try (Stream<Path> logs = Files.list(StackExtension.stack().settings().dataDir().resolve("logs"))) {
            for (Path log : logs.filter(p -> !p.getFileName().toString().startsWith("s3proxy")).toList()) {
                assertFalse(Files.readString(log).contains(secret), "secret in " + log);
            }
        }
    }

    private static String create(String type, String uri, Map<String, String> options) {
        ModelApiClient.Reply reply = api.post("/model", Map.of("name", type + " model", "source_type", type,
                "source_uri", uri, "source_options", options));
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        return reply.body().get("model_uuid").asText();
    }

    private static void putCredential(String type, String keyId, String secret) {
        ModelApiClient.Reply reply = put("/project/" + project + "/credentials/" + type,
                Map.of("key_id", keyId, "secret", secret));
        assertEquals(200, reply.status(), String.valueOf(reply.body()));
        assertFalse(reply.body().toString().contains(secret));
    }

    private static ModelApiClient.Reply put(String path, Map<String, ?> body) {
        return api.put(path, body);
    }
}
