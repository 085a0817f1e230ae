package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Jobs end to end, with real worker processes run by job-runner: a job uses a model through its own
 * writable copy, saves each worker's model folder as a new model, a notebook's folder is copied to a
 * model, and a model is never deleted while a job uses it.
 */
class JobsEndToEndTest extends EndToEndTest {

    static final Set<String> JOB_ENDED = Set.of("finished", "failed", "stopped");

    @Test
    void aTwoWorkerTrainingJobChangesItsCopiesAndSavesOneModelPerWorker() throws Exception {
        Map<String, byte[]> content = new LinkedHashMap<>(Archives.nestedFiles(5));
        content.put("config.json", "{\"layers\": 12}".getBytes(StandardCharsets.UTF_8));
        String input = readyModel("base for finetune", "/jobs/base.tar.gz", content);
        Map<String, byte[]> original = storedFiles(input);

        // Each worker checks its environment, changes its own copy, and writes its output into it.
        String command = "test -f \"$TRAINML_MODEL_PATH/config.json\" && test \"$TRAINML_OUTPUT_PATH\" = \"$TRAINML_MODEL_PATH\""
                + " && test \"$ML_MODEL_PATH\" = \"$TRAINML_MODEL_PATH\" && test -z \"$MODELSTORE_SERVICE_TOKEN\""
                + " && test -z \"$MODELSTORE_OBJECT_STORE_SECRET_KEY\""
                + " && rm \"$TRAINML_MODEL_PATH/config.json\""
                + " && echo \"trained by worker $TRAINML_WORKER_NUMBER\" > \"$TRAINML_MODEL_PATH/result.txt\""
                + " && echo done";
        JsonNode job = createJob(Map.of("name", "finetune", "type", "training", "workers", List.of(command, command),
                "model", Map.of("source_type", "trainml", "source_uri", input),
                "data", Map.of("output_type", "trainml", "output_uri", "model"),
                "resources", Map.of("disk_size", 1)));
        String jobId = job.get("job_uuid").asText();

        // The job holds the model from the moment it is accepted.
        assertEquals(1, api.get("/model/" + input).body().get("active_jobs").asInt());
        ModelApiClient.Reply refused = api.delete("/model/" + input + "?force=true");
        assertEquals(409, refused.status(), String.valueOf(refused.body()));
        assertTrue(refused.body().get("message").asText().contains("finetune"), refused.body().toString());

        JsonNode finished = awaitJob(jobId, JOB_ENDED);
        assertEquals("finished", finished.get("status").asText(), finished.toString());
        assertTrue(api.text("/job/" + jobId + "/logs?worker=2").contains("done"));

        Map<String, byte[]> expectedOutput = new TreeMap<>(original);
        expectedOutput.remove("config.json");
        for (JsonNode worker : finished.get("workers")) {
            int number = worker.get("worker_number").asInt();
            String output = worker.get("output_uuid").asText();
            JsonNode model = api.awaitStatus(output, FINAL, WAIT);
            assertEquals("ready", model.get("status").asText(), model.toString());
            assertEquals("Job - finetune Worker " + number, model.get("name").asText());
            assertEquals("job", model.get("source_type").asText());
            assertEquals(jobId, model.get("source_options").get("job_uuid").asText());
            assertEquals(input, model.get("source_options").get("input_model_uuid").asText());
            assertEquals(String.valueOf(number), model.get("source_options").get("worker").asText());
            Map<String, byte[]> expected = new TreeMap<>(expectedOutput);
            expected.put("result.txt", ("trained by worker " + number + "\n").getBytes(StandardCharsets.UTF_8));
            assertSameFiles(expected, storedFiles(output));
            long size = expected.values().stream().mapToLong(b -> b.length).sum();
            assertEquals(size, model.get("size").asLong());
            assertEquals(size, awaitBody(storage, "/storage/models/" + output).get("size").asLong());
        }
        // Exactly one model per worker, and the stored input model is unchanged.
        assertEquals(2, models().stream().filter(m -> m.get("name").asText().startsWith("Job - finetune")).count());
        assertSameFiles(original, storedFiles(input));

        awaitTrue(() -> api.get("/model/" + input).body().get("active_jobs").asInt() == 0, "the job lets go of the model");
        assertEquals(200, api.delete("/model/" + input).status());
        assertEquals(404, api.get("/model/" + input).status());
    }

    @Test
    void aOneWorkerJobGivesJobNameAndAFailingCommandFailsTheJobWithItsExitCode() throws Exception {
        JsonNode job = createJob(Map.of("name", "single", "type", "training",
                "workers", List.of("mkdir -p \"$TRAINML_MODEL_PATH/out\" && printf 'w' > \"$TRAINML_MODEL_PATH/out/w.bin\""),
                "data", Map.of("output_type", "trainml", "output_uri", "model")));
        JsonNode finished = awaitJob(job.get("job_uuid").asText(), JOB_ENDED);
        assertEquals("finished", finished.get("status").asText(), finished.toString());
        String output = finished.get("workers").get(0).get("output_uuid").asText();
        JsonNode model = api.awaitStatus(output, FINAL, WAIT);
        assertEquals("Job - single", model.get("name").asText());
        assertSameFiles(Map.of("out/w.bin", "w".getBytes(StandardCharsets.UTF_8)), storedFiles(output));

        // data.output_options.name names the output model (trainML's field for it).
        JsonNode named = createJob(Map.of("name", "named output", "type", "training",
                "worker_commands", List.of("printf 'n' > \"$TRAINML_MODEL_PATH/n.bin\""),
                "data", Map.of("output_type", "trainml", "output_uri", "model", "output_options", Map.of("name", "bert tuned"))));
        assertEquals("bert tuned", named.get("data").get("output_options").get("name").asText(), named.toString());
        JsonNode namedDone = awaitJob(named.get("job_uuid").asText(), JOB_ENDED);
        assertEquals("finished", namedDone.get("status").asText(), namedDone.toString());
        assertEquals("bert tuned", api.awaitStatus(namedDone.get("workers").get(0).get("output_uuid").asText(), FINAL, WAIT)
                .get("name").asText());

        JsonNode failing = createJob(Map.of("name", "broken", "type", "inference",
                "workers", List.of("echo about to fail; exit 3"),
                "data", Map.of("output_type", "trainml", "output_uri", "model")));
        JsonNode failed = awaitJob(failing.get("job_uuid").asText(), JOB_ENDED);
        assertEquals("failed", failed.get("status").asText());
        assertEquals(3, failed.get("workers").get(0).get("exit_code").asInt());
        assertTrue(failed.get("failure_reason").asText().contains("exited with code 3"), failed.toString());
        assertFalse(failed.get("workers").get(0).has("output_uuid"));
        assertTrue(api.text("/job/" + failing.get("job_uuid").asText() + "/logs").contains("about to fail"));
    }

    @Test
    void jobsAreRefusedForModelsThatAreMissingOrNotReadyAndForUnsupportedInputs() {
        ModelApiClient.Reply missing = api.post("/job", Map.of("name", "x", "type", "training", "workers", List.of("true"),
                "model", Map.of("source_type", "trainml", "source_uri", java.util.UUID.randomUUID().toString())));
        assertEquals(404, missing.status(), String.valueOf(missing.body()));

        String slow = api.createWebModel("still downloading",
                files.serveSlowly("/jobs/slow.bin", new byte[400_000], 40_000));
        ModelApiClient.Reply notReady = api.post("/job", Map.of("name", "x", "type", "training", "workers", List.of("true"),
                "model", Map.of("source_type", "trainml", "source_uri", slow)));
        assertEquals(409, notReady.status(), String.valueOf(notReady.body()));
        assertTrue(notReady.body().get("message").asText().contains("ready"), notReady.body().toString());
        assertEquals(0, jobs().stream().filter(j -> j.get("name").asText().equals("x")).count(), "refused jobs do not exist");

        ModelApiClient.Reply git = api.post("/job", Map.of("name", "y", "type", "training", "workers", List.of("true"),
                "model", Map.of("source_type", "git", "source_uri", "https://example.com/r.git")));
        assertEquals(400, git.status());
        assertEquals(400, api.post("/job", Map.of("name", "z", "type", "training")).status());
        assertEquals(400, api.post("/model", Map.of("name", "m", "source_type", "job", "source_uri", "x")).status());
        api.delete("/model/" + slow + "?force=true");
    }

    @Test
    void aNotebooksOutputFolderBecomesAModelAndAStoppedNotebookStillHoldsItsModel() throws Exception {
        String input = readyModel("notebook base", "/jobs/nb.tar.gz", Archives.nestedFiles(6));
        JsonNode notebook = createJob(Map.of("name", "explore", "type", "notebook",
                "workers", List.of("echo 'cell 1' > \"$TRAINML_OUTPUT_PATH/notes.txt\" && echo notebook up && exec tail -f /dev/null"),
                "model", Map.of("source_type", "trainml", "source_uri", input)));
        String id = notebook.get("job_uuid").asText();
        awaitJob(id, Set.of("running"));
        awaitTrue(() -> api.text("/job/" + id + "/logs").contains("notebook up"), "the running notebook's log shows its output");

        // A training job's folders cannot be copied this way; a notebook's can, while it runs.
        ModelApiClient.Reply save = null;
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode saved = null;
        while (System.nanoTime() < deadline) {
            save = api.post("/job/" + id + "/model-saves", Map.of("save_directory", "output", "name", "notebook notes"));
            assertEquals(202, save.status(), String.valueOf(save.body()));
            saved = api.awaitStatus(save.body().get("model_uuid").asText(), FINAL, WAIT);
            if (!storedFiles(saved.get("model_uuid").asText()).isEmpty()) {
                break;
            }
            ModelApiClient.sleep(200);
        }
        assertNotNull(saved);
        assertEquals("notebook notes", saved.get("name").asText());
        assertEquals("output", saved.get("source_options").get("saved_folder").asText());
        assertSameFiles(Map.of("notes.txt", "cell 1\n".getBytes(StandardCharsets.UTF_8)),
                storedFiles(saved.get("model_uuid").asText()));
        assertEquals(400, api.post("/job/" + id + "/model-saves", Map.of("save_directory", "/etc", "name", "n")).status());

        JsonNode stopped = api.post("/job/" + id + "/stop", Map.of()).body();
        assertNotNull(stopped);
        awaitJob(id, Set.of("stopped"));
        assertEquals(1, api.get("/model/" + input).body().get("active_jobs").asInt(), "a stopped notebook still holds it");
        assertEquals(409, api.delete("/model/" + input).status());

        // Started again, it keeps its folders; copying its models folder works while it is stopped too.
        assertEquals(200, api.patch("/job/" + id, Map.of("command", "start")).status());
        awaitJob(id, Set.of("running"));
        api.post("/job/" + id + "/stop", Map.of());
        awaitJob(id, Set.of("stopped"));
        ModelApiClient.Reply models = api.post("/job/" + id + "/model-saves",
                Map.of("save_directory", "models", "name", "notebook models"));
        assertEquals(202, models.status(), String.valueOf(models.body()));
        String copied = models.body().get("model_uuid").asText();
        assertEquals("ready", api.awaitStatus(copied, FINAL, WAIT).get("status").asText());
        assertSameFiles(storedFiles(input), storedFiles(copied));

        // POST /job/{id}/start (the CLI's and dashboard's form of PATCH {command: start}) starts it again too.
        ModelApiClient.Reply started = api.post("/job/" + id + "/start", Map.of());
        assertEquals(200, started.status(), String.valueOf(started.body()));
        awaitJob(id, Set.of("running"));

        assertEquals(200, api.delete("/job/" + id + "?force=true").status());
        assertEquals(404, api.get("/job/" + id).status());
        awaitTrue(() -> api.get("/model/" + input).body().get("active_jobs").asInt() == 0, "removal lets go of the model");
        assertEquals(200, api.delete("/model/" + input).status());
    }

    @Test
    void aRunningJobBlocksDeletionUntilItIsStopped() {
        String input = readyModel("held model", "/jobs/held.tar.gz", Archives.nestedFiles(7));
        JsonNode job = createJob(Map.of("name", "long run", "type", "training", "workers", List.of("exec sleep 600"),
                "model", Map.of("source_type", "trainml", "source_uri", input)));
        String id = job.get("job_uuid").asText();
        awaitJob(id, Set.of("running"));
        ModelApiClient.Reply refused = api.delete("/model/" + input + "?force=true");
        assertEquals(409, refused.status());
        assertTrue(refused.body().get("message").asText().contains(id), refused.body().toString());
        assertEquals(409, api.delete("/job/" + id).status(), "a running job is removed only with force");

        api.patch("/job/" + id, Map.of("command", "stop"));
        JsonNode stopped = awaitJob(id, JOB_ENDED);
        assertEquals("stopped", stopped.get("status").asText());
        awaitTrue(() -> api.get("/model/" + input).body().get("active_jobs").asInt() == 0, "a stopped job lets go");
        assertEquals(200, api.delete("/model/" + input).status());
        assertEquals(409, api.patch("/job/" + id, Map.of("command", "start")).status(), "only notebooks start again");
    }

    static String readyModel(String name, String path, Map<String, byte[]> content) {
        try {
            String id = api.createWebModel(name, files.serve(path, Archives.tarGz(content)));
            assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
            return id;
        } catch (Exception e) {
            throw new AssertionError(e);
        }
    }

    @Test
    void aJobAsTrainmlsSdkSendsItRunsAndEveryFieldItCannotHonourIsRefusedByName() throws Exception {
        // The SDK's own shape: worker_commands, GPU choice, an image type, env as a list, an empty model.
        Map<String, Object> sdk = new LinkedHashMap<>();
        sdk.put("name", "sdk shaped");
        sdk.put("type", "training");
        sdk.put("resources", Map.of("gpu_count", 1, "disk_size", 1, "max_price", 10, "gpu_type_id", "rtx3090"));
        sdk.put("worker_commands", List.of("test \"$EPOCHS\" = 3 && echo epochs $EPOCHS"));
        sdk.put("environment", Map.of("type", "DEEPLEARNING_PY39", "env", List.of(Map.of("key", "EPOCHS", "value", "3"))));
        sdk.put("model", Map.of());
        JsonNode job = createJob(sdk);
        String warnings = job.get("warnings").toString();
        assertTrue(warnings.contains("resources.gpu_type_id") && warnings.contains("environment.type"), warnings);
        JsonNode finished = awaitJob(job.get("job_uuid").asText(), JOB_ENDED);
        assertEquals("finished", finished.get("status").asText(), finished.toString());
        assertTrue(api.text("/job/" + job.get("job_uuid").asText() + "/logs?worker=1").contains("epochs 3"));

        // What the SDK may send but Modelstore cannot do is a 400 naming the field, and no job.
        long before = api.get("/job").body().size();
        Map<String, Map<String, Object>> refused = new LinkedHashMap<>();
        refused.put("data.datasets", Map.of("data", Map.of("datasets", List.of(Map.of("id", "mnist", "type", "public")))));
        refused.put("data.input_type", Map.of("data", Map.of("input_type", "aws", "input_uri", "s3://b/data")));
        refused.put("data.output_options.compress", Map.of("data", Map.of("output_type", "trainml", "output_uri", "model",
                "output_options", Map.of("name", "mine", "compress", true))));
        refused.put("data.output_options.name", Map.of("data", Map.of("output_options", Map.of("name", "no output"))));
        refused.put("environment.custom_image", Map.of("environment", Map.of("type", "CUSTOM", "custom_image", "me/img")));
        refused.put("model.source_options", Map.of("model", Map.of("source_type", "git", "source_uri", "https://x/y.git",
                "source_options", Map.of("ref", "main"))));
        refused.put("model.project_uuid", Map.of("model", Map.of("source_type", "trainml", "source_uri",
                java.util.UUID.randomUUID().toString(), "project_uuid", java.util.UUID.randomUUID().toString())));
        refused.put("endpoint", Map.of("endpoint", Map.of("routes", List.of(Map.of("path", "/")))));
        refused.put("source_job_uuid", Map.of("source_job_uuid", job.get("job_uuid").asText()));
        refused.put("colour", Map.of("colour", "red"));
        refused.put("resources.cpu_cores", Map.of("resources", Map.of("cpu_cores", 64)));
        refused.put("worker_commands and workers", Map.of("workers", List.of("echo other")));
        for (Map.Entry<String, Map<String, Object>> attempt : refused.entrySet()) {
            Map<String, Object> body = new LinkedHashMap<>(Map.of("name", "refused", "type", "training",
                    "worker_commands", List.of("echo hi")));
            body.putAll(attempt.getValue());
            ModelApiClient.Reply reply = api.post("/job", body);
            assertEquals(400, reply.status(), attempt.getKey() + ": " + reply.body());
            assertTrue(reply.body().get("message").asText().contains(attempt.getKey()), attempt.getKey() + ": " + reply.body());
        }
        assertEquals(before, api.get("/job").body().size(), "no refused request made a job");
    }

    static JsonNode createJob(Map<String, ?> body) {
        ModelApiClient.Reply reply = api.post("/job", body);
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        return reply.body();
    }

    static JsonNode awaitJob(String id, Set<String> statuses) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        JsonNode job = null;
        while (System.nanoTime() < deadline) {
            job = api.get("/job/" + id).body();
            if (statuses.contains(job.get("status").asText())) {
                return job;
            }
            ModelApiClient.sleep(100);
        }
        throw new AssertionError("job " + id + " did not reach " + statuses + "; last: " + job);
    }

    static List<JsonNode> models() {
        List<JsonNode> all = new java.util.ArrayList<>();
        api.get("/model").body().forEach(all::add);
        return all;
    }

    static List<JsonNode> jobs() {
        List<JsonNode> all = new java.util.ArrayList<>();
        api.get("/job").body().forEach(all::add);
        return all;
    }
}
