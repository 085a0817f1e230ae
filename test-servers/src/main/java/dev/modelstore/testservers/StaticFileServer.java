package dev.modelstore.testservers;

import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * A plain static file server on loopback, as a web server in front of a bare repository serves git's
 * "dumb" HTTP protocol (after {@code git update-server-info}): files under a folder by path, 404
 * otherwise, nothing git-aware. Paths under a prefix made by {@link #redirectTo} answer 302 to the
 * same rest of the path (and query) under another base URL, as a moved repository does.
 */
public final class StaticFileServer implements AutoCloseable {

    private final HttpServer server;
    private final ExecutorService executor = Executors.newFixedThreadPool(4);
    private final Path root;
    private final String scheme;
    private final java.util.Map<String, String> moved = new java.util.concurrent.ConcurrentHashMap<>();

    public StaticFileServer(Path root) throws IOException {
        this(root, null);
    }

    /** Over https with the TLS context's certificate when {@code tls} is given. */
    public StaticFileServer(Path root, javax.net.ssl.SSLContext tls) throws IOException {
        this.root = root.toAbsolutePath().normalize();
        this.scheme = tls == null ? "http" : "https";
        server = LoopbackHttp.create(tls);
        server.setExecutor(executor);
        server.createContext("/", this::handle);
        server.start();
    }

    /** The URL of a path under the root. */
    public String url(String path) {
        return scheme + "://127.0.0.1:" + server.getAddress().getPort() + "/" + path;
    }

    /** A base URL on this server under which every request is redirected to the same path under {@code targetBase}. */
    public String redirectTo(String targetBase) {
        String prefix = "/moved-" + moved.size();
        moved.put(prefix, targetBase);
        return url(prefix.substring(1));
    }

    private void handle(HttpExchange exchange) throws IOException {
        try (exchange) {
            String path = exchange.getRequestURI().getPath();
            String query = exchange.getRequestURI().getRawQuery();
            for (var redirect : moved.entrySet()) {
                if (path.startsWith(redirect.getKey() + "/")) {
                    exchange.getResponseHeaders().add("Location", redirect.getValue()
                            + path.substring(redirect.getKey().length()) + (query == null ? "" : "?" + query));
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
            }
            Path file = root.resolve(path.substring(1)).normalize();
            if (!file.startsWith(root) || !Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS)) {
                exchange.sendResponseHeaders(404, -1);
                return;
            }
            exchange.getResponseHeaders().add("Content-Type", "application/octet-stream");
            exchange.sendResponseHeaders(200, Files.size(file));
            try (InputStream in = Files.newInputStream(file); OutputStream out = exchange.getResponseBody()) {
                in.transferTo(out);
            }
        }
    }

    @Override
    public void close() {
        server.stop(0);
        executor.shutdownNow();
    }
}
