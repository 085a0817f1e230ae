package dev.modelstore.e2e;

import com.fasterxml.jackson.databind.JsonNode;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.stack.Stack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import org.junit.jupiter.api.Test;

/** What operators reach on every service without an API token: OpenAPI, health and Prometheus metrics. */
class OperationsEndToEndTest extends EndToEndTest {

    private static final HttpClient HTTP = HttpClient.newHttpClient();

    @Test
    void everyServiceAnswersOpenApiHealthAndMetrics() throws Exception {
        Stack stack = StackExtension.stack();
        String id = api.createWebModel("metrics", files.serve("/ops/m.tar.gz", Archives.tarGz(Archives.nestedFiles(99))));
        api.awaitStatus(id, FINAL, WAIT);
        for (String service : Stack.SERVICES) {
            int port = stack.port(service);
            HttpResponse<String> openapi = get(port, "/q/openapi");
            assertEquals(200, openapi.statusCode(), service);
            assertTrue(openapi.body().contains("openapi"), service);
            HttpResponse<String> health = get(port, "/q/health");
            assertEquals(200, health.statusCode(), service + ": " + health.body());
            assertTrue(health.body().contains("\"status\": \"UP\"") || health.body().contains("\"status\":\"UP\""), health.body());
            assertEquals(200, get(port, "/q/metrics").statusCode(), service);
        }
        assertTrue(get(stack.port("model-api"), "/q/openapi").body().contains("/model"));
        awaitTrue(() -> metrics("fetcher-worker").contains("modelstore_ingest_bytes_total"), "ingest bytes counted");
        awaitTrue(() -> metrics("model-api").contains("modelstore_models{status=\"ready\"}"), "models by status");
        awaitTrue(() -> metrics("job-runner").contains("modelstore_jobs{status=\"running\"}"), "jobs by status");
        assertTrue(get(stack.port("job-runner"), "/q/openapi").body().contains("/job"));
    }

    @Test
    void internalEndpointsRefuseCallsWithoutTheServiceToken() throws Exception {
        Stack stack = StackExtension.stack();
        String project = stack.access().projectId();
        String model = java.util.UUID.randomUUID().toString();
        String[][] calls = {
            {"model-api", "POST", "/internal/tokens/verify", "{\"token_hash\":\"x\"}"},
            {"model-api", "POST", "/internal/tokens/bootstrap", ""},
            {"model-api", "GET", "/internal/projects/" + project + "/credentials/aws", null},
            {"model-api", "POST", "/internal/models/" + model + "/job-uses", "{}"},
            {"model-api", "POST", "/internal/projects", "{\"name\":\"x\"}"},
            {"storage-service", "GET", "/internal/storage/projects/" + project + "/limits", null},
        };
        for (String[] call : calls) {
            for (String serviceToken : new String[] {null, "not-the-service-token", stack.access().token()}) {
                HttpRequest.Builder request = HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + stack.port(call[0])
                        + call[2])).header("Content-Type", "application/json")
                        // A project's own API token does not open internal endpoints either.
                        .header("Authorization", stack.access().token())
                        .method(call[1], call[3] == null ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofString(call[3]));
                if (serviceToken != null) {
                    request.header("X-Modelstore-Service-Token", serviceToken);
                }
                HttpResponse<String> answer = sendOnce(request.build());
                assertEquals(401, answer.statusCode(), call[1] + " " + call[2] + " with " + serviceToken + ": " + answer.body());
            }
        }
    }

    /**
     * Sends the request; a pooled connection the server closed just then (its idle timeout, 20 s
     * here) is a closed connection, not an answer, so the request goes once more on a new one.
     */
    private static HttpResponse<String> sendOnce(HttpRequest request) throws Exception {
        try {
            return HTTP.send(request, HttpResponse.BodyHandlers.ofString());
        } catch (java.io.IOException closed) {
            return HttpClient.newHttpClient().send(request, HttpResponse.BodyHandlers.ofString());
        }
    }

    @Test
    void aRequestThatNeverFinishesItsHeadersIsDroppedAndDoesNotHoldTheApi() throws Exception {
        int port = StackExtension.stack().port("model-api");
        java.util.List<java.net.Socket> slow = new java.util.ArrayList<>();
        try {
            for (int i = 0; i < 50; i++) {
                java.net.Socket socket = new java.net.Socket("127.0.0.1", port);
                socket.getOutputStream().write("GET /model HTTP/1.1\r\nHost: x\r\nX-a: ".getBytes());
                slow.add(socket);
            }
            assertEquals(401, get(port, "/model").statusCode(), "the API still answers beside them");
            // The e2e stack's idle timeout is 20 s (60 s by default): the server closes them.
            java.net.Socket first = slow.get(0);
            first.setSoTimeout(45_000);
            long started = System.nanoTime();
            int read;
            try {
                read = first.getInputStream().read();
            } catch (java.net.SocketException reset) {
                read = -1;
            }
            assertEquals(-1, read, "the half-sent request is closed, not answered");
            assertTrue(System.nanoTime() - started < 40_000_000_000L);
        } finally {
            for (java.net.Socket socket : slow) {
                socket.close();
            }
        }
    }

    @Test
    void theModelAndJobCountsMoveWithModelsAndJobs() throws Exception {
        // Other tests' models may still settle meanwhile: each step waits for the count to move past
        // what it was, in the direction this test moves it.
        String ready = "modelstore_models{status=\"ready\"}";
        String running = "modelstore_jobs{status=\"running\"}";
        double readyBefore = gauge("model-api", ready);
        String id = api.createWebModel("counted", files.serve("/ops/counted.tar.gz", Archives.tarGz(Archives.nestedFiles(98))));
        api.awaitStatus(id, FINAL, WAIT);
        awaitTrue(() -> gauge("model-api", ready) >= readyBefore + 1, "one more ready model than " + readyBefore);
        double runningBefore = gauge("job-runner", running);
        JsonNode job = JobsEndToEndTest.createJob(java.util.Map.of("name", "counted job", "type", "notebook",
                "workers", java.util.List.of("exec sleep 600")));
        String jobId = job.get("job_uuid").asText();
        JobsEndToEndTest.awaitJob(jobId, java.util.Set.of("running"));
        awaitTrue(() -> gauge("job-runner", running) >= runningBefore + 1, "one more running job");
        double runningWith = gauge("job-runner", running);
        assertEquals(200, api.delete("/job/" + jobId + "?force=true").status());
        awaitTrue(() -> gauge("job-runner", running) <= runningWith - 1, "the job no longer runs");
        double readyWith = gauge("model-api", ready);
        assertEquals(200, api.delete("/model/" + id).status());
        awaitTrue(() -> gauge("model-api", ready) <= readyWith - 1, "the model is gone");
    }

    /** The value of one metric line ({@code name{labels} value}); 0 when absent. */
    private static double gauge(String service, String series) {
        for (String line : metrics(service).split("\n")) {
            if (line.startsWith(series + " ")) {
                return Double.parseDouble(line.substring(series.length() + 1).trim());
            }
        }
        return 0;
    }

    private static String metrics(String service) {
        try {
            return get(StackExtension.stack().port(service), "/q/metrics").body();
        } catch (Exception e) {
            return "";
        }
    }

    private static HttpResponse<String> get(int port, String path) throws Exception {
        return HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + path)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
    }
}
