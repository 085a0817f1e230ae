package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.stack.ObjectStoreServer;
import dev.modelstore.stack.Stack;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Web models end to end: the four services as separate processes on a real Kafka broker,
 * PostgreSQL and S3Proxy, fetching from a real HTTP server on loopback.
 */
@ExtendWith(StackExtension.class)
class WebModelEndToEndTest {

    private static final Duration WAIT = Duration.ofSeconds(60);
    private static final Set<String> FINAL = Set.of("ready", "failed");

    private static FileServer files;
    private static S3Client s3;
    private static ModelApiClient api;
    private static ModelApiClient storage;
    private static String bucket;

    @BeforeAll
    static void connect() throws Exception {
        Stack stack = StackExtension.stack();
        files = new FileServer();
        s3 = ObjectStoreServer.client(stack.settings());
        api = new ModelApiClient(stack.settings().apiPort());
        storage = new ModelApiClient(stack.settings().storagePort());
        bucket = stack.settings().bucket();
    }

    @AfterAll
    static void disconnect() {
        files.close();
        s3.close();
    }

    @Test
    void aTarGzFromAWebServerBecomesAReadyModelWithEveryByteStored() throws Exception {
        Map<String, byte[]> content = Archives.nestedFiles(1);
        String id = api.createWebModel("bert base", files.serve("/models/bert.tar.gz", Archives.tarGz(content)));

        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("ready", model.get("status").asText(), model.toString());
        long expectedSize = content.values().stream().mapToLong(b -> b.length).sum();
        assertEquals(expectedSize, model.get("size").asLong());
        assertEquals(content.size(), model.get("file_count").asInt());
        assertSameFiles(content, storedFiles(id));

        JsonNode details = api.get("/model/" + id + "/details").body();
        assertEquals("directory", details.get("type").asText());
        assertEquals("/", details.get("name").asText());
        assertEquals(content.size(), details.get("count").asInt());
        assertEquals(expectedSize, details.get("size").asLong());
        Map<String, Long> listed = new TreeMap<>();
        collectFiles(details, "", listed);
        Map<String, Long> expected = new TreeMap<>();
        content.forEach((path, bytes) -> expected.put(path, (long) bytes.length));
        assertEquals(expected, listed);

        JsonNode stored = awaitBody(storage, "/storage/models/" + id);
        assertEquals(expectedSize, stored.get("size").asLong());
        JsonNode project = storage.get("/storage/projects/" + model.get("project_uuid").asText()).body();
        assertTrue(project.get("used_size").asLong() >= expectedSize, project.toString());
    }

    @Test
    void zipAndTarBz2AreExtractedAndAPlainFileIsStoredAsItIs() throws Exception {
        Map<String, byte[]> content = Archives.nestedFiles(2);
        String zip = api.createWebModel("zipped", files.serve("/z/model.zip", Archives.zip(content)));
        String bz2 = api.createWebModel("bzipped", files.serve("/b/model.tar.bz2", Archives.tarBz2(content)));
        byte[] plain = content.get("weights/model.bin");
        String single = api.createWebModel("single", files.serve("/s/pytorch_model.bin", plain));

        for (String id : new String[] {zip, bz2}) {
            assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
            assertSameFiles(content, storedFiles(id));
        }
        assertEquals("ready", api.awaitStatus(single, FINAL, WAIT).get("status").asText());
        Map<String, byte[]> stored = storedFiles(single);
        assertEquals(Set.of("pytorch_model.bin"), stored.keySet());
        assertArrayEquals(plain, stored.get("pytorch_model.bin"));
    }

    @Test
    void aMissingFileFailsWithTheServersAnswerAndLeavesNoObjects() {
        String id = api.createWebModel("missing", files.url("/nothing-here.tar.gz"));
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", model.get("status").asText());
        String reason = model.get("failure_reason").asText();
        assertTrue(reason.contains("404") && reason.contains("check the URL"), reason);
        assertTrue(objectKeys(id).isEmpty());
    }

    @Test
    void corruptAndHostileArchivesFailWithAReasonAndLeaveNoObjects() throws Exception {
        byte[] good = Archives.tarGz(Archives.nestedFiles(3));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        String corrupt = api.createWebModel("truncated", files.serve("/bad/truncated.tar.gz", truncated));
        String escaping = api.createWebModel("escaping link", files.serve("/bad/link.tar.gz", Archives.tarGzWithEscapingLink()));
        String slip = api.createWebModel("zip slip", files.serve("/bad/slip.zip",
                Archives.zip(Map.of("fine.txt", new byte[] {1}, "../../evil.txt", new byte[] {2}))));

        assertFailed(corrupt, "corrupt");
        assertFailed(escaping, "outside the model");
        assertFailed(slip, "outside the model");
    }

    @Test
    void sourcesNeverReachCloudMetadataEvenThroughARedirect() {
        String direct = api.createWebModel("metadata", "http://169.254.169.254/latest/meta-data/");
        String redirected = api.createWebModel("redirected",
                files.redirect("/go", "http://[::ffff:169.254.169.254]/latest/meta-data/"));
        assertFailed(direct, "link-local or cloud-metadata");
        assertFailed(redirected, "link-local or cloud-metadata");
    }

    @Test
    void wrongRequestsAreRefusedWithAMessageThatSaysWhatToFix() {
        ModelApiClient.Reply wrongPrefix = api.post("/model", Map.of("name", "x", "source_type", "aws",
                "source_uri", "https://bucket/key"));
        assertEquals(400, wrongPrefix.status());
        assertTrue(wrongPrefix.body().get("message").asText().contains("s3://bucket/path"));
        assertEquals(wrongPrefix.body().get("message"), wrongPrefix.body().get("errorMessage"));

        assertEquals(400, api.post("/model", Map.of("source_type", "web", "source_uri", "https://h/x")).status());
        assertEquals(400, api.post("/model", Map.of("name", "x", "source_type", "local", "source_uri", "./rel")).status());
        assertEquals(400, api.postRaw("/model", "{not json").status());
        ModelApiClient.Reply notYet = api.post("/model", Map.of("name", "x", "source_type", "aws", "source_uri", "s3://my-bucket/model.tar.gz"));
        assertEquals(501, notYet.status());
        assertTrue(notYet.body().get("message").asText().contains("not yet supported"));
        assertEquals(404, api.get("/model/00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void aModelCanBeRenamedAndDeletedForGood() throws Exception {
        String id = api.createWebModel("old name", files.serve("/r/model.tar.gz", Archives.tarGz(Archives.nestedFiles(4))));
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("ready", model.get("status").asText());
        String project = model.get("project_uuid").asText();
        awaitBody(storage, "/storage/models/" + id);
        long before = storage.get("/storage/projects/" + project).body().get("used_size").asLong();

        ModelApiClient.Reply renamed = api.patch("/model/" + id, Map.of("name", "new name"));
        assertEquals(200, renamed.status());
        assertEquals("new name", renamed.body().get("name").asText());
        assertEquals(400, api.patch("/model/" + id, Map.of("name", " ")).status());

        assertEquals(200, api.delete("/model/" + id + "?project_uuid=" + project + "&force=true").status());
        assertEquals(404, api.get("/model/" + id).status());
        awaitTrue(() -> objectKeys(id).isEmpty(), "objects of the deleted model removed");
        awaitTrue(() -> storage.get("/storage/models/" + id).status() == 404, "storage forgot the model");
        long after = storage.get("/storage/projects/" + project).body().get("used_size").asLong();
        assertEquals(before - model.get("size").asLong(), after);
    }

    private static void assertFailed(String id, String reasonPart) {
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", model.get("status").asText(), model.toString());
        assertTrue(model.get("failure_reason").asText().contains(reasonPart), model.get("failure_reason").asText());
        assertTrue(objectKeys(id).isEmpty(), "objects left behind for failed model " + id);
    }

    /** The model's files as stored, keyed by path relative to the model root. */
    private static Map<String, byte[]> storedFiles(String id) throws Exception {
        String prefix = "models/" + id + "/files/";
        Map<String, byte[]> stored = new TreeMap<>();
        for (String key : objectKeys(id)) {
            if (key.startsWith(prefix)) {
                stored.put(key.substring(prefix.length()), s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            }
        }
        return stored;
    }

    private static java.util.List<String> objectKeys(String id) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("models/" + id + "/")).contents().stream()
                .map(S3Object::key).toList();
    }

    private static void collectFiles(JsonNode node, String parent, Map<String, Long> out) {
        for (JsonNode child : node.get("contents")) {
            String path = parent.isEmpty() ? child.get("name").asText() : parent + "/" + child.get("name").asText();
            if (child.get("type").asText().equals("directory")) {
                collectFiles(child, path, out);
            } else {
                out.put(path, child.get("size").asLong());
            }
        }
    }

    private static JsonNode awaitBody(ModelApiClient client, String path) {
        awaitTrue(() -> client.get(path).status() == 200, path + " answers");
        return client.get(path).body();
    }

    private static void awaitTrue(BooleanSupplier condition, String what) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            if (condition.getAsBoolean()) {
                return;
            }
            ModelApiClient.sleep(100);
        }
        throw new AssertionError("timed out waiting until " + what);
    }

    /** Same paths, and the same bytes at each (compared by SHA-256). */
    private static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(digests(expected), digests(actual));
    }

    private static Map<String, String> digests(Map<String, byte[]> files) {
        Map<String, String> digests = new TreeMap<>();
        files.forEach((path, bytes) -> digests.put(path, sha256(bytes)));
        return digests;
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
