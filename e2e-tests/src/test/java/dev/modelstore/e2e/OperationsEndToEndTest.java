package dev.modelstore.e2e;

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
