package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.stack.Stack;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * A job's code attacks the platform through the public job API, as a hostile tenant would: it looks
 * for the stack's secrets, job-runner's environment, other projects' credentials through the
 * internal API, other jobs' folders and the platform's ports; it leaves a daemon behind, outgrows its
 * disk_size, and replaces its log with a FIFO. Each attempt must fail, and job-runner stays
 * responsive.
 */
class JobSandboxEndToEndTest extends EndToEndTest {

    @Test
    void aJobSeesNoSecretNoOtherJobAndReachesNoPlatformPort() throws Exception {
        Stack stack = StackExtension.stack();
        ModelApiClient.Reply created = createProject(Map.of("name", "victim"));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String victim = created.body().get("project_uuid").asText();
        ModelApiClient victimApi = api.as(created.body().get("token").get("token").asText());
        assertEquals(200, victimApi.put("/project/" + victim + "/credentials/aws",
                Map.of("key_id", "AKIAVICTIM", "secret", "victim-secret-key")).status());
        // Another job's folder that the attacker will look for.
        JsonNode other = JobsEndToEndTest.createJob(Map.of("name", "bystander", "type", "notebook",
                "workers", List.of("echo bystander-data > \"$TRAINML_OUTPUT_PATH/private.txt\"; exec sleep 600")));
        JobsEndToEndTest.awaitJob(other.get("job_uuid").asText(), Set.of("running"));

        Path data = stack.settings().dataDir();
        long jobRunnerPid = stack.service("job-runner").pid();
        String secret = stack.secrets().serviceToken();
        String script = String.join("\n",
                "echo uid=$(id -u)",
                "cat " + data.resolve("secrets.properties") + " 2>/dev/null",
                "cat /proc/" + jobRunnerPid + "/environ 2>/dev/null | tr '\\0' '\\n'",
                "ls " + data.resolve("jobs") + " 2>/dev/null | sed 's/^/job-folder:/'",
                "cat " + data.resolve("jobs").resolve(other.get("job_uuid").asText()) + "/worker-1/output/private.txt 2>/dev/null",
                "for port in " + stack.settings().apiPort() + " " + stack.settings().jobsPort() + " "
                        + stack.settings().storagePort() + " " + stack.settings().fetcherPort() + " 5432 19092 19000; do",
                "  if (exec 3<>/dev/tcp/127.0.0.1/$port) 2>/dev/null; then echo reached-$port; else echo refused-$port; fi",
                "done",
                "curl -s -m 3 -H 'Authorization: Bearer " + secret + "' http://127.0.0.1:" + stack.settings().apiPort()
                        + "/internal/projects/" + victim + "/credentials/aws 2>/dev/null",
                "echo probe-done");
        String log = runToEnd("attacker", "exec /bin/bash -c '" + script.replace("'", "'\\''") + "'");

        assertTrue(log.contains("probe-done"), log);
        assertTrue(log.contains("uid=61000"), "workers run as the unprivileged sandbox uid: " + log);
        assertFalse(log.contains("service-token") || log.contains(secret), log);
        assertFalse(log.contains("MODELSTORE_"), "job-runner's environment leaked: " + log);
        // Its own job's folder is the only one there.
        assertFalse(log.contains("job-folder:" + other.get("job_uuid").asText()), log);
        assertFalse(log.contains("bystander-data"), log);
        assertFalse(log.contains("victim-secret-key"), log);
        assertFalse(log.contains("reached-"), log);
        assertTrue(log.contains("refused-" + stack.settings().apiPort()), log);
        api.delete("/job/" + other.get("job_uuid").asText() + "?force=true");
    }

    @Test
    void aDaemonAJobLeavesBehindEndsWhenTheJobIsRemoved() throws Exception {
        String token = "modelstore-e2e-daemon-" + UUID.randomUUID();
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "daemon", "type", "training", "workers",
                List.of("setsid bash -c 'exec -a " + token + " sleep 600' </dev/null >/dev/null 2>&1 & exec sleep 600")));
        String id = job.get("job_uuid").asText();
        JobsEndToEndTest.awaitJob(id, Set.of("running"));
        awaitTrue(() -> processes(token) == 1, "the daemon runs");
        assertEquals(200, api.delete("/job/" + id + "?force=true").status());
        awaitTrue(() -> processes(token) == 0, "the daemon ends with its job");
    }

    @Test
    void aJobOverItsDiskSizeFailsWithAReasonAndItsLogStaysReadable() {
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "too big", "type", "training",
                "resources", Map.of("disk_size", 1),
                "workers", List.of("echo writing; head -c 1300000000 /dev/zero > \"$TRAINML_OUTPUT_PATH/big.bin\"; sleep 30")));
        JsonNode failed = JobsEndToEndTest.awaitJob(job.get("job_uuid").asText(), JobsEndToEndTest.JOB_ENDED);
        assertEquals("failed", failed.get("status").asText(), failed.toString());
        String reason = failed.get("failure_reason").asText();
        assertTrue(reason.contains("disk_size of 1 GB"), reason);
        assertTrue(api.text("/job/" + job.get("job_uuid").asText() + "/logs").contains("writing"));
        Path folder = StackExtension.stack().settings().dataDir().resolve("jobs").resolve(job.get("job_uuid").asText())
                .resolve("worker-1");
        awaitTrue(() -> !Files.exists(folder), "what the over-limit worker wrote is removed");
        api.delete("/job/" + job.get("job_uuid").asText() + "?force=true");
        ModelApiClient.Reply huge = api.post("/job", Map.of("name", "huge disk", "type", "training", "workers", List.of("true"),
                "resources", Map.of("disk_size", 2_000_000_000)));
        assertEquals(400, huge.status(), String.valueOf(huge.body()));
    }

    @Test
    void aJobThatReplacesItsLogWithAFifoCannotHangTheLogEndpoint() throws Exception {
        String script = "for f in ../control/worker-1/worker.log ../../control/worker-1/worker.log \"$HOME/.modelstore/worker.log\";"
                + " do rm -f \"$f\" 2>/dev/null; mkfifo \"$f\" 2>/dev/null; ln -sf /etc/passwd \"$f\" 2>/dev/null; done;"
                + " echo tried-fifo; exec sleep 600";
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "fifo", "type", "training", "workers", List.of(script)));
        String id = job.get("job_uuid").asText();
        JobsEndToEndTest.awaitJob(id, Set.of("running"));
        awaitTrue(() -> logWithin(id, Duration.ofSeconds(5)).contains("tried-fifo"), "the log answers with the output");
        assertFalse(logWithin(id, Duration.ofSeconds(5)).contains("root:x:0"));
        assertEquals(200, api.get("/job").status());
        api.delete("/job/" + id + "?force=true");
    }

    @Test
    void aRunningNotebookCannotSwapAFolderForALinkToTheHostWhileItsFolderIsSaved() throws Exception {
        Path secrets = StackExtension.stack().settings().dataDir().resolve("secrets.properties");
        // Writes a big file that sorts first, waits until the save starts reading it, then swaps d/ for
        // a link to the stack's data folder: with the old saver, d/secrets.properties came from the host.
        String script = String.join("\n",
                "import os, time",
                "m = os.environ['TRAINML_MODEL_PATH']",
                "os.makedirs(m + '/a'); os.makedirs(m + '/d')",
                "open(m + '/a/big', 'wb').write(b'\\0' * 200 * 2**20)",
                "open(m + '/d/secrets.properties', 'w').write('decoy\\n')",
                "time.sleep(1); a0 = os.stat(m + '/a/big').st_atime_ns",
                "print('armed', flush=True)",
                "while os.stat(m + '/a/big').st_atime_ns == a0: time.sleep(0.002)",
                "os.rename(m + '/d', m + '/d0'); os.symlink('" + secrets.getParent() + "', m + '/d')",
                "print('swapped', flush=True)",
                "time.sleep(100000)");
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "swapper", "type", "notebook",
                "workers", List.of("exec python3 -c \"$SCRIPT\""), "environment", Map.of("SCRIPT", script)));
        String id = job.get("job_uuid").asText();
        try {
            swapWhileSaved(id, secrets);
        } finally {
            api.delete("/job/" + id + "?force=true");
        }
    }

    private static void swapWhileSaved(String id, Path secrets) throws Exception {
        JobsEndToEndTest.awaitJob(id, Set.of("running"));
        awaitTrue(() -> api.text("/job/" + id + "/logs").contains("armed"), "the notebook is ready to swap");
        ModelApiClient.Reply save = api.post("/job/" + id + "/model-saves", Map.of("save_directory", "models", "name", "exfil"));
        assertEquals(202, save.status(), String.valueOf(save.body()));
        String saved = save.body().get("model_uuid").asText();
        JsonNode model = api.awaitStatus(saved, FINAL, WAIT);
        String secret = StackExtension.stack().secrets().serviceToken();
        if (model.get("status").asText().equals("ready")) {
            for (Map.Entry<String, byte[]> file : storedFiles(saved).entrySet()) {
                assertFalse(new String(file.getValue(), StandardCharsets.ISO_8859_1).contains(secret), file.getKey());
            }
            byte[] decoy = storedFiles(saved).get("d/secrets.properties");
            assertTrue(decoy == null || new String(decoy, StandardCharsets.UTF_8).equals("decoy\n"));
        }
    }

    private static String logWithin(String jobId, Duration limit) {
        try {
            return CompletableFuture.supplyAsync(() -> api.text("/job/" + jobId + "/logs"))
                    .get(limit.toMillis(), TimeUnit.MILLISECONDS);
        } catch (Exception e) {
            throw new AssertionError("GET /job/" + jobId + "/logs did not answer within " + limit, e);
        }
    }

    private static String runToEnd(String name, String command) {
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", name, "type", "training", "workers", List.of(command)));
        String id = job.get("job_uuid").asText();
        JsonNode ended = JobsEndToEndTest.awaitJob(id, JobsEndToEndTest.JOB_ENDED);
        String log = api.text("/job/" + id + "/logs");
        assertEquals("finished", ended.get("status").asText(), ended + "\n" + log);
        return log;
    }

    private static long processes(String token) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
                return new String(cmdline, StandardCharsets.UTF_8).startsWith(token);
            } catch (IOException e) {
                return false;
            }
        }).count();
    }
}
