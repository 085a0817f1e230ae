package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.atomic.AtomicInteger;

/** A stand-in for model-api's download calls and a fetcher's local export sender, for the CLI's tests. */
final class FakeModelstore implements AutoCloseable {

    static final String TOKEN = "api-token";
    static final String DOWNLOAD_TOKEN = "download-token";
    static final ObjectMapper JSON = new ObjectMapper();

    final HttpServer server;
    final Map<String, byte[]> files = new LinkedHashMap<>();
    final Map<String, String> links = new LinkedHashMap<>();
    final Map<String, JsonNode> models = new ConcurrentHashMap<>();
    /** Every request as "METHOD raw-path [Range]". */
    final List<String> requests = Collections.synchronizedList(new ArrayList<>());
    final List<JsonNode> exportBodies = Collections.synchronizedList(new ArrayList<>());
    final List<String> exportStatuses = Collections.synchronizedList(new ArrayList<>());
    /** Paths served with wrong bytes, and how many times each still is. */
    final Map<String, AtomicInteger> corrupt = new ConcurrentHashMap<>();
    /** Paths answered 503 so many times first. */
    final Map<String, AtomicInteger> unavailable = new ConcurrentHashMap<>();
    volatile boolean honourRanges = true;
    /** Whether {@code POST /model/{id}/download-links} hands out links to {@code /store/...} (else 404). */
    volatile boolean storeLinks;
    /** Store paths answered 403 (an expired link). */
    final java.util.Set<String> refusedLinks = ConcurrentHashMap.newKeySet();
    /** Store requests that carried the API token (a link must never be sent it). */
    final AtomicInteger tokensSentToStore = new AtomicInteger();
    volatile String manifestOverride;
    volatile byte[] exportArchive = new byte[0];
    volatile boolean exportZip;
    volatile int downloadsUnavailable;
    volatile boolean downloaded;
    volatile boolean finalized;

    FakeModelstore() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(8));
        server.createContext("/", this::handle);
        server.start();
    }

    String url() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    FakeModelstore file(String path, byte[] content) {
        files.put(path, content);
        return this;
    }

    static String sha256(byte[] content) {
        return HexFormat.of().formatHex(Sha256.digest().digest(content));
    }

    String manifest() {
        if (manifestOverride != null) {
            return manifestOverride;
        }
        ObjectNode manifest = JSON.createObjectNode().put("modelId", "m1");
        ArrayNode list = manifest.putArray("files");
        files.forEach((path, content) -> list.addObject().put("path", path).put("size", content.length)
                .put("sha256", sha256(content)).put("version", "v1"));
        ArrayNode linkList = manifest.putArray("links");
        links.forEach((path, target) -> linkList.addObject().put("path", path).put("target", target));
        return manifest.toString();
    }

    long fileRequests() {
        return requests.stream().filter(r -> r.contains("/files/")).count();
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String raw = exchange.getRequestURI().getRawPath();
            String path = exchange.getRequestURI().getPath();
            String range = exchange.getRequestHeaders().getFirst("Range");
            requests.add(exchange.getRequestMethod() + " " + raw + (range != null ? " " + range : ""));
            if (path.startsWith("/store/")) {
                if (exchange.getRequestHeaders().containsKey("Authorization")) {
                    tokensSentToStore.incrementAndGet();
                }
                String file = path.substring("/store/".length());
                if (refusedLinks.contains(file) || !"x".equals(exchange.getRequestURI().getQuery().replace("sig=", ""))) {
                    send(exchange, 403, "<Error><Code>AccessDenied</Code></Error>");
                    return;
                }
                file(exchange, file, range);
                return;
            }
            if (path.startsWith("/exports/")) {
                sender(exchange, path.substring("/exports/".length()));
                return;
            }
            if (!TOKEN.equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                send(exchange, 401, "{\"message\":\"no token\"}");
                return;
            }
            String[] parts = path.split("/", 5);
            // "", "model", id, what, rest
            if (parts.length == 3 && exchange.getRequestMethod().equals("GET")) {
                JsonNode model = models.get(parts[2]);
                send(exchange, model == null ? 404 : 200, model == null ? "{\"message\":\"no model\"}" : model.toString());
            } else if (parts.length == 4 && parts[3].equals("manifest")) {
                send(exchange, 200, manifest());
            } else if (parts.length == 5 && parts[3].equals("files")) {
                file(exchange, parts[4], range);
            } else if (parts.length == 4 && parts[3].equals("download-links") && storeLinks) {
                ObjectNode answer = JSON.createObjectNode().put("model_uuid", parts[2])
                        .put("expires_at", java.time.Instant.now().plusSeconds(300).toString());
                ArrayNode list = answer.putArray("links");
                for (JsonNode asked : JSON.readTree(exchange.getRequestBody()).path("paths")) {
                    list.addObject().put("path", asked.asText()).put("url", url() + "/store/"
                            + ModelstoreApi.segment(asked.asText()).replace("%2F", "/") + "?sig=x");
                }
                send(exchange, 200, answer.toString());
            } else if (parts.length == 4 && parts[3].equals("export")) {
                JsonNode body = JSON.readTree(exchange.getRequestBody());
                exportBodies.add(body);
                ObjectNode answer = ((ObjectNode) models.get(parts[2]).deepCopy()).put("status", "exporting")
                        .put("export_uuid", "e1");
                if (body.path("output_type").asText().equals("local")) {
                    answer.put("hostname", url() + "/exports").put("auth_token", DOWNLOAD_TOKEN)
                            .put("output_uri", body.path("output_uri").asText());
                }
                send(exchange, 200, answer.toString());
            } else if (parts.length == 5 && parts[3].equals("exports")) {
                String status = exportStatuses.size() > 1 ? exportStatuses.remove(0) : exportStatuses.get(0);
                ObjectNode export = JSON.createObjectNode().put("export_uuid", parts[4]).put("status", status)
                        .put("bytes", 5).put("files", 2).put("total_bytes", 5).put("total_files", 2);
                if (status.equals("failed")) {
                    export.put("reason", "the bucket refused the write");
                }
                send(exchange, 200, export.toString());
            } else {
                send(exchange, 404, "{\"message\":\"not here\"}");
            }
        }
    }

    private void file(HttpExchange exchange, String path, String range) throws IOException {
        byte[] content = files.get(path);
        if (content == null) {
            send(exchange, 404, "{\"message\":\"no such file\"}");
            return;
        }
        AtomicInteger down = unavailable.get(path);
        if (down != null && down.getAndDecrement() > 0) {
            send(exchange, 503, "{\"message\":\"busy\"}");
            return;
        }
        byte[] body = content.clone();
        AtomicInteger bad = corrupt.get(path);
        if (bad != null && bad.getAndDecrement() > 0 && body.length > 0) {
            body[body.length - 1] ^= 1;
        }
        exchange.getResponseHeaders().add("ETag", "\"" + sha256(content) + "\"");
        long start = 0;
        long end = body.length - 1;
        if (range != null && honourRanges) {
            start = Long.parseLong(range.substring("bytes=".length(), range.indexOf('-')));
            String last = range.substring(range.indexOf('-') + 1).trim();
            end = last.isEmpty() ? end : Math.min(end, Long.parseLong(last));
            exchange.getResponseHeaders().add("Content-Range", "bytes " + start + "-" + end + "/" + body.length);
        }
        int length = (int) (end - start + 1);
        exchange.sendResponseHeaders(range != null && honourRanges ? 206 : 200, length == 0 ? -1 : length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(body, (int) start, length);
        }
    }

    private void sender(HttpExchange exchange, String what) throws IOException {
        if (!("Bearer " + DOWNLOAD_TOKEN).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
            send(exchange, 401, "{\"message\":\"the download token is not valid\"}");
            return;
        }
        switch (what) {
            case "ping" -> send(exchange, 200, "{\"status\":\"ok\"}");
            case "info" -> {
                if (exportZip) {
                    exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"model-m1.zip\"");
                }
                send(exchange, 200, "{\"archive\":" + exportZip + "}");
            }
            case "download" -> {
                if (downloadsUnavailable > 0) {
                    downloadsUnavailable--;
                    send(exchange, 503, "");
                    return;
                }
                if (exportZip) {
                    exchange.getResponseHeaders().add("Content-Disposition", "attachment; filename=\"model-m1.zip\"");
                }
                exchange.sendResponseHeaders(200, exportArchive.length);
                exchange.getResponseBody().write(exportArchive);
                downloaded = true;
            }
            case "finalize" -> {
                if (!downloaded || !exchange.getRequestMethod().equals("POST")) {
                    send(exchange, 409, "{\"message\":\"the archive has not been downloaded in full yet\"}");
                    return;
                }
                finalized = true;
                send(exchange, 200, "{\"status\":\"finished\"}");
            }
            default -> send(exchange, 404, "");
        }
    }

    private static void send(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(status, bytes.length == 0 ? -1 : bytes.length);
        if (bytes.length > 0) {
            exchange.getResponseBody().write(bytes);
        }
    }

    @Override
    public void close() {
        server.stop(0);
        ((java.util.concurrent.ExecutorService) server.getExecutor()).shutdownNow();
    }
}
