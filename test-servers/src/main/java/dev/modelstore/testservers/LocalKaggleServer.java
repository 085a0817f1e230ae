package dev.modelstore.testservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpsConfigurator;
import com.sun.net.httpserver.HttpsServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.util.Base64;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import javax.net.ssl.SSLContext;

/**
 * A local HTTPS stand-in for the Kaggle API v1 (Kaggle cannot be reached from these machines): it
 * answers the calls the kaggle source makes with real zip files, redirects to a storage host
 * ({@code localhost}, another host than the API's {@code 127.0.0.1}, which refuses credentials),
 * 401/403/404, and a rate limit (429 with Retry-After) on dataset {@code busy/data}.
 */
public final class LocalKaggleServer implements AutoCloseable {

    private final HttpsServer server;
    private final String user;
    private final String key;
    private final Map<String, byte[]> competitions = new ConcurrentHashMap<>();
    private final Map<String, byte[]> datasets = new ConcurrentHashMap<>();
    private final Map<String, Map<String, byte[]>> kernels = new ConcurrentHashMap<>();
    private final AtomicInteger busyCalls = new AtomicInteger();
    private final SSLContext clientContext;
    private final Path keystore;

    public LocalKaggleServer(Path dir, String user, String key) throws IOException, GeneralSecurityException,
            InterruptedException {
        this(dir, user, key, 0);
    }

    /** A stand-in on the port (0: any free port); its key and certificate are in {@code dir/kaggle-keystore.p12}. */
    public LocalKaggleServer(Path dir, String user, String key, int port) throws IOException, GeneralSecurityException,
            InterruptedException {
        this.user = user;
        this.key = key;
        Path keystore = TestCertificates.keystore(dir.resolve("kaggle-keystore.p12"));
        this.keystore = keystore;
        server = HttpsServer.create(new InetSocketAddress("127.0.0.1", port), 0);
        server.setHttpsConfigurator(new HttpsConfigurator(TestCertificates.serverContext(keystore)));
        server.createContext("/", this::handle);
        server.start();
        clientContext = TestCertificates.clientContext(keystore);
    }

    /** The API base URL. */
    public String url() {
        return "https://127.0.0.1:" + server.getAddress().getPort();
    }

    /** The PKCS12 file with the server's certificate (password {@link TestCertificates#PASSWORD}), to trust it. */
    public Path keystore() {
        return keystore;
    }

    /** A TLS context that trusts this server. */
    public SSLContext clientContext() {
        return clientContext;
    }

    /** Whether the rate-limited dataset was refused at least once before it was served. */
    public int busyCalls() {
        return busyCalls.get();
    }

    public void competition(String id, byte[] zip) {
        competitions.put(id, zip);
    }

    /** A dataset; {@code version} null is the latest. */
    public void dataset(String ref, Integer version, byte[] zip) {
        datasets.put(version == null ? ref : ref + "@" + version, zip);
    }

    public void kernel(String ref, Map<String, byte[]> outputFiles) {
        kernels.put(ref, outputFiles);
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getQuery() == null ? "" : exchange.getRequestURI().getQuery();
            String host = exchange.getRequestHeaders().getFirst("Host");
            if (path.startsWith("/storage/")) {
                storage(exchange, path.substring("/storage/".length()), host);
                return;
            }
            if (!authorized(exchange)) {
                send(exchange, 401, "application/json", "{\"code\":401,\"message\":\"Unauthenticated\"}".getBytes());
                return;
            }
            if (path.startsWith("/api/v1/competitions/data/download-all/")) {
                String id = path.substring("/api/v1/competitions/data/download-all/".length());
                if (id.equals("private-comp")) {
                    send(exchange, 403, "application/json", "{\"code\":403,\"message\":\"rules not accepted\"}".getBytes());
                } else if (competitions.containsKey(id)) {
                    redirect(exchange, "https://localhost:" + server.getAddress().getPort() + "/storage/competitions/" + id);
                } else {
                    send(exchange, 404, "application/json", "{\"code\":404}".getBytes());
                }
            } else if (path.startsWith("/api/v1/datasets/download/")) {
                String ref = path.substring("/api/v1/datasets/download/".length());
                if (ref.equals("busy/data") && busyCalls.getAndIncrement() == 0) {
                    exchange.getResponseHeaders().add("Retry-After", "1");
                    send(exchange, 429, "application/json", "{\"code\":429}".getBytes());
                    return;
                }
                String version = query.startsWith("datasetVersionNumber=") ? "@" + query.substring(21) : "";
                byte[] zip = datasets.get(ref + version);
                if (zip == null) {
                    send(exchange, 404, "application/json", "{\"code\":404}".getBytes());
                } else {
                    send(exchange, 200, "application/zip", zip);
                }
            } else if (path.equals("/api/v1/kernels/output")) {
                String ref = param(query, "userName") + "/" + param(query, "kernelSlug");
                Map<String, byte[]> files = kernels.get(ref);
                if (files == null) {
                    send(exchange, 404, "application/json", "{\"code\":404}".getBytes());
                    return;
                }
                StringBuilder json = new StringBuilder("{\"files\":[");
                files.keySet().forEach(name -> json.append(json.charAt(json.length() - 1) == '[' ? "" : ",")
                        .append("{\"fileName\":\"").append(name).append("\",\"url\":\"https://localhost:")
                        .append(server.getAddress().getPort()).append("/storage/kernels/").append(ref).append('/')
                        .append(name).append("\"}"));
                json.append("],\"log\":\"\",\"nextPageToken\":null}");
                send(exchange, 200, "application/json", json.toString().getBytes(StandardCharsets.UTF_8));
            } else {
                send(exchange, 404, "application/json", "{\"code\":404}".getBytes());
            }
        }
    }

    /** The storage host serves signed-URL-like downloads and refuses requests that carry credentials. */
    private void storage(HttpExchange exchange, String path, String host) throws IOException {
        if (exchange.getRequestHeaders().containsKey("Authorization") || host == null || !host.startsWith("localhost")) {
            send(exchange, 400, "text/plain", "credentials must not reach the storage host".getBytes());
            return;
        }
        byte[] body = null;
        if (path.startsWith("competitions/")) {
            body = competitions.get(path.substring("competitions/".length()));
        } else if (path.startsWith("kernels/")) {
            String rest = path.substring("kernels/".length());
            int slash = rest.lastIndexOf('/');
            Map<String, byte[]> files = kernels.get(rest.substring(0, slash));
            body = files == null ? null : files.get(rest.substring(slash + 1));
        }
        if (body == null) {
            send(exchange, 404, "text/plain", new byte[0]);
        } else {
            send(exchange, 200, "application/octet-stream", body);
        }
    }

    private boolean authorized(HttpExchange exchange) {
        String header = exchange.getRequestHeaders().getFirst("Authorization");
        String expected = "Basic " + Base64.getEncoder().encodeToString((user + ":" + key).getBytes(StandardCharsets.UTF_8));
        return expected.equals(header);
    }

    private static void redirect(HttpExchange exchange, String location) throws IOException {
        exchange.getResponseHeaders().add("Location", location);
        exchange.sendResponseHeaders(302, -1);
    }

    private static void send(HttpExchange exchange, int status, String type, byte[] body) throws IOException {
        exchange.getResponseHeaders().add("Content-Type", type);
        exchange.sendResponseHeaders(status, body.length == 0 ? -1 : body.length);
        if (body.length > 0) {
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(body);
            }
        }
    }

    private static String param(String query, String name) {
        for (String pair : query.split("&")) {
            if (pair.startsWith(name + "=")) {
                return java.net.URLDecoder.decode(pair.substring(name.length() + 1), StandardCharsets.UTF_8);
            }
        }
        return "";
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
