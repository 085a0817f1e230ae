package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.events.Topics;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/**
 * job-runner killed (-9) while a worker runs and again while its folder is being saved: the worker
 * is found again by its pid, the save runs again to the same model id, and exactly one model
 * appears, ready, with every byte. A model whose stored bytes no longer match its manifest is
 * refused before any worker starts.
 */
class JobRunnerRestartEndToEndTest extends EndToEndTest {

    private static final int BIG = 150_000_000;

    @Test
    void aJobSurvivesJobRunnerCrashesWhileRunningAndWhileSaving() throws Exception {
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "resave", "type", "training",
                "workers", List.of("sleep 4 && yes modelstore | head -c " + BIG + " > \"$TRAINML_MODEL_PATH/big.bin\""),
                "data", Map.of("output_type", "trainml", "output_uri", "model")));
        String id = job.get("job_uuid").asText();
        JobsEndToEndTest.awaitJob(id, Set.of("running"));

        StackExtension.stack().service("job-runner").kill();
        StackExtension.stack().restartService("job-runner");

        // One look per poll: the status that ended the wait is the one checked (it may move on right after).
        String[] seen = new String[1];
        awaitTrue(() -> Set.of("saving", "finished").contains(seen[0] = workerStatus(id)), "the worker ends");
        assertEquals("saving", seen[0], "the save should still be under way");
        StackExtension.stack().service("job-runner").kill();
        StackExtension.stack().restartService("job-runner");

        JsonNode finished = JobsEndToEndTest.awaitJob(id, JobsEndToEndTest.JOB_ENDED);
        assertEquals("finished", finished.get("status").asText(), finished.toString());
        String output = finished.get("workers").get(0).get("output_uuid").asText();
        JsonNode model = api.awaitStatus(output, FINAL, WAIT);
        assertEquals("ready", model.get("status").asText());
        assertEquals(BIG, model.get("size").asLong());
        assertSameFiles(Map.of("big.bin", expectedBig()), storedFiles(output));
        assertEquals(1, JobsEndToEndTest.models().stream().filter(m -> m.get("name").asText().equals("Job - resave")).count());
        assertEquals(1, topics.events(Topics.JOB_OUTPUTS, id).size(), "one JobOutputCompleted for the one worker");
    }

    @Test
    void aModelWhoseStoredBytesNoLongerMatchItsManifestIsRefusedBeforeTheWorkerStarts() {
        String input = JobsEndToEndTest.readyModel("damaged", "/restart/damaged.tar.gz",
                Map.of("weights.bin", "original".getBytes(StandardCharsets.UTF_8)));
        s3.putObject(b -> b.bucket(bucket).key("models/" + input + "/files/weights.bin"),
                software.amazon.awssdk.core.sync.RequestBody.fromString("tampered"));
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "on damaged", "type", "training",
                "workers", List.of("touch \"$HOME/started\""),
                "model", Map.of("source_type", "trainml", "source_uri", input)));
        JsonNode failed = JobsEndToEndTest.awaitJob(job.get("job_uuid").asText(), JobsEndToEndTest.JOB_ENDED);
        assertEquals("failed", failed.get("status").asText());
        assertTrue(failed.get("failure_reason").asText().contains("does not match the model's manifest"),
                failed.toString());
        assertTrue(!failed.get("workers").get(0).has("exit_code"), "the command never ran");
        awaitTrue(() -> api.get("/model/" + input).body().get("active_jobs").asInt() == 0, "a failed job lets go");
    }

    private static String workerStatus(String jobId) {
        ModelApiClient.Reply reply = api.get("/job/" + jobId);
        return reply.status() == 200 ? reply.body().get("workers").get(0).get("status").asText() : "unknown";
    }

    private static byte[] expectedBig() {
        byte[] line = "modelstore\n".getBytes(StandardCharsets.US_ASCII);
        byte[] big = new byte[BIG];
        for (int i = 0; i < BIG; i++) {
            big[i] = line[i % line.length];
        }
        return big;
    }

}
