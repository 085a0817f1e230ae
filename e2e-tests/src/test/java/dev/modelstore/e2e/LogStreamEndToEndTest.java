package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.net.http.WebSocketHandshakeException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import dev.modelstore.cli.LocalUploader;
import org.junit.jupiter.api.Test;

/**
 * The live log stream ({@code GET /ws}) spoken exactly as trainML's SDK speaks it: model and job
 * attach until {@code end}, a reconnect before {@code end}, worker streams named by
 * {@code job_worker_uuid}, and the attacks on it (no or a bad token, another project's model or job,
 * junk, too many streams, a revoked token, the token in a log).
 */
class LogStreamEndToEndTest extends EndToEndTest {

    @Test
    void attachingToAWebModelGivesItsHistoryThenLiveLinesThenEnd() throws Exception {
        byte[] weights = new byte[4 * 1024 * 1024];
        new Random(11).nextBytes(weights);
        String id = api.createWebModel("attached web", files.serveSlowly("/attach/weights.bin", weights, 1024 * 1024));
        try (LogSocket socket = LogSocket.open(LogSocket.url(api.token())).attach("model", id)) {
            List<JsonNode> messages = socket.awaitEnd(WAIT);
            List<String> lines = socket.lines();
            assertTrue(lines.get(0).startsWith("requested from web"), lines.toString());
            assertTrue(lines.stream().anyMatch(line -> line.startsWith("ready: ")), lines.toString());
            JsonNode first = messages.get(0);
            assertEquals("subscription", first.get("type").asText());
            assertEquals("data_worker", first.get("stream").asText());
            assertTrue(Math.abs(first.get("time").asLong() - System.currentTimeMillis()) < 120_000, first.toString());
            assertEquals("end", messages.get(messages.size() - 1).get("type").asText());
            assertEquals(lines.size(), lines.stream().distinct().count(), "no line twice: " + lines);
        }
        assertEquals("ready", api.get("/model/" + id).body().get("status").asText());
    }

    @Test
    void aClientThatReconnectsBeforeEndSubscribesAgainAndStillGetsEnd() throws Exception {
        byte[] weights = new byte[5 * 1024 * 1024];
        new Random(12).nextBytes(weights);
        String id = api.createWebModel("reconnected", files.serveSlowly("/attach/again.bin", weights, 1024 * 1024));
        LogSocket first = LogSocket.open(LogSocket.url(api.token())).attach("model", id);
        first.await(message -> message.path("type").asText().equals("subscription"), WAIT);
        first.abort();
        try (LogSocket again = LogSocket.open(LogSocket.url(api.token())).subscribe("model", id)) {
            again.awaitEnd(WAIT);
            assertTrue(again.lines().stream().anyMatch(line -> line.startsWith("ready: ")), again.lines().toString());
            assertFalse(again.lines().stream().anyMatch(line -> line.startsWith("requested from")),
                    "subscribe alone sends what comes next, not the history: " + again.lines());
        }
    }

    @Test
    void aLocalModelsStreamEndsWhenItsUploadMadeItReady() throws Exception {
        Path folder = Files.createTempDirectory("attach-local");
        Files.writeString(folder.resolve("weights.txt"), "uploaded while attached");
        String id = api.post("/model", Map.of("name", "attached local", "source_type", "local",
                "source_uri", folder.toString())).body().get("model_uuid").asText();
        JsonNode waiting = awaitUploadDetails(id);
        try (LogSocket socket = LogSocket.open(LogSocket.url(api.token())).attach("model", id)) {
            socket.await(message -> message.path("type").asText().equals("subscription"), WAIT);
            ModelApiClient.sleep(1500);
            assertFalse(socket.closed.isDone(), "a model waiting for its upload keeps its stream open");
            new LocalUploader(waiting.get("hostname").asText(), waiting.get("auth_token").asText(),
                    new PrintStream(java.io.OutputStream.nullOutputStream()), offset -> { }).upload(folder);
            socket.awaitEnd(WAIT);
            assertTrue(socket.lines().stream().anyMatch(line -> line.startsWith("ready: ")), socket.lines().toString());
        }
    }

    @Test
    void attachingToAJobStreamsEachWorkerByItsJobWorkerUuidAndEndsWhenTheJobEnds() throws Exception {
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "attached job", "type", "training",
                "resources", Map.of("disk_size", 1),
                "worker_commands", List.of("for i in 1 2 3; do echo first says $i; sleep 0.4; done",
                        "for i in 1 2 3; do echo second says $i; sleep 0.4; done; printf 'no newline at the end'")));
        String jobId = job.get("job_uuid").asText();
        try (LogSocket socket = LogSocket.open(LogSocket.url(api.token())).attach("job", jobId)) {
            List<JsonNode> messages = socket.awaitEnd(WAIT);
            JsonNode ended = api.get("/job/" + jobId).body();
            assertEquals("finished", ended.get("status").asText(), ended.toString());
            String first = ended.get("workers").get(0).get("job_worker_uuid").asText();
            String second = ended.get("workers").get(1).get("job_worker_uuid").asText();
            assertTrue(!first.isEmpty() && !first.equals(second), ended.toString());
            assertEquals(List.of("first says 1", "first says 2", "first says 3"), linesOf(messages, first));
            assertEquals(List.of("second says 1", "second says 2", "second says 3", "no newline at the end"),
                    linesOf(messages, second));
            List<String> steps = linesOf(messages, "data_worker");
            assertTrue(steps.contains("worker 1: running") && steps.contains("worker 2: finished (exit code 0)")
                    && steps.contains("finished"), steps.toString());
            assertEquals("end", messages.get(messages.size() - 1).get("type").asText());

            // The SDK's get_worker_log_url: a JSON string, the URL of that worker's log.
            ModelApiClient.Reply url = api.get("/job/" + jobId + "/worker/" + second + "/logs");
            assertEquals(200, url.status(), String.valueOf(url.body()));
            assertTrue(url.body().isTextual(), url.body().toString());
            HttpResponse<String> log = HttpClient.newHttpClient().send(HttpRequest.newBuilder(URI.create(url.body().asText()))
                    .header("Authorization", api.token()).GET().build(), HttpResponse.BodyHandlers.ofString());
            assertEquals(200, log.statusCode());
            assertTrue(log.body().contains("second says 3") && !log.body().contains("first says"), log.body());
            assertEquals(404, api.get("/job/" + jobId + "/worker/" + java.util.UUID.randomUUID() + "/logs").status());
        }
        // Attaching to a job that has ended gives its history and end at once.
        try (LogSocket late = LogSocket.open(LogSocket.url(api.token())).attach("job", jobId)) {
            late.awaitEnd(WAIT);
            assertTrue(late.lines().contains("first says 3"), late.lines().toString());
        }
    }

    @Test
    void theStreamRefusesWhatItMustAndNeverShowsAnotherProjectsLog() throws Exception {
        // No token, a wrong one: the upgrade is refused with 401.
        URI noToken = URI.create(StackExtension.stack().settings().apiUrl().replaceFirst("^http", "ws") + "/ws");
        assertEquals(401, handshakeStatus(noToken));
        assertEquals(401, handshakeStatus(LogSocket.url("mst_not-a-token")));

        String mine = api.createWebModel("private log", files.serve("/attach/private.bin", new byte[1024]));
        api.awaitStatus(mine, FINAL, WAIT);
        String otherToken = createProject(Map.of("name", "log outsider")).body().get("token").get("token").asText();
        try (LogSocket outsider = LogSocket.open(LogSocket.url(otherToken)).attach("model", mine)) {
            List<JsonNode> messages = outsider.awaitEnd(WAIT);
            assertTrue(messages.get(0).get("msg").asText().contains("does not exist"), messages.toString());
            assertTrue(outsider.lines().isEmpty(), "no line of another project's model: " + messages);
        }
        JsonNode job = JobsEndToEndTest.createJob(Map.of("name", "private job", "type", "training",
                "resources", Map.of("disk_size", 1), "worker_commands", List.of("echo secret output")));
        try (LogSocket outsider = LogSocket.open(LogSocket.url(otherToken)).attach("job", job.get("job_uuid").asText())) {
            List<JsonNode> messages = outsider.awaitEnd(WAIT);
            assertEquals("error", messages.get(0).get("type").asText(), messages.toString());
            assertTrue(outsider.lines().isEmpty(), messages.toString());
        }
        // Junk and unknown actions get an error in words, and the connection stays usable.
        try (LogSocket socket = LogSocket.open(LogSocket.url(api.token()))) {
            socket.send("not json at all");
            socket.send("{\"action\":\"rm -rf\"}");
            socket.send("{\"action\":\"getlogs\",\"data\":{\"entity\":\"model\",\"id\":\"../../etc/passwd\"}}");
            socket.await(message -> message.path("msg").asText().contains("a UUID"), WAIT);
            assertTrue(socket.messages.stream().anyMatch(m -> m.path("msg").asText().contains("unknown action")), socket.messages.toString());
        }
        // A project may hold 16 streams at once; the 17th is refused (429) until one closes.
        String waiting = api.post("/model", Map.of("name", "never uploaded", "source_type", "local",
                "source_uri", "/tmp/nothing-here")).body().get("model_uuid").asText();
        awaitUploadDetails(waiting);
        String crowdToken = createProject(Map.of("name", "log crowd")).body().get("token").get("token").asText();
        List<LogSocket> crowd = new ArrayList<>();
        try {
            String crowdModel = api.as(crowdToken).post("/model", Map.of("name", "crowded", "source_type", "local",
                    "source_uri", "/tmp/nothing-either")).body().get("model_uuid").asText();
            for (int i = 0; i < 16; i++) {
                LogSocket socket = LogSocket.open(LogSocket.url(crowdToken));
                if (i % 2 == 0) { // half of them stream; an idle connection counts as well
                    socket.attach("model", crowdModel).await(message -> message.path("type").asText().equals("subscription"), WAIT);
                }
                crowd.add(socket);
            }
            assertEquals(429, handshakeStatus(LogSocket.url(crowdToken)));
            try (LogSocket neighbour = LogSocket.open(LogSocket.url(api.token())).attach("model", waiting)) {
                neighbour.await(message -> message.path("type").asText().equals("subscription"), WAIT);
            }
        } finally {
            crowd.forEach(LogSocket::close);
        }
        // A revoked token's stream is dropped (without end, so the client reconnects and is refused).
        String project = StackExtension.stack().access().projectId();
        ModelApiClient.Reply issued = api.post("/project/" + project + "/tokens", Map.of("name", "log watcher"));
        String secret = issued.body().get("token").asText();
        try (LogSocket watcher = LogSocket.open(LogSocket.url(secret)).attach("model", waiting)) {
            watcher.await(message -> message.path("type").asText().equals("subscription"), WAIT);
            assertEquals(200, api.delete("/project/" + project + "/tokens/" + issued.body().get("token_uuid").asText()).status());
            int code = watcher.closed.get(WAIT.toSeconds(), TimeUnit.SECONDS);
            assertEquals(1008, code);
            assertFalse(watcher.messages.stream().anyMatch(m -> m.path("type").asText().equals("end")), watcher.messages.toString());
        }
        assertEquals(401, handshakeStatus(LogSocket.url(secret)));
        // The token in the query string is never logged.
        Path log = StackExtension.stack().settings().dataDir().resolve("logs/model-api.log");
        String written = Files.readString(log);
        assertFalse(written.contains(api.token()) || written.contains(secret), "a token appears in " + log);
    }

    private static List<String> linesOf(List<JsonNode> messages, String stream) {
        return messages.stream().filter(m -> m.path("type").asText().equals("subscription"))
                .filter(m -> m.path("stream").asText().equals(stream)).map(m -> m.path("msg").asText()).toList();
    }

    private static int handshakeStatus(URI url) throws Exception {
        ExecutionException refused = assertThrows(ExecutionException.class, () -> HttpClient.newHttpClient()
                .newWebSocketBuilder().buildAsync(url, new java.net.http.WebSocket.Listener() { }).get(10, TimeUnit.SECONDS));
        assertTrue(refused.getCause() instanceof WebSocketHandshakeException, String.valueOf(refused.getCause()));
        return ((WebSocketHandshakeException) refused.getCause()).getResponse().statusCode();
    }

    private static JsonNode awaitUploadDetails(String id) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (System.nanoTime() < deadline) {
            JsonNode model = api.get("/model/" + id).body();
            if (model.hasNonNull("auth_token") && model.get("status").asText().equals("downloading")) {
                return model;
            }
            ModelApiClient.sleep(100);
        }
        throw new AssertionError("model " + id + " did not wait for its upload");
    }
}
