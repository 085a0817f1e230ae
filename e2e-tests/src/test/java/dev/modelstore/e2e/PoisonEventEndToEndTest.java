package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.stack.Stack;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.PreparedStatement;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/**
 * One bad record never blocks the others: oversized and unprintable inputs are refused with a 400
 * that names the limit, a server's megabyte-long reason phrase is cut before it reaches an event,
 * and an event Kafka refuses for good goes to the dead letters (reported in health and metrics)
 * while the events behind it, of every project, go on — and the model it concerns ends failed.
 */
class PoisonEventEndToEndTest extends EndToEndTest {

    @Test
    void oversizedOrUnprintableInputsAre400sNot500sAndNothingIsCreated() {
        int before = api.get("/model").body().size();
        String huge = "https://example.com/" + "a".repeat(1_200_000);
        for (String path : List.of("/model", "/model/validation")) {
            ModelApiClient.Reply uri = api.post(path, Map.of("name", "huge", "source_type", "web", "source_uri", huge));
            assertEquals(400, uri.status(), String.valueOf(uri.body()));
            assertTrue(uri.body().get("message").asText().contains("source_uri is longer than 8192"), uri.body().toString());
            assertTrue(uri.body().toString().length() < 2000, "the refusal does not echo the input");
        }
        Map<String, Object> nul = Map.of("name", "bad\u0000name", "source_type", "web", "source_uri", "https://example.com/m.bin");
        assertEquals(400, api.post("/model", nul).status());
        Map<String, Object> ansi = Map.of("name", "\u001b[31mred\u001b[0m", "source_type", "web", "source_uri", "https://e.com/m");
        assertTrue(api.post("/model", ansi).body().get("message").asText().contains("control character"));
        Map<String, Object> nulType = Map.of("name", "n", "type", "mo\u0000del", "source_type", "web", "source_uri", "https://e.com/m");
        assertEquals(400, api.post("/model", nulType).status());
        Map<String, String> options = new HashMap<>();
        for (int i = 0; i < 100; i++) {
            options.put("option" + i, "v");
        }
        assertEquals(400, api.post("/model", Map.of("name", "n", "source_type", "web", "source_uri", "https://e.com/m",
                "source_options", options)).status());
        assertEquals(400, api.post("/model", Map.of("name", "n", "source_type", "web", "source_uri", "https://e.com/m",
                "source_options", Map.of("bad\u0000key", "v"))).status());
        assertEquals(400, api.put("/project/" + StackExtension.stack().access().projectId() + "/credentials/aws",
                Map.of("key_id", "AKIA\u0000", "secret", "s")).status());
        ModelApiClient.Reply job = api.post("/job", Map.of("name", "nul env", "type", "training", "workers", List.of("true"),
                "environment", Map.of("A", "x\u0000--bind\u0000/\u0000/")));
        assertEquals(400, job.status(), String.valueOf(job.body()));
        assertEquals(before, api.get("/model").body().size());
    }

    @Test
    void aMegabyteReasonPhraseIsCutAndTheModelFailsWhileOthersGoOn() throws Exception {
        try (ServerSocket server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress())) {
            Thread answer = new Thread(() -> answerWithHugeReason(server));
            answer.setDaemon(true);
            answer.start();
            String url = "http://127.0.0.1:" + server.getLocalPort() + "/weights.bin?private_token=glpat-SECRET";
            String failing = api.createWebModel("huge reason", url);
            JsonNode failed = api.awaitStatus(failing, FINAL, WAIT);
            assertEquals("failed", failed.get("status").asText(), failed.toString());
            String reason = failed.get("failure_reason").asText();
            assertTrue(reason.length() <= 2100, "reason of " + reason.length() + " characters");
            assertTrue(reason.contains("404"), reason);
            assertFalse(reason.contains("glpat-SECRET"), reason);
            String log = api.get("/model/" + failing + "/logs").body().toString();
            assertFalse(log.contains("glpat-SECRET"), log);
        }
        String after = api.createWebModel("after the huge reason", files.serve("/poison/after.tar.gz",
                Archives.tarGz(Archives.nestedFiles(3))));
        assertEquals("ready", api.awaitStatus(after, FINAL, WAIT).get("status").asText());
    }

    @Test
    void anEventKafkaRefusesGoesToTheDeadLettersAndTheEventsBehindItGoOn() throws Exception {
        Stack stack = StackExtension.stack();
        // Two local models wait for uploads: one will lose its request event, the other its outcome.
        String lostRequest = createLocal("poisoned request");
        String lostOutcome = createLocal("poisoned outcome");
        String padding = "x".repeat(2_000_000);
        try (Connection db = DriverManager.getConnection(stack.settings().jdbcUrl(), stack.settings().dbUser(), "")) {
            plant(db, "model_api", "modelstore.model-requests", lostRequest, "ModelRequested", padding);
            plant(db, "fetcher", "modelstore.model-ingest", lostOutcome, "ModelIngestFailed", padding);
        }
        // Events committed after the poison ones, of another project, still get through.
        ModelApiClient.Reply created = createProject(Map.of("name", "bystander project"));
        ModelApiClient other = api.as(created.body().get("token").get("token").asText());
        String behind = other.createWebModel("behind the poison", files.serve("/poison/behind.tar.gz",
                Archives.tarGz(Archives.nestedFiles(4))));
        assertEquals("ready", other.awaitStatus(behind, FINAL, WAIT).get("status").asText());

        JsonNode request = api.awaitStatus(lostRequest, FINAL, WAIT);
        assertEquals("failed", request.get("status").asText(), request.toString());
        assertTrue(request.get("failure_reason").asText().contains("could not hand this model's request to a fetcher"),
                request.toString());
        JsonNode outcome = api.awaitStatus(lostOutcome, FINAL, WAIT);
        assertEquals("failed", outcome.get("status").asText(), outcome.toString());
        assertTrue(outcome.get("failure_reason").asText().contains("could not publish this model's outcome"), outcome.toString());

        for (String service : List.of("model-api", "fetcher-worker")) {
            int port = stack.port(service);
            ModelApiClient health = new ModelApiClient(port, null);
            awaitTrue(() -> health.get("/q/health/well").body().toString().contains("\"dead_letters\":1"),
                    service + " reports its dead letter");
            awaitTrue(() -> health.text("/q/metrics").contains("modelstore_outbox_dead_letters 1.0")
                    || health.text("/q/metrics").matches("(?s).*modelstore_outbox_dead_letters\\{[^}]*} 1\\.0.*"),
                    service + " counts its dead letter");
        }
    }

    private static String createLocal(String name) {
        ModelApiClient.Reply reply = api.post("/model", Map.of("name", name, "source_type", "local",
                "source_uri", "/home/me/" + name.replace(' ', '-')));
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        String id = reply.body().get("model_uuid").asText();
        // The fetcher has its request: it waits for the upload.
        awaitTrue(() -> api.get("/model/" + id).body().has("hostname")
                || "new".equals(api.get("/model/" + id).body().get("status").asText()), "the local model waits");
        ModelApiClient.sleep(1500);
        return id;
    }

    private static void plant(Connection db, String schema, String topic, String modelId, String type, String padding)
            throws Exception {
        String payload = "{\"modelId\":\"" + modelId + "\",\"padding\":\"" + padding + "\"}";
        try (PreparedStatement insert = db.prepareStatement("INSERT INTO " + schema + ".outbox_event (event_id, topic, "
                + "record_key, event_type, payload) VALUES (?, ?, ?, ?, ?)")) {
            insert.setObject(1, UUID.randomUUID());
            insert.setString(2, topic);
            insert.setString(3, modelId);
            insert.setString(4, type);
            insert.setString(5, payload);
            insert.executeUpdate();
        }
    }

    private static void answerWithHugeReason(ServerSocket server) {
        while (!server.isClosed()) {
            try (Socket client = server.accept()) {
                client.getInputStream().read(new byte[8192]);
                OutputStream out = client.getOutputStream();
                out.write(("HTTP/1.1 404 Not Found " + "because ".repeat(140_000) + "\r\nContent-Length: 0\r\n"
                        + "Connection: close\r\n\r\n").getBytes(StandardCharsets.US_ASCII));
                out.flush();
            } catch (IOException e) {
                return;
            }
        }
    }
}
