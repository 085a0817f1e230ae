package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.cli.LocalUploader;
import dev.modelstore.cli.ModelstoreCli;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

/**
 * Local models with trainML's upload protocol: the CLI's uploader against the receiver in
 * fetcher-worker, surviving a kill and restart of the receiver mid-upload; wrong offsets and a
 * wrong final hash are refused.
 */
class LocalUploadEndToEndTest extends EndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void a200MbFolderUploadsAcrossAReceiverRestartAndEndsReadyWithIdenticalBytes() throws Exception {
        Path folder = Files.createTempDirectory("local-model");
        Map<String, byte[]> files = new TreeMap<>();
        Random random = new Random(90);
        for (int i = 0; i < 4; i++) {
            byte[] part = new byte[50_000_000];
            random.nextBytes(part);
            files.put("weights/part-" + i + ".bin", part);
        }
        files.put("config.json", "{\"local\":true}".getBytes());
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            Path path = folder.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        JsonNode model = api.post("/model", Map.of("name", "from my laptop", "source_type", "local",
                "source_uri", folder.toString())).body();
        String id = model.get("model_uuid").asText();
        JsonNode waiting = awaitUploadDetails(id);
        assertEquals("downloading", waiting.get("status").asText());

        AtomicBoolean killed = new AtomicBoolean();
        CompletableFuture<Long> upload = CompletableFuture.supplyAsync(() -> {
            try {
                return new LocalUploader(waiting.get("hostname").asText(), waiting.get("auth_token").asText(),
                        new PrintStream(java.io.OutputStream.nullOutputStream()), offset -> {
                            if (offset > 60_000_000 && killed.compareAndSet(false, true)) {
                                StackExtension.stack().service("fetcher-worker").kill();
                            }
                        }).upload(folder);
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        awaitTrue(killed::get, "the receiver is killed mid-upload");
        StackExtension.stack().restartService("fetcher-worker");
        assertTrue(upload.get() > 200_000_000L);

        JsonNode ready = api.awaitStatus(id, FINAL, Duration.ofSeconds(120));
        assertEquals("ready", ready.get("status").asText(), ready.toString());
        assertEquals(files.values().stream().mapToLong(b -> b.length).sum(), ready.get("size").asLong());
        assertSameFiles(files, storedFiles(id));
        assertTrue(!ready.has("auth_token"), "the token is shown only while the model waits");
        assertEquals(401, ping(waiting).statusCode(), "the token expires when the model leaves downloading");
    }

    @Test
    void aChunkAtTheWrongOffsetIs409AndAWrongHashFailsTheModelLeavingNothing() throws Exception {
        Path folder = Files.createTempDirectory("local-small");
        Files.writeString(folder.resolve("a.txt"), "hello");
        String id = api.post("/model", Map.of("name", "bad upload", "source_type", "local", "source_uri",
                folder.toString())).body().get("model_uuid").asText();
        JsonNode waiting = awaitUploadDetails(id);
        String base = waiting.get("hostname").asText();
        String token = waiting.get("auth_token").asText();

        HttpResponse<String> early = put(base, token, "u1", 100, new byte[10]);
        assertEquals(409, early.statusCode());
        assertTrue(early.body().contains("\"expected_offset\":0"), early.body());
        assertEquals(200, put(base, token, "u1", 0, new byte[1024]).statusCode());
        HttpResponse<String> wrongHash = HTTP.send(HttpRequest.newBuilder(URI.create(base + "/finalize"))
                .header("Authorization", "Bearer " + token).header("Upload-Id", "u1")
                .header("Content-Type", "application/json")
                .POST(HttpRequest.BodyPublishers.ofString("{\"hash\":\"00\"}")).build(), HttpResponse.BodyHandlers.ofString());
        assertEquals(400, wrongHash.statusCode());
        assertTrue(wrongHash.body().contains("does not match its SHA-512"), wrongHash.body());
        JsonNode failed = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("failure_reason").asText().contains("does not match its SHA-512"), failed.toString());
        assertTrue(objectKeys(id).isEmpty(), "objects left: " + objectKeys(id));
        assertEquals(401, put(base, "wrong-token", "u1", 0, new byte[1]).statusCode());
    }

    @Test
    void theCliCreatesAndConnectsInOneStep() throws Exception {
        Path folder = Files.createTempDirectory("local-cli");
        Files.writeString(folder.resolve("model.txt"), "uploaded by the cli");
        int exit = ModelstoreCli.run("model", "create", "--source", "local", "--name", "cli model",
                "--api-url", StackExtension.stack().settings().apiUrl(), "--token", StackExtension.stack().access().token(),
                folder.toString());
        assertEquals(0, exit);
        JsonNode listed = api.get("/model").body();
        String id = null;
        for (JsonNode model : listed) {
            if (model.get("name").asText().equals("cli model")) {
                id = model.get("model_uuid").asText();
            }
        }
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        assertSameFiles(Map.of("model.txt", "uploaded by the cli".getBytes()), storedFiles(id));
        assertEquals(2, ModelstoreCli.run("model", "connect"));
    }

    private static JsonNode awaitUploadDetails(String id) {
        JsonNode[] model = new JsonNode[1];
        awaitTrue(() -> {
            model[0] = api.get("/model/" + id).body();
            return model[0].hasNonNull("auth_token") && model[0].get("status").asText().equals("downloading");
        }, "the local model waits for its upload");
        return model[0];
    }

    private static HttpResponse<String> ping(JsonNode waiting) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(waiting.get("hostname").asText() + "/ping"))
                .header("Authorization", "Bearer " + waiting.get("auth_token").asText()).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> put(String base, String token, String uploadId, long start, byte[] chunk)
            throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(base + "/upload"))
                .header("Authorization", "Bearer " + token).header("Upload-Id", uploadId)
                .header("Content-Range", "bytes " + start + "-" + (start + chunk.length - 1) + "/" + (start + chunk.length))
                .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(), HttpResponse.BodyHandlers.ofString());
    }
}
