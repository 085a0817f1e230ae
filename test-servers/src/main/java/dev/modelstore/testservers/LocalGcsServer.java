package dev.modelstore.testservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URLDecoder;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.zip.CRC32C;

/**
 * A small server on loopback that answers the Google Cloud Storage JSON API calls the gcp source
 * makes (object list with prefix and paging, object metadata, media download with generation and
 * ranges) and those of a gcp export (resumable uploads: a session started with
 * {@code POST /upload/storage/v1/b/{bucket}/o?uploadType=resumable}, chunks sent with
 * {@code PUT} and {@code Content-Range}, answered 308 with the {@code Range} received until the
 * last), so the real {@code google-cloud-storage} HTTP client can be tested without Google.
 * No GCS server can be installed on these machines.
 */
public final class LocalGcsServer implements AutoCloseable {

    private record StoredObject(byte[] bytes, long generation) {
    }

    private final HttpServer server;
    private final Map<String, TreeMap<String, StoredObject>> buckets = new ConcurrentHashMap<>();
    private final AtomicLong generations = new AtomicLong(1_700_000_000_000_000L);
    private final String token;
    private final int pageSize;
    /** Resumable upload sessions: their bucket, object name and bytes received so far. */
    private final Map<String, Session> sessions = new ConcurrentHashMap<>();

    private record Session(String bucket, String name, java.io.ByteArrayOutputStream received) {
    }
    private final java.util.concurrent.atomic.AtomicInteger tokensGranted = new java.util.concurrent.atomic.AtomicInteger();
    private volatile java.security.PublicKey serviceAccountKey;
    private volatile String serviceAccountEmail;

    public LocalGcsServer(String token, int pageSize, int port) throws IOException {
        this.token = token;
        this.pageSize = pageSize;
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.createContext("/", this::handle);
        server.start();
    }

    public String host() {
        return "http://127.0.0.1:" + server.getAddress().getPort();
    }

    public void createBucket(String bucket) {
        buckets.putIfAbsent(bucket, new TreeMap<>());
    }

    public synchronized void put(String bucket, String name, byte[] bytes) {
        buckets.get(bucket).put(name, new StoredObject(bytes, generations.incrementAndGet()));
    }

    /**
     * Also answers {@code POST /token} as Google's OAuth endpoint does for a service account: a
     * JWT-bearer grant whose assertion is signed (RS256) by {@code key} and issued by {@code email}
     * gets this server's access token.
     */
    public void acceptServiceAccount(java.security.PublicKey key, String email) {
        this.serviceAccountKey = key;
        this.serviceAccountEmail = email;
    }

    /** How many token requests were granted. */
    public int tokensGranted() {
        return tokensGranted.get();
    }

    private void token(HttpExchange exchange) throws IOException {
        String form = new String(exchange.getRequestBody().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
        Map<String, String> fields = query(form);
        String assertion = java.net.URLDecoder.decode(fields.getOrDefault("assertion", ""), java.nio.charset.StandardCharsets.UTF_8);
        String[] jwt = assertion.split("\\.");
        try {
            java.security.Signature rs256 = java.security.Signature.getInstance("SHA256withRSA");
            rs256.initVerify(serviceAccountKey);
            rs256.update((jwt[0] + "." + jwt[1]).getBytes(java.nio.charset.StandardCharsets.US_ASCII));
            String claims = new String(java.util.Base64.getUrlDecoder().decode(jwt[1]), java.nio.charset.StandardCharsets.UTF_8);
            if (serviceAccountKey == null || !rs256.verify(java.util.Base64.getUrlDecoder().decode(jwt[2]))
                    || !claims.contains("\"iss\":\"" + serviceAccountEmail + "\"")) {
                error(exchange, 400, "invalid_grant");
                return;
            }
        } catch (RuntimeException | java.security.GeneralSecurityException e) {
            error(exchange, 400, "invalid_grant");
            return;
        }
        tokensGranted.incrementAndGet();
        byte[] body = ("{\"access_token\":\"" + token + "\",\"expires_in\":3600,\"token_type\":\"Bearer\"}")
                .getBytes(java.nio.charset.StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json");
        exchange.sendResponseHeaders(200, body.length);
        exchange.getResponseBody().write(body);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            if (exchange.getRequestURI().getPath().equals("/token") && exchange.getRequestMethod().equals("POST")) {
                token(exchange);
                return;
            }
            if (!("Bearer " + token).equals(exchange.getRequestHeaders().getFirst("Authorization"))) {
                error(exchange, 401, "Anonymous caller does not have storage.objects.get access.");
                return;
            }
            if (exchange.getRequestURI().getRawPath().startsWith("/upload/storage/v1/b/")) {
                upload(exchange);
                return;
            }
            String path = exchange.getRequestURI().getRawPath().replaceFirst("^/download", "");
            Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
            String[] parts = path.split("/");
            // /storage/v1/b/{bucket}/o[/{object}]
            if (parts.length < 6 || !"storage".equals(parts[1]) || !"b".equals(parts[3]) || !"o".equals(parts[5])) {
                error(exchange, 400, "unsupported call " + exchange.getRequestMethod() + " " + path);
                return;
            }
            TreeMap<String, StoredObject> bucket = buckets.get(decode(parts[4]));
            if (bucket == null) {
                error(exchange, 404, "The specified bucket does not exist.");
                return;
            }
            if (parts.length == 6) {
                list(exchange, decode(parts[4]), bucket, query);
                return;
            }
            String name = decode(path.substring(path.indexOf("/o/") + 3));
            StoredObject object;
            synchronized (this) {
                object = bucket.get(name);
            }
            if (object == null || (query.containsKey("generation")
                    && Long.parseLong(query.get("generation")) != object.generation())) {
                error(exchange, 404, "No such object: " + name);
                return;
            }
            if ("media".equals(query.get("alt"))) {
                media(exchange, object);
            } else {
                json(exchange, 200, metadata(decode(parts[4]), name, object));
            }
        }
    }

    /** A resumable upload: the session's start, a chunk, or a question about what was received. */
    private void upload(HttpExchange exchange) throws IOException {
        String[] parts = exchange.getRequestURI().getRawPath().split("/");
        Map<String, String> query = query(exchange.getRequestURI().getRawQuery());
        String bucketName = parts.length > 5 ? decode(parts[5]) : "";
        if (!"resumable".equals(query.get("uploadType"))) {
            error(exchange, 400, "only resumable uploads are answered here");
            return;
        }
        byte[] body = exchange.getRequestBody().readAllBytes();
        if (exchange.getRequestMethod().equals("POST")) {
            if (!buckets.containsKey(bucketName)) {
                error(exchange, 404, "The specified bucket does not exist.");
                return;
            }
            String name = query.get("name");
            if (name == null) {
                java.util.regex.Matcher named = java.util.regex.Pattern.compile("\"name\"\\s*:\\s*\"((?:[^\"\\\\]|\\\\.)*)\"")
                        .matcher(new String(body, StandardCharsets.UTF_8));
                name = named.find() ? unescape(named.group(1)) : null;
            }
            if (name == null || name.isEmpty()) {
                error(exchange, 400, "an upload needs the object's name");
                return;
            }
            String id = java.util.UUID.randomUUID().toString();
            sessions.put(id, new Session(bucketName, name, new java.io.ByteArrayOutputStream()));
            exchange.getResponseHeaders().add("Location", host() + "/upload/storage/v1/b/" + parts[5]
                    + "/o?uploadType=resumable&upload_id=" + id);
            exchange.sendResponseHeaders(200, -1);
            return;
        }
        Session session = sessions.get(query.getOrDefault("upload_id", ""));
        if (session == null || !exchange.getRequestMethod().equals("PUT")) {
            error(exchange, 404, "No such upload session");
            return;
        }
        // Content-Range: bytes a-b/total, bytes a-b/*, or bytes */total (a question, or the end).
        String range = exchange.getRequestHeaders().getFirst("Content-Range");
        java.util.regex.Matcher m = java.util.regex.Pattern.compile("bytes (\\*|(\\d+)-(\\d+))/(\\*|\\d+)")
                .matcher(range == null ? "" : range.trim());
        if (!m.matches()) {
            error(exchange, 400, "bad Content-Range " + range);
            return;
        }
        long total = m.group(4).equals("*") ? -1 : Long.parseLong(m.group(4));
        synchronized (session) {
            if (m.group(2) != null) {
                long first = Long.parseLong(m.group(2));
                if (first != session.received().size()) {
                    error(exchange, 400, "chunk starts at " + first + ", expected " + session.received().size());
                    return;
                }
                session.received().write(body);
            }
            long size = session.received().size();
            if (total >= 0 && size == total) {
                sessions.remove(query.get("upload_id"));
                StoredObject stored;
                synchronized (this) {
                    stored = new StoredObject(session.received().toByteArray(), generations.incrementAndGet());
                    buckets.get(session.bucket()).put(session.name(), stored);
                }
                json(exchange, 200, metadata(session.bucket(), session.name(), stored));
                return;
            }
            if (size > 0) {
                exchange.getResponseHeaders().add("Range", "bytes=0-" + (size - 1));
            }
            exchange.sendResponseHeaders(308, -1);
        }
    }

    /** A JSON string's content without its escapes. */
    private static String unescape(String json) {
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < json.length(); i++) {
            char c = json.charAt(i);
            if (c != '\\' || i + 1 >= json.length()) {
                out.append(c);
                continue;
            }
            char next = json.charAt(++i);
            switch (next) {
                case 'u' -> {
                    out.append((char) Integer.parseInt(json.substring(i + 1, i + 5), 16));
                    i += 4;
                }
                case 'n' -> out.append('\n');
                case 't' -> out.append('\t');
                case 'r' -> out.append('\r');
                case 'b' -> out.append('\b');
                case 'f' -> out.append('\f');
                default -> out.append(next);
            }
        }
        return out.toString();
    }

    /** The bytes of an object, or null. */
    public synchronized byte[] get(String bucket, String name) {
        TreeMap<String, StoredObject> objects = buckets.get(bucket);
        StoredObject object = objects == null ? null : objects.get(name);
        return object == null ? null : object.bytes();
    }

    /** The names of a bucket's objects under a prefix. */
    public synchronized List<String> names(String bucket, String prefix) {
        return buckets.getOrDefault(bucket, new TreeMap<>()).keySet().stream().filter(n -> n.startsWith(prefix)).toList();
    }

    private void list(HttpExchange exchange, String bucketName, TreeMap<String, StoredObject> bucket, Map<String, String> query)
            throws IOException {
        String prefix = query.getOrDefault("prefix", "");
        String after = query.get("pageToken");
        List<String> items = new ArrayList<>();
        String next = null;
        synchronized (this) {
            for (Map.Entry<String, StoredObject> e : bucket.tailMap(after == null ? prefix : after, after == null).entrySet()) {
                if (!e.getKey().startsWith(prefix)) {
                    break;
                }
                if (items.size() == pageSize) {
                    next = items.isEmpty() ? null : lastName(bucket, e.getKey());
                    break;
                }
                items.add(metadata(bucketName, e.getKey(), e.getValue()));
            }
        }
        json(exchange, 200, "{\"kind\":\"storage#objects\",\"items\":[" + String.join(",", items) + "]"
                + (next == null ? "" : ",\"nextPageToken\":\"" + next + "\"") + "}");
    }

    private static String lastName(TreeMap<String, StoredObject> bucket, String firstOfNextPage) {
        return bucket.lowerKey(firstOfNextPage);
    }

    private static void media(HttpExchange exchange, StoredObject object) throws IOException {
        byte[] bytes = object.bytes();
        int from = 0;
        int to = bytes.length - 1;
        String range = exchange.getRequestHeaders().getFirst("Range");
        int status = 200;
        if (range != null && range.startsWith("bytes=")) {
            String[] bounds = range.substring(6).split("-", -1);
            from = Integer.parseInt(bounds[0]);
            if (bounds.length > 1 && !bounds[1].isEmpty()) {
                to = Math.min(to, Integer.parseInt(bounds[1]));
            }
            status = 206;
            exchange.getResponseHeaders().add("Content-Range", "bytes " + from + "-" + to + "/" + bytes.length);
        }
        int length = Math.max(0, to - from + 1);
        exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
        exchange.getResponseHeaders().add("x-goog-generation", String.valueOf(object.generation()));
        exchange.sendResponseHeaders(status, length == 0 ? -1 : length);
        if (length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(bytes, from, length);
            }
        }
    }

    private static String metadata(String bucket, String name, StoredObject object) {
        CRC32C crc = new CRC32C();
        crc.update(object.bytes());
        String crc32c = Base64.getEncoder().encodeToString(ByteBuffer.allocate(4).putInt((int) crc.getValue()).array());
        String md5;
        try {
            md5 = Base64.getEncoder().encodeToString(MessageDigest.getInstance("MD5").digest(object.bytes()));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
        String escaped = name.replace("\\", "\\\\").replace("\"", "\\\"");
        return "{\"kind\":\"storage#object\",\"id\":\"" + bucket + "/" + escaped + "/" + object.generation() + "\","
                + "\"name\":\"" + escaped + "\",\"bucket\":\"" + bucket + "\",\"generation\":\"" + object.generation()
                + "\",\"metageneration\":\"1\",\"size\":\"" + object.bytes().length + "\","
                + "\"contentType\":\"application/octet-stream\",\"md5Hash\":\"" + md5 + "\",\"crc32c\":\"" + crc32c + "\","
                + "\"timeCreated\":\"2026-11-26T00:00:00.000Z\",\"updated\":\"2026-11-26T00:00:00.000Z\"}";
    }

    private static void error(HttpExchange exchange, int code, String message) throws IOException {
        json(exchange, code, "{\"error\":{\"code\":" + code + ",\"message\":\"" + message.replace("\"", "'")
                + "\",\"errors\":[{\"message\":\"" + message.replace("\"", "'") + "\",\"reason\":\""
                + (code == 404 ? "notFound" : code == 401 ? "required" : "invalid") + "\"}]}}");
    }

    private static void json(HttpExchange exchange, int status, String body) throws IOException {
        byte[] bytes = body.getBytes(StandardCharsets.UTF_8);
        exchange.getResponseHeaders().add("Content-Type", "application/json; charset=UTF-8");
        exchange.sendResponseHeaders(status, bytes.length);
        try (OutputStream out = exchange.getResponseBody()) {
            out.write(bytes);
        }
    }

    private static Map<String, String> query(String raw) {
        Map<String, String> params = new HashMap<>();
        if (raw != null) {
            for (String pair : raw.split("&")) {
                int eq = pair.indexOf('=');
                params.put(decode(eq < 0 ? pair : pair.substring(0, eq)), eq < 0 ? "" : decode(pair.substring(eq + 1)));
            }
        }
        return params;
    }

    private static String decode(String s) {
        return URLDecoder.decode(s.replace("+", "%2B"), StandardCharsets.UTF_8);
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
