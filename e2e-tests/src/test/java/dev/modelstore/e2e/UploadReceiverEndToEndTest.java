package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.junit.jupiter.api.Test;

/**
 * The upload receiver against a client that misbehaves: two finalizes at once (one runs, the other
 * is refused and deletes nothing), ranges that contradict themselves or overflow, an upload past the
 * project's quota, and an upload abandoned half-way (its chunks are removed after the e2e stack's
 * {@code uploads.abandoned-after} of 20 s).
 */
class UploadReceiverEndToEndTest extends EndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void twoFinalizesAtOnceMakeOneReadyModelWithItsManifest() throws Exception {
        for (int round = 0; round < 3; round++) {
            Waiting upload = waiting(api, "finalized twice " + round);
            byte[] tar = tar("weights.bin", ("round " + round).repeat(1000).getBytes());
            assertEquals(200, put(upload, "u1", 0, tar, String.valueOf(tar.length)).statusCode());
            String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-512").digest(tar));
            CompletableFuture<HttpResponse<String>> first = CompletableFuture.supplyAsync(() -> finalize(upload, hash));
            CompletableFuture<HttpResponse<String>> second = CompletableFuture.supplyAsync(() -> finalize(upload, hash));
            List<Integer> statuses = new ArrayList<>(List.of(first.get().statusCode(), second.get().statusCode()));
            assertEquals(1, statuses.stream().filter(s -> s == 200).count(), statuses + " " + second.get().body());
            assertTrue(statuses.stream().allMatch(s -> s == 200 || s == 409 || s == 401), statuses.toString());
            JsonNode ready = api.awaitStatus(upload.id, FINAL, WAIT);
            assertEquals("ready", ready.get("status").asText(), ready.toString());
            assertEquals(200, api.get("/model/" + upload.id + "/details").status());
            assertEquals(200, api.get("/model/" + upload.id + "/manifest").status());
        }
    }

    @Test
    void rangesThatContradictThemselvesOrOverflowAre400s() throws Exception {
        Waiting upload = waiting(api, "bad ranges");
        byte[] ten = new byte[10];
        assertEquals(400, put(upload, "u1", 0, ten, "5").statusCode(), "bytes 0-9/5 ends past its total");
        assertEquals(400, putRaw(upload, "u1", "bytes 0-99999999999999999999/99999999999999999999", ten).statusCode());
        assertEquals(400, putRaw(upload, "u1", "bytes 9-0/10", ten).statusCode());
        assertEquals(400, putRaw(upload, "u1", "bytes 0-9", ten).statusCode());
        assertEquals(200, put(upload, "u1", 0, ten, "10").statusCode());
        api.delete("/model/" + upload.id + "?force=true");
    }

    @Test
    void chunksCountAgainstTheProjectsQuotaWhileTheyWait() throws Exception {
        ModelApiClient.Reply created = createProject(Map.of("name", "small quota"));
        ModelApiClient owner = api.as(created.body().get("token").get("token").asText());
        String project = created.body().get("project_uuid").asText();
        ModelApiClient operator = storage.as(null).withHeader("X-Modelstore-Service-Token",
                StackExtension.stack().secrets().serviceToken());
        assertEquals(200, operator.put("/storage/projects/" + project + "/quota", Map.of("quota_bytes", 100_000)).status());
        Waiting upload = waiting(owner, "over quota upload");
        assertEquals(200, put(upload, "u1", 0, new byte[60_000], "60000").statusCode());
        HttpResponse<String> over = put(upload, "u1", 60_000, new byte[60_000], "120000");
        assertEquals(413, over.statusCode(), over.body());
        assertTrue(over.body().contains("quota"), over.body());
        // Another upload of the project cannot take the same headroom: waiting chunks reserve it.
        Waiting another = waiting(owner, "second upload");
        HttpResponse<String> second = put(another, "u1", 0, new byte[60_000], "60000");
        assertEquals(413, second.statusCode(), second.body());
        assertTrue(second.body().contains("reserved"), second.body());
        owner.delete("/model/" + another.id + "?force=true");
        owner.delete("/model/" + upload.id + "?force=true");
    }

    @Test
    void anAbandonedUploadLosesItsChunksAndStartsOver() throws Exception {
        Waiting upload = waiting(api, "abandoned upload");
        assertEquals(200, put(upload, "u1", 0, new byte[4096], "4096").statusCode());
        String chunks = "models/" + upload.id + "/upload/";
        assertTrue(objectKeys(upload.id).stream().anyMatch(k -> k.startsWith(chunks)));
        awaitTrue(() -> objectKeys(upload.id).stream().noneMatch(k -> k.startsWith(chunks)), "the chunks are removed");
        HttpResponse<String> status = HTTP.send(HttpRequest.newBuilder(URI.create(upload.base + "/upload/status?upload_id=u2"))
                .header("Authorization", "Bearer " + upload.token).GET().build(), HttpResponse.BodyHandlers.ofString());
        assertTrue(status.body().contains("\"expected_offset\":0"), status.body());
        assertEquals(200, put(upload, "u2", 0, new byte[10], "10").statusCode(), "a new upload starts at 0");
        api.delete("/model/" + upload.id + "?force=true");
    }

    /** A local model waiting for its upload. */
    private record Waiting(String id, String base, String token) {
    }

    private static Waiting waiting(ModelApiClient client, String name) {
        ModelApiClient.Reply reply = client.post("/model", Map.of("name", name, "source_type", "local",
                "source_uri", "/home/me/" + name.replace(' ', '-')));
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        String id = reply.body().get("model_uuid").asText();
        JsonNode[] model = new JsonNode[1];
        awaitTrue(() -> {
            model[0] = client.get("/model/" + id).body();
            return model[0].hasNonNull("auth_token") && model[0].get("status").asText().equals("downloading");
        }, "the local model waits for its upload");
        return new Waiting(id, model[0].get("hostname").asText(), model[0].get("auth_token").asText());
    }

    private static HttpResponse<String> put(Waiting upload, String uploadId, long start, byte[] chunk, String total)
            throws Exception {
        return putRaw(upload, uploadId, "bytes " + start + "-" + (start + chunk.length - 1) + "/" + total, chunk);
    }

    private static HttpResponse<String> putRaw(Waiting upload, String uploadId, String range, byte[] chunk) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create(upload.base + "/upload"))
                .header("Authorization", "Bearer " + upload.token).header("Upload-Id", uploadId)
                .header("Content-Range", range)
                .PUT(HttpRequest.BodyPublishers.ofByteArray(chunk)).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static HttpResponse<String> finalize(Waiting upload, String hash) {
        try {
            return HTTP.send(HttpRequest.newBuilder(URI.create(upload.base + "/finalize"))
                    .header("Authorization", "Bearer " + upload.token).header("Upload-Id", "u1")
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString("{\"hash\":\"" + hash + "\"}")).build(),
                    HttpResponse.BodyHandlers.ofString());
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] tar(String name, byte[] content) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            TarArchiveEntry entry = new TarArchiveEntry(name);
            entry.setSize(content.length);
            tar.putArchiveEntry(entry);
            tar.write(content);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }
}
