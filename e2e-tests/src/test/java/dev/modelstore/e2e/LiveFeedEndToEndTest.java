package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.BufferedReader;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** {@code GET /model/events}: server-sent events with a model's live progress, fed from Kafka, for its project only. */
class LiveFeedEndToEndTest extends EndToEndTest {

    @Test
    void aSubscriberSeesProgressThenReadyForItsProjectsModel() throws Exception {
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(StackExtension.stack().settings().apiUrl() + "/model/events"))
                .header("Authorization", api.token()).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals(401, HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(StackExtension.stack().settings().apiUrl() + "/model/events")).GET().build(),
                HttpResponse.BodyHandlers.discarding()).statusCode());

        List<JsonNode> seen = new ArrayList<>();
        BufferedReader reader = new BufferedReader(new InputStreamReader(stream.body(), StandardCharsets.UTF_8));
        ModelApiClient.sleep(1000);
        byte[] weights = new byte[6 * 1024 * 1024];
        new Random(3).nextBytes(weights);
        String id = api.createWebModel("watched live", files.serveSlowly("/live/weights.bin", weights, 3 * 1024 * 1024));

        CompletableFuture<Void> read = CompletableFuture.runAsync(() -> {
            try {
                ObjectMapper json = new ObjectMapper();
                for (String line; (line = reader.readLine()) != null; ) {
                    if (line.startsWith("data:")) {
                        JsonNode update = json.readTree(line.substring(5));
                        if (id.equals(update.path("model_uuid").asText())) {
                            seen.add(update);
                            if (update.path("status").asText().equals("ready")) {
                                return;
                            }
                        }
                    }
                }
            } catch (Exception e) {
                throw new IllegalStateException(e);
            }
        });
        read.get(WAIT.toSeconds(), TimeUnit.SECONDS);
        stream.body().close();

        assertTrue(seen.stream().anyMatch(u -> u.path("status").asText().equals("downloading") && u.path("bytes").asLong() > 0),
                "progress while downloading: " + seen);
        JsonNode ready = seen.get(seen.size() - 1);
        assertEquals(weights.length, ready.get("size").asLong());
        assertEquals(StackExtension.stack().access().projectId(), ready.get("project_uuid").asText());
    }

    @Test
    void aFeedEndsSoonAfterItsTokenIsRevoked() throws Exception {
        String project = StackExtension.stack().access().projectId();
        ModelApiClient.Reply issued = api.post("/project/" + project + "/tokens", Map.of("name", "feed watcher"));
        assertEquals(201, issued.status(), String.valueOf(issued.body()));
        String secret = issued.body().get("token").asText();
        String tokenId = issued.body().get("token_uuid").asText();
        HttpResponse<InputStream> stream = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(StackExtension.stack().settings().apiUrl() + "/model/events"))
                .header("Authorization", secret).header("Accept", "text/event-stream").GET().build(),
                HttpResponse.BodyHandlers.ofInputStream());
        assertEquals(200, stream.statusCode());
        assertEquals(200, api.delete("/project/" + project + "/tokens/" + tokenId).status());
        // The e2e stack checks a feed's token every 2 s: the stream must end, not go on with heartbeats.
        CompletableFuture<Void> ended = CompletableFuture.runAsync(() -> {
            try {
                stream.body().transferTo(java.io.OutputStream.nullOutputStream());
            } catch (java.io.IOException e) {
                // a closed connection is an end too
            }
        });
        ended.get(20, TimeUnit.SECONDS);
    }
}
