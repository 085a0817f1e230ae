package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.junit.jupiter.api.Test;

/**
 * "Start a job on M" racing "delete M", 200 times, through the public API: every round ends with
 * exactly one winner (a job on a model that still exists, or a deleted model and no job), no job
 * runs on a deleted model, and {@code active_jobs} is exact afterwards.
 */
class JobDeletionRaceEndToEndTest extends EndToEndTest {

    private static final int ROUNDS = 200;

    @Test
    void startingAJobAndDeletingItsModelNeverBothWin() throws Exception {
        String url = files.serve("/race/model.tar.gz", Archives.tarGz(Map.of("weights.bin", new byte[] {1, 2, 3})));
        List<String> models = new ArrayList<>();
        for (int i = 0; i < ROUNDS; i++) {
            models.add(api.createWebModel("race " + i, url));
        }
        for (String model : models) {
            assertEquals("ready", api.awaitStatus(model, FINAL, WAIT).get("status").asText());
        }

        Map<String, String> jobOf = new HashMap<>();
        Set<String> deleted = new HashSet<>();
        ExecutorService pool = Executors.newFixedThreadPool(2);
        // The delete is sent this many ms after the job (before it, when negative). The offset moves
        // towards whichever side lost, so the rounds stay at the point where the two arrive together.
        int offset = 0;
        try {
            for (String model : models) {
                CyclicBarrier start = new CyclicBarrier(2);
                int jobDelay = Math.max(0, -offset);
                int deleteDelay = Math.max(0, offset);
                CompletableFuture<ModelApiClient.Reply> job = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    ModelApiClient.sleep(jobDelay);
                    return api.post("/job", Map.of("name", "race job", "type", "training", "workers",
                            List.of("exec sleep 600"), "model", Map.of("source_type", "trainml", "source_uri", model)));
                }, pool);
                CompletableFuture<ModelApiClient.Reply> delete = CompletableFuture.supplyAsync(() -> {
                    await(start);
                    ModelApiClient.sleep(deleteDelay);
                    return api.delete("/model/" + model + "?force=true");
                }, pool);
                int jobStatus = job.get().status();
                int deleteStatus = delete.get().status();
                if (jobStatus == 201) {
                    assertEquals(409, deleteStatus, "job accepted, so the delete must be refused: " + delete.get().body());
                    jobOf.put(model, job.get().body().get("job_uuid").asText());
                    offset -= 1;
                } else {
                    assertEquals(404, jobStatus, "delete won, so the job must be refused: " + job.get().body());
                    assertEquals(200, deleteStatus, String.valueOf(delete.get().body()));
                    deleted.add(model);
                    offset += 1;
                }
            }
        } finally {
            pool.shutdownNow();
        }
        assertEquals(ROUNDS, jobOf.size() + deleted.size());
        assertTrue(jobOf.size() >= ROUNDS / 10 && deleted.size() >= ROUNDS / 10,
                "both sides should win often for this to be a race: jobs " + jobOf.size() + ", deletes " + deleted.size());

        // Jobs exist only for models that exist; every surviving model counts exactly its one job.
        Set<String> jobModels = new HashSet<>();
        for (JsonNode job : api.get("/job").body()) {
            if (job.get("name").asText().equals("race job")) {
                jobModels.add(job.get("model").get("source_uri").asText());
            }
        }
        assertEquals(jobOf.keySet(), jobModels);
        for (String model : deleted) {
            assertEquals(404, api.get("/model/" + model).status());
        }
        for (String model : jobOf.keySet()) {
            assertEquals(1, api.get("/model/" + model).body().get("active_jobs").asInt());
        }
        for (String job : jobOf.values()) {
            awaitTrue(() -> api.get("/job/" + job).body().get("status").asText().equals("running"), "job " + job + " runs");
        }
        System.out.printf("race: %d rounds, job won %d, delete won %d%n", ROUNDS, jobOf.size(), deleted.size());

        // Removing the jobs lets go of every model, which can then be deleted.
        for (String job : jobOf.values()) {
            assertEquals(200, api.delete("/job/" + job + "?force=true").status());
        }
        for (String model : jobOf.keySet()) {
            awaitTrue(() -> api.get("/model/" + model).body().get("active_jobs").asInt() == 0, "model " + model + " free");
            assertEquals(200, api.delete("/model/" + model).status());
        }
        assertTrue(api.get("/job").body().findValuesAsText("name").stream().noneMatch("race job"::equals));
    }

    private static void await(CyclicBarrier barrier) {
        try {
            barrier.await();
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
