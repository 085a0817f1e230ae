package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.events.Topics;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * The storage ledger over the real services (here: 1 MB free per project, 1000 per GB-month,
 * 210 MB per model): sizes and charges, the size limit, and exactness after a storage-service
 * crash and redelivered events, checked against the object store.
 */
class StorageLedgerEndToEndTest extends EndToEndTest {

    @Test
    void chargesAccrueOnBytesAboveTheAllowanceAsDocumented() throws Exception {
        ModelApiClient owner = newProject("billing");
        String project = owner.get("/project").body().get(0).get("project_uuid").asText();
        String id = owner.createWebModel("billed", files.serve("/bill/m.tar.gz", Archives.tarGz(Archives.nestedFiles(50))));
        long size = owner.awaitStatus(id, FINAL, WAIT).get("size").asLong();
        ModelApiClient ownerStorage = storage.as(tokenOf(owner));
        awaitTrue(() -> ownerStorage.get("/storage/projects/" + project).body().get("model_count").asInt() == 1, "counted");

        JsonNode first = owner.get("/project/" + project + "/storage").body();
        long firstAt = System.nanoTime();
        assertEquals(size, first.get("used_size").asLong());
        long billed = (size + 999_999) / 1_000_000 * 1_000_000;
        assertEquals(billed, first.get("billed_size").asLong());
        assertEquals(billed - 1_000_000, first.get("billable_size").asLong());
        assertEquals(id, first.get("top_models").get(0).get("model_uuid").asText());
        ModelApiClient.sleep(3_000);
        JsonNode second = owner.get("/project/" + project + "/storage").body();
        double seconds = (System.nanoTime() - firstAt) / 1e9;
        double grew = second.get("accrued_charges").asDouble() - first.get("accrued_charges").asDouble();
        double expected = (billed - 1_000_000) / 1e9 * (seconds / 3600) / 730 * 1000;
        assertTrue(grew > expected * 0.7 && grew < expected * 1.3, "grew " + grew + ", expected about " + expected);

        List<JsonNode> usage = topics.events(Topics.STORAGE_USAGE, project);
        assertEquals(size, usage.get(usage.size() - 1).get("usedBytes").asLong());
    }

    @Test
    void aModelOverTheSizeLimitFailsAndTakesNoSpace() throws Exception {
        ModelApiClient owner = newProject("too big");
        String project = owner.get("/project").body().get(0).get("project_uuid").asText();
        byte[] big = new byte[215_000_000];
        new Random(3).nextBytes(big);
        String id = owner.createWebModel("too big", files.serve("/big/weights.bin", big));
        JsonNode model = owner.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", model.get("status").asText());
        assertTrue(model.get("failure_reason").asText().contains("larger than the limit of 210 MB"), model.toString());
        assertTrue(model.get("failure_reason").asText().contains("the per-model limit"), model.toString());
        assertTrue(objectKeys(id).isEmpty());
        assertEquals(0, storage.as(tokenOf(owner)).get("/storage/projects/" + project).body().get("used_size").asLong());
    }

    @Test
    void theLedgerIsExactAfterACrashAndRedeliveredEventsAndAgreesWithTheStore() throws Exception {
        ModelApiClient owner = newProject("exact");
        String project = owner.get("/project").body().get(0).get("project_uuid").asText();
        ModelApiClient ownerStorage = storage.as(tokenOf(owner));
        String kept = owner.createWebModel("kept", files.serve("/exact/a.tar.gz", Archives.tarGz(Archives.nestedFiles(60))));
        String gone = owner.createWebModel("gone", files.serve("/exact/b.tar.gz", Archives.tarGz(Archives.nestedFiles(61))));
        long keptSize = owner.awaitStatus(kept, FINAL, WAIT).get("size").asLong();
        owner.awaitStatus(gone, FINAL, WAIT);
        awaitTrue(() -> ownerStorage.get("/storage/projects/" + project).body().get("model_count").asInt() == 2, "both counted");
        assertEquals(200, owner.delete("/model/" + gone + "?force=true").status());
        awaitTrue(() -> ownerStorage.get("/storage/projects/" + project).body().get("model_count").asInt() == 1, "gone");

        StackExtension.stack().service("storage-service").kill();
        StackExtension.stack().restartService("storage-service");
        for (String model : List.of(kept, gone)) {
            for (JsonNode event : topics.events(Topics.MODEL_INGEST, model)) {
                topics.publish(Topics.MODEL_INGEST, model, event);
            }
            for (JsonNode event : topics.events(Topics.MODEL_LIFECYCLE, model)) {
                topics.publish(Topics.MODEL_LIFECYCLE, model, event);
            }
        }
        for (int i = 0; i < 30; i++) {
            JsonNode totals = ownerStorage.get("/storage/projects/" + project).body();
            assertEquals(keptSize, totals.get("used_size").asLong(), totals.toString());
            assertEquals(1, totals.get("model_count").asInt());
            ModelApiClient.sleep(100);
        }
        ModelApiClient operator = storage.as(null).withHeader("X-Modelstore-Service-Token",
                StackExtension.stack().secrets().serviceToken());
        JsonNode report = operator.get("/storage/reconciliation").body();
        for (JsonNode difference : report.get("differences")) {
            assertTrue(!Set.of(kept, gone).contains(difference.get("modelUuid").asText()), report.toString());
        }
        assertTrue(operator.get("/storage/summary").body().get("projects").asInt() >= 1);
        assertEquals(403, storage.get("/storage/summary").status());
    }

    @Test
    void aProjectQuotaRefusesNewModelsAndFailsAnIngestThatWouldExceedIt() throws Exception {
        ModelApiClient owner = newProject("quota");
        String project = owner.get("/project").body().get(0).get("project_uuid").asText();
        ModelApiClient operator = storage.as(null).withHeader("X-Modelstore-Service-Token",
                StackExtension.stack().secrets().serviceToken());
        assertEquals(403, storage.as(tokenOf(owner)).put("/storage/projects/" + project + "/quota",
                Map.of("quota_bytes", 1)).status());
        assertEquals(200, operator.put("/storage/projects/" + project + "/quota", Map.of("quota_bytes", 5_000_000)).status());

        byte[] six = new byte[6_000_000];
        new Random(4).nextBytes(six);
        String tooBig = owner.createWebModel("over quota", files.serve("/quota/six.bin", six));
        JsonNode failed = owner.awaitStatus(tooBig, FINAL, WAIT);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("failure_reason").asText().contains("storage quota"), failed.toString());
        assertTrue(objectKeys(tooBig).isEmpty());

        String fits = owner.createWebModel("fits", files.serve("/quota/small.tar.gz", Archives.tarGz(Archives.nestedFiles(70))));
        assertEquals("ready", owner.awaitStatus(fits, FINAL, WAIT).get("status").asText());
        awaitTrue(() -> storage.as(tokenOf(owner)).get("/storage/projects/" + project).body().get("used_size").asLong() > 0,
                "counted");
        assertEquals(200, operator.put("/storage/projects/" + project + "/quota", Map.of("quota_bytes", 1_000_000)).status());
        // model-api reuses storage-service's answer for up to 2 s; validation runs the same checks and stores nothing.
        Map<String, String> noRoom = Map.of("name", "no room", "source_type", "web", "source_uri", files.url("/quota/small.tar.gz"));
        awaitTrue(() -> owner.post("/model/validation", noRoom).status() == 403, "the new quota reaches model-api");
        ModelApiClient.Reply refused = owner.post("/model", noRoom);
        assertEquals(403, refused.status());
        assertTrue(refused.body().get("message").asText().contains("quota"), refused.body().toString());
    }

    @Test
    void parallelIngestsOfOneProjectNeverTakeMoreThanItsQuotaTogether() throws Exception {
        ModelApiClient owner = newProject("parallel quota");
        String project = owner.get("/project").body().get(0).get("project_uuid").asText();
        ModelApiClient operator = storage.as(null).withHeader("X-Modelstore-Service-Token",
                StackExtension.stack().secrets().serviceToken());
        assertEquals(200, operator.put("/storage/projects/" + project + "/quota", Map.of("quota_bytes", 10_000_000)).status());
        byte[] six = new byte[6_000_000];
        new Random(6).nextBytes(six);
        // Each fits the quota alone; together they do not. Served slowly, so both run at once.
        String first = owner.createWebModel("first of two", files.serveSlowly("/quota/first.bin", six, 2_000_000));
        String second = owner.createWebModel("second of two", files.serveSlowly("/quota/second.bin", six, 2_000_000));
        JsonNode a = owner.awaitStatus(first, FINAL, WAIT);
        JsonNode b = owner.awaitStatus(second, FINAL, WAIT);
        List<String> statuses = List.of(a.get("status").asText(), b.get("status").asText());
        assertEquals(1, statuses.stream().filter("ready"::equals).count(), a + "\n" + b);
        JsonNode failed = statuses.get(0).equals("failed") ? a : b;
        assertTrue(failed.get("failure_reason").asText().contains("quota"), failed.toString());
        ModelApiClient ownerStorage = storage.as(tokenOf(owner));
        awaitTrue(() -> ownerStorage.get("/storage/projects/" + project).body().get("used_size").asLong() == 6_000_000,
                "the one ready model is counted");
        assertTrue(ownerStorage.get("/storage/projects/" + project).body().get("used_size").asLong() <= 10_000_000);
        // The failed ingest's reservation is gone: what is left of the quota can be used again.
        String third = owner.createWebModel("fits the rest", files.serve("/quota/third.bin", new byte[3_000_000]));
        assertEquals("ready", owner.awaitStatus(third, FINAL, WAIT).get("status").asText());
    }

    @Test
    void aDeletionSeenBeforeItsIngestLeavesATombstoneThatTheLateOutcomeCannotUndo() throws Exception {
        ModelApiClient owner = newProject("tombstones");
        String project = owner.get("/project").body().get(0).get("project_uuid").asText();
        String deletedFirst = UUID.randomUUID().toString();
        String counted = UUID.randomUUID().toString();
        // The deletion arrives before the ingest's outcome (two topics, no order between them).
        topics.publish(Topics.MODEL_LIFECYCLE, deletedFirst, event("ModelDeleted", deletedFirst, project, Map.of()));
        topics.publish(Topics.MODEL_INGEST, deletedFirst, event("ModelIngestCompleted", deletedFirst, project,
                Map.of("sizeBytes", 7_000, "fileCount", 1, "manifestKey", "models/" + deletedFirst + "/manifest.json",
                        "manifestSha256", "00")));
        // A control in the same project that must be counted, so the outcomes above were surely consumed.
        topics.publish(Topics.MODEL_INGEST, counted, event("ModelIngestCompleted", counted, project,
                Map.of("sizeBytes", 3_000, "fileCount", 1, "manifestKey", "models/" + counted + "/manifest.json",
                        "manifestSha256", "00")));
        ModelApiClient ownerStorage = storage.as(tokenOf(owner));
        awaitTrue(() -> ownerStorage.get("/storage/projects/" + project).body().get("used_size").asLong() == 3_000,
                "the control is counted");
        ModelApiClient.sleep(1000);
        JsonNode totals = ownerStorage.get("/storage/projects/" + project).body();
        assertEquals(3_000, totals.get("used_size").asLong(), totals.toString());
        assertEquals(1, totals.get("model_count").asInt(), totals.toString());
    }

    @Test
    void reconciliationReportsWhatTheLedgerAndTheStoreDisagreeOn() throws Exception {
        ModelApiClient operator = storage.as(null).withHeader("X-Modelstore-Service-Token",
                StackExtension.stack().secrets().serviceToken());
        String model = api.createWebModel("reconciled", files.serve("/reconcile/m.tar.gz",
                Archives.tarGz(Map.of("weights.bin", new byte[5000]))));
        assertEquals("ready", api.awaitStatus(model, FINAL, WAIT).get("status").asText());
        awaitTrue(() -> storage.get("/storage/models/" + model).status() == 200, "counted");
        String orphan = UUID.randomUUID().toString();
        s3.putObject(b -> b.bucket(bucket).key("models/" + orphan + "/files/left-behind.bin"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[123]));
        s3.putObject(b -> b.bucket(bucket).key("models/" + model + "/files/weights.bin"),
                software.amazon.awssdk.core.sync.RequestBody.fromBytes(new byte[4000]));
        try {
            JsonNode report = operator.get("/storage/reconciliation").body();
            Map<String, String> problems = new java.util.HashMap<>();
            report.get("differences").forEach(d -> problems.put(d.get("modelUuid").asText(), d.get("problem").asText()));
            assertEquals("not in the ledger", problems.get(orphan), report.toString());
            assertEquals("size differs", problems.get(model), report.toString());
        } finally {
            s3.deleteObject(b -> b.bucket(bucket).key("models/" + orphan + "/files/left-behind.bin"));
            api.delete("/model/" + model);
        }
    }

    private static JsonNode event(String type, String modelId, String projectId, Map<String, Object> fields) {
        com.fasterxml.jackson.databind.node.ObjectNode event = new com.fasterxml.jackson.databind.ObjectMapper().createObjectNode();
        event.put("type", type);
        event.put("eventId", UUID.randomUUID().toString());
        event.put("occurredAt", java.time.Instant.now().toString());
        event.put("modelId", modelId);
        event.put("projectId", projectId);
        fields.forEach((k, v) -> event.set(k, new com.fasterxml.jackson.databind.ObjectMapper().valueToTree(v)));
        return event;
    }

    private static ModelApiClient newProject(String name) {
        ModelApiClient.Reply created = createProject(Map.of("name", name));
        assertEquals(201, created.status());
        return api.as(created.body().get("token").get("token").asText());
    }

    private static String tokenOf(ModelApiClient client) {
        return client.token();
    }
}
