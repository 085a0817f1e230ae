package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelstore.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * Delivery is at-least-once: redelivered events change nothing, a fetcher killed mid-download is
 * replaced and the model still ends ready exactly once, and a deleted download is cancelled.
 */
class AtLeastOnceEndToEndTest extends EndToEndTest {

    @Test
    void redeliveredEventsAreAppliedOnceEvenWhenTheirContentDiffers() throws Exception {
        String id = api.createWebModel("redelivered", files.serve("/again/model.tar.gz",
                Archives.tarGz(Archives.nestedFiles(10))));
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("ready", model.get("status").asText());
        long size = model.get("size").asLong();
        awaitTrue(() -> storage.get("/storage/models/" + id).status() == 200, "storage knows the model");

        List<JsonNode> ingestEvents = topics.events(Topics.MODEL_INGEST, id);
        JsonNode completed = only(ingestEvents, "ModelIngestCompleted");
        ObjectNode forged = completed.deepCopy();
        forged.put("sizeBytes", 1);
        topics.publish(Topics.MODEL_INGEST, id, completed);
        topics.publish(Topics.MODEL_INGEST, id, forged);
        topics.publish(Topics.MODEL_REQUESTS, id, only(topics.events(Topics.MODEL_REQUESTS, id), "ModelRequested"));

        for (int i = 0; i < 30; i++) {
            assertEquals(size, api.get("/model/" + id).body().get("size").asLong());
            assertEquals(size, storage.get("/storage/models/" + id).body().get("size").asLong());
            ModelApiClient.sleep(100);
        }
        // The redelivered request started no second ingest: the same events, plus the two we sent.
        assertEquals(ingestEvents.size() + 2, topics.events(Topics.MODEL_INGEST, id).size());
    }

    @Test
    void aFetcherKilledMidDownloadIsReplacedAndTheModelBecomesReadyOnce() throws Exception {
        byte[] weights = new byte[12 * 1024 * 1024];
        new Random(11).nextBytes(weights);
        String id = api.createWebModel("survives a crash", files.serveSlowly("/slow/weights.bin", weights, 3 * 1024 * 1024));
        awaitTrue(() -> progressBytes(id) > 0, "the download is under way");

        StackExtension.stack().service("fetcher-worker").kill();
        StackExtension.stack().restartService("fetcher-worker");

        JsonNode model = api.awaitStatus(id, FINAL, java.time.Duration.ofSeconds(120));
        assertEquals("ready", model.get("status").asText(), model.toString());
        assertSameFiles(Map.of("weights.bin", weights), storedFiles(id));
        List<JsonNode> events = topics.events(Topics.MODEL_INGEST, id);
        assertEquals(1, count(events, "ModelIngestCompleted"));
        assertEquals(0, count(events, "ModelIngestFailed"));
    }

    @Test
    void deletingADownloadingModelNeedsForceAndLeavesNothingBehind() throws Exception {
        byte[] weights = new byte[8 * 1024 * 1024];
        new Random(12).nextBytes(weights);
        String id = api.createWebModel("deleted while downloading",
                files.serveSlowly("/slow/deleted.bin", weights, 2 * 1024 * 1024));
        awaitTrue(() -> progressBytes(id) > 0, "the download is under way");

        ModelApiClient.Reply refused = api.delete("/model/" + id + "?force=false");
        assertEquals(409, refused.status());
        assertTrue(refused.body().get("message").asText().contains("force=true"));
        assertEquals(200, api.delete("/model/" + id + "?force=true").status());
        assertEquals(404, api.get("/model/" + id).status());

        // The fetcher stops, removes what it wrote, and announces no outcome; nothing is counted.
        awaitTrue(() -> objectKeys(id).isEmpty() && topics.events(Topics.MODEL_INGEST, id).stream()
                .noneMatch(e -> e.get("type").asText().startsWith("ModelIngestCompleted")), "download cancelled");
        ModelApiClient.sleep(6_000);
        assertTrue(objectKeys(id).isEmpty(), "objects appeared after the deletion: " + objectKeys(id));
        assertEquals(404, storage.get("/storage/models/" + id).status());
    }

    private static long progressBytes(String id) {
        JsonNode model = api.get("/model/" + id).body();
        JsonNode progress = model.get("progress");
        return progress == null ? 0 : progress.get("bytes").asLong();
    }

    private static JsonNode only(List<JsonNode> events, String type) {
        List<JsonNode> matching = events.stream().filter(e -> e.get("type").asText().equals(type)).toList();
        assertEquals(1, matching.size(), type + " in " + events);
        return matching.get(0);
    }

    private static long count(List<JsonNode> events, String type) {
        return events.stream().filter(e -> e.get("type").asText().equals(type)).count();
    }
}
