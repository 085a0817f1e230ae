package dev.modelstore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/** Talks to a service over HTTP as a trainML client would: JSON in, JSON out. */
public final class ModelApiClient {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();

    private final String baseUrl;
    private final String token;
    private final Map<String, String> headers;

    /** A client that sends {@code token} as trainML's SDK does (raw, in Authorization); null sends none. */
    public ModelApiClient(int port, String token) {
        this(port, token, Map.of());
    }

    private ModelApiClient(int port, String token, Map<String, String> headers) {
        this.baseUrl = "http://127.0.0.1:" + port;
        this.token = token;
        this.headers = headers;
    }

    /** The same service, called with another token. */
    public ModelApiClient as(String otherToken) {
        return new ModelApiClient(port(), otherToken, headers);
    }

    /** The same service, with one more header on every call. */
    public ModelApiClient withHeader(String name, String value) {
        Map<String, String> more = new java.util.HashMap<>(headers);
        more.put(name, value);
        return new ModelApiClient(port(), token, more);
    }

    /** The token this client sends. */
    public String token() {
        return token;
    }

    private int port() {
        return Integer.parseInt(baseUrl.substring(baseUrl.lastIndexOf(':') + 1));
    }

    /** A status code with its JSON body. */
    public record Reply(int status, JsonNode body) {
    }

    public Reply post(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Reply postRaw(String path, String body) {
        return send(HttpRequest.newBuilder(uri(path)).POST(HttpRequest.BodyPublishers.ofString(body)));
    }

    public Reply put(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(uri(path)).PUT(HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Reply patch(String path, Map<String, ?> body) {
        return send(HttpRequest.newBuilder(uri(path)).method("PATCH", HttpRequest.BodyPublishers.ofString(write(body))));
    }

    public Reply get(String path) {
        return send(HttpRequest.newBuilder(uri(path)).GET());
    }

    public Reply delete(String path) {
        return send(HttpRequest.newBuilder(uri(path)).DELETE());
    }

    /** GETs a plain-text answer (a worker's log). */
    public String text(String path) {
        try {
            HttpRequest.Builder request = HttpRequest.newBuilder(uri(path)).timeout(Duration.ofSeconds(30));
            if (token != null) {
                request.header("Authorization", token);
            }
            return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofString()).body();
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    /** Creates a web model and answers its id. */
    public String createWebModel(String name, String url) {
        Reply reply = post("/model", Map.of("name", name, "source_type", "web", "source_uri", url));
        if (reply.status() != 201) {
            throw new AssertionError("create answered " + reply.status() + ": " + reply.body());
        }
        return reply.body().get("model_uuid").asText();
    }

    /** Polls the model until its status is one of {@code statuses}, as trainML clients wait. */
    public JsonNode awaitStatus(String modelId, Set<String> statuses, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        JsonNode model = null;
        while (System.nanoTime() < deadline) {
            Reply reply = get("/model/" + modelId);
            model = reply.body();
            if (reply.status() == 200 && statuses.contains(model.get("status").asText())) {
                return model;
            }
            sleep(100);
        }
        throw new AssertionError("model " + modelId + " did not reach " + statuses + " in " + timeout + "; last: " + model);
    }

    private Reply send(HttpRequest.Builder request) {
        try {
            if (token != null) {
                request.header("Authorization", token);
            }
            headers.forEach(request::header);
            HttpResponse<String> response = HTTP.send(request.header("Content-Type", "application/json")
                    .header("Accept", "application/json").timeout(Duration.ofSeconds(30)).build(),
                    HttpResponse.BodyHandlers.ofString());
            String body = response.body();
            return new Reply(response.statusCode(), body == null || body.isBlank() ? null : JSON.readTree(body));
        } catch (IOException e) {
            throw new AssertionError("request failed: " + e, e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new AssertionError("interrupted", e);
        }
    }

    private URI uri(String path) {
        return URI.create(baseUrl + path);
    }

    private static String write(Map<String, ?> body) {
        try {
            return JSON.writeValueAsString(body);
        } catch (IOException e) {
            throw new IllegalArgumentException(e);
        }
    }

    static void sleep(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
