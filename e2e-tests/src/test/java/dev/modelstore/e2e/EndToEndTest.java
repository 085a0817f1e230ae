package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.stack.ObjectStoreServer;
import dev.modelstore.stack.Stack;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.function.BooleanSupplier;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.extension.ExtendWith;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * What every end-to-end test shares: the running stack (four service processes on a real Kafka
 * broker, PostgreSQL and S3Proxy), a real HTTP file server, and checks against the object store.
 */
@ExtendWith(StackExtension.class)
abstract class EndToEndTest {

    static final Duration WAIT = Duration.ofSeconds(60);
    static final Set<String> FINAL = Set.of("ready", "failed");

    static FileServer files;
    static S3Client s3;
    static ModelApiClient api;
    static ModelApiClient storage;
    static TopicReader topics;
    static String bucket;

    @BeforeAll
    static void connect() throws Exception {
        Stack stack = StackExtension.stack();
        files = new FileServer();
        s3 = ObjectStoreServer.client(stack.settings());
        api = new ModelApiClient(stack.settings().apiPort(), stack.access().token());
        storage = new ModelApiClient(stack.settings().storagePort(), stack.access().token());
        topics = new TopicReader(stack.settings().kafkaBootstrap());
        bucket = stack.settings().bucket();
    }

    @AfterAll
    static void disconnect() {
        files.close();
        s3.close();
    }

    /**
     * Creates a project as an operator does (the service token): a project's own token may not
     * ({@code POST /project} is 403 unless the install allows self-service projects).
     */
    static ModelApiClient.Reply createProject(Map<String, ?> body) {
        return api.as(null).withHeader("X-Modelstore-Service-Token", StackExtension.stack().secrets().serviceToken())
                .post("/internal/projects", body);
    }

    static void assertFailed(String id, String reasonPart) {
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", model.get("status").asText(), model.toString());
        assertTrue(model.get("failure_reason").asText().contains(reasonPart), model.get("failure_reason").asText());
        assertTrue(objectKeys(id).isEmpty(), "objects left behind for failed model " + id);
    }

    /** The model's files as stored, keyed by path relative to the model root. */
    static Map<String, byte[]> storedFiles(String id) throws Exception {
        String prefix = "models/" + id + "/files/";
        Map<String, byte[]> stored = new TreeMap<>();
        for (String key : objectKeys(id)) {
            if (key.startsWith(prefix)) {
                stored.put(key.substring(prefix.length()), s3.getObjectAsBytes(b -> b.bucket(bucket).key(key)).asByteArray());
            }
        }
        return stored;
    }

    static List<String> objectKeys(String id) {
        return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix("models/" + id + "/")).contents().stream()
                .map(S3Object::key).toList();
    }

    static void collectFiles(JsonNode node, String parent, Map<String, Long> out) {
        for (JsonNode child : node.get("contents")) {
            String path = parent.isEmpty() ? child.get("name").asText() : parent + "/" + child.get("name").asText();
            if (child.get("type").asText().equals("directory")) {
                collectFiles(child, path, out);
            } else {
                out.put(path, child.get("size").asLong());
            }
        }
    }

    static JsonNode awaitBody(ModelApiClient client, String path) {
        awaitTrue(() -> client.get(path).status() == 200, path + " answers");
        return client.get(path).body();
    }

    static void awaitTrue(BooleanSupplier condition, String what) {
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
    static void assertSameFiles(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        assertEquals(digests(expected), digests(actual));
    }

    static Map<String, String> digests(Map<String, byte[]> files) {
        Map<String, String> digests = new TreeMap<>();
        files.forEach((path, bytes) -> digests.put(path, sha256(bytes)));
        return digests;
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
