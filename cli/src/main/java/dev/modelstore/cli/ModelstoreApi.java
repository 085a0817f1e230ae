package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.Reader;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.Properties;

/**
 * The Modelstore API as the CLI calls it: base URL and token from the command line, the
 * environment ({@code MODELSTORE_API_URL}, {@code MODELSTORE_TOKEN}) or a properties file
 * ({@code MODELSTORE_CONFIG}, default {@code ~/.modelstore/config.properties}; the stack's
 * {@code .modelstore/access.properties} works as one).
 */
public final class ModelstoreApi {

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final String baseUrl;
    private final String token;

    public ModelstoreApi(String baseUrl, String token) {
        this.baseUrl = baseUrl.endsWith("/") ? baseUrl.substring(0, baseUrl.length() - 1) : baseUrl;
        this.token = token;
    }

    /** The API from options, else the environment, else the config file. */
    static ModelstoreApi configured(String apiUrl, String token, Map<String, String> env) throws IOException {
        Properties file = new Properties();
        Path config = Path.of(env.getOrDefault("MODELSTORE_CONFIG",
                System.getProperty("user.home") + "/.modelstore/config.properties"));
        if (Files.exists(config)) {
            try (Reader in = Files.newBufferedReader(config)) {
                file.load(in);
            }
        }
        String url = first(apiUrl, env.get("MODELSTORE_API_URL"), file.getProperty("api_url"));
        String key = first(token, env.get("MODELSTORE_TOKEN"), file.getProperty("token"));
        if (url == null || key == null) {
            throw new IllegalArgumentException("set the API URL and token: --api-url/--token, MODELSTORE_API_URL and "
                    + "MODELSTORE_TOKEN, or api_url and token in " + config);
        }
        return new ModelstoreApi(url, key);
    }

    /** One model. */
    public JsonNode model(String id) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/model/" + id)).GET(), 200);
    }

    /** The models of the token's project, every page of them (the API answers up to 1,000 at a time, with the next page's cursor). */
    public JsonNode models() throws IOException, InterruptedException {
        com.fasterxml.jackson.databind.node.ArrayNode all = json.createArrayNode();
        String cursor = null;
        for (int page = 0; page < 10_000; page++) {
            String query = "?limit=1000" + (cursor == null ? "" : "&cursor=" + java.net.URLEncoder.encode(cursor,
                    java.nio.charset.StandardCharsets.UTF_8));
            HttpResponse<String> response = exchange(HttpRequest.newBuilder(URI.create(baseUrl + "/model" + query)).GET(),
                    Duration.ofSeconds(30));
            JsonNode body = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
            if (response.statusCode() != 200 || !body.isArray()) {
                throw new IllegalStateException("the API answered " + response.statusCode() + ": "
                        + (body.has("message") ? body.get("message").asText() : response.body()));
            }
            all.addAll((com.fasterxml.jackson.databind.node.ArrayNode) body);
            cursor = response.headers().firstValue("X-Next-Cursor").orElse(null);
            if (cursor == null) {
                return all;
            }
        }
        throw new IllegalStateException("the model list did not end after 10,000 pages");
    }

    /** A ready model's file tree. */
    public JsonNode details(String id) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/model/" + id + "/details")).GET(), 200);
    }

    /** Renames a model. */
    public JsonNode rename(String id, String name) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/model/" + id)).method("PATCH",
                HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("name", name)))), 200);
    }

    /** Deletes a model for good (cancelling a download still running). */
    public JsonNode remove(String id) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/model/" + id + "?force=true")).DELETE(), 200);
    }

    /** Creates a model. */
    public JsonNode create(Map<String, Object> body) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + "/model"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body))), 201);
    }

    /** A ready model's manifest: every file with its size and SHA-256, and its links. */
    public JsonNode manifest(String id) throws IOException, InterruptedException {
        return get("/model/" + segment(id) + "/manifest");
    }

    /** Starts an export of a model; answers the model (now exporting) with {@code export_uuid}. */
    public JsonNode export(String id, Map<String, Object> body) throws IOException, InterruptedException {
        return send("POST", "/model/" + segment(id) + "/export", body, 200, 201, 202);
    }

    /** One export of a model: its status and figures. */
    public JsonNode export(String id, String exportId) throws IOException, InterruptedException {
        return get("/model/" + segment(id) + "/exports/" + segment(exportId));
    }

    /**
     * Where one file of a model is read through the API ({@code GET /model/{id}/files/{path}}, each
     * segment of the path encoded), with the token.
     */
    FileGets.Source fileSource(String id, String path) {
        StringBuilder encoded = new StringBuilder();
        for (String part : path.split("/", -1)) {
            encoded.append(encoded.length() == 0 ? "" : "/").append(segment(part));
        }
        return new FileGets.Source(URI.create(baseUrl + "/model/" + segment(id) + "/files/" + encoded), token);
    }

    /** A path segment percent-encoded as UTF-8 (everything but RFC 3986's unreserved characters). */
    static String segment(String value) {
        StringBuilder out = new StringBuilder();
        for (byte b : value.getBytes(java.nio.charset.StandardCharsets.UTF_8)) {
            char c = (char) (b & 0xff);
            if (c >= 'A' && c <= 'Z' || c >= 'a' && c <= 'z' || c >= '0' && c <= '9' || "-._~".indexOf(c) >= 0) {
                out.append(c);
            } else {
                out.append('%').append(Character.toUpperCase(Character.forDigit(c >> 4, 16)))
                        .append(Character.toUpperCase(Character.forDigit(c & 0xf, 16)));
            }
        }
        return out.toString();
    }

    /** GETs a path of the API (with its query), expecting 200. */
    public JsonNode get(String path) throws IOException, InterruptedException {
        return call(HttpRequest.newBuilder(URI.create(baseUrl + path)).GET(), 200);
    }

    /** GETs a plain-text answer (a worker's log). */
    public String text(String path) throws IOException, InterruptedException {
        HttpResponse<String> response = http.send(HttpRequest.newBuilder(URI.create(baseUrl + path))
                .header("Authorization", token).timeout(Duration.ofSeconds(30)).GET().build(),
                HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("the API answered " + response.statusCode() + ": " + response.body());
        }
        return response.body();
    }

    /** Sends a JSON body (or none, when null) with the method, expecting one of the statuses. */
    public JsonNode send(String method, String path, Object body, int... expected) throws IOException, InterruptedException {
        HttpRequest.BodyPublisher publisher = body == null ? HttpRequest.BodyPublishers.noBody()
                : HttpRequest.BodyPublishers.ofString(json.writeValueAsString(body));
        return call(HttpRequest.newBuilder(URI.create(baseUrl + path)).method(method, publisher), expected);
    }

    /**
     * Presigned store URLs for up to 1000 files of a model ({@code POST /model/{id}/download-links}),
     * or empty where the API offers none (redirects off, or an API without the call).
     */
    public java.util.Optional<JsonNode> downloadLinks(String id, java.util.List<String> paths)
            throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(HttpRequest.newBuilder(
                URI.create(baseUrl + "/model/" + segment(id) + "/download-links"))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(Map.of("paths", paths)))),
                Duration.ofSeconds(60));
        if (response.statusCode() == 200) {
            return java.util.Optional.of(json.readTree(response.body()));
        }
        if (response.statusCode() == 400 || response.statusCode() == 404 || response.statusCode() == 405) {
            return java.util.Optional.empty();
        }
        throw new IllegalStateException("the API answered " + response.statusCode() + " for download links: "
                + response.body());
    }

    private JsonNode call(HttpRequest.Builder request, int... expected) throws IOException, InterruptedException {
        HttpResponse<String> response = exchange(request, Duration.ofSeconds(30));
        JsonNode body = response.body().isBlank() ? json.nullNode() : json.readTree(response.body());
        if (java.util.Arrays.stream(expected).noneMatch(status -> status == response.statusCode())) {
            throw new IllegalStateException("the API answered " + response.statusCode() + ": "
                    + (body.has("message") ? body.get("message").asText() : response.body()));
        }
        return body;
    }

    /** Sends a JSON call with the token, waiting at most {@code timeout} for the answer. */
    private HttpResponse<String> exchange(HttpRequest.Builder request, Duration timeout)
            throws IOException, InterruptedException {
        return http.send(request.header("Authorization", token).header("Content-Type", "application/json")
                .timeout(timeout).build(), HttpResponse.BodyHandlers.ofString());
    }

    private static String first(String... values) {
        for (String value : values) {
            if (value != null && !value.isBlank()) {
                return value.trim();
            }
        }
        return null;
    }
}
