package dev.modelstore.e2e;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;

/** A real HTTP server on loopback that serves files and redirects registered by the tests; anything else is 404. */
public final class FileServer implements AutoCloseable {

    private final HttpServer server;
    private final Map<String, byte[]> files = new ConcurrentHashMap<>();
    private final Map<String, String> redirects = new ConcurrentHashMap<>();
    private final Map<String, Integer> slow = new ConcurrentHashMap<>();

    public FileServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.setExecutor(Executors.newFixedThreadPool(4));
        server.createContext("/", exchange -> {
            String path = exchange.getRequestURI().getPath();
            try (exchange) {
                if (redirects.containsKey(path)) {
                    exchange.getResponseHeaders().add("Location", redirects.get(path));
                    exchange.sendResponseHeaders(302, -1);
                    return;
                }
                byte[] body = files.get(path);
                if (body == null) {
                    exchange.sendResponseHeaders(404, -1);
                    return;
                }
                exchange.sendResponseHeaders(200, body.length);
                try (OutputStream out = exchange.getResponseBody()) {
                    Integer bytesPerTenthSecond = slow.get(path);
                    if (bytesPerTenthSecond == null) {
                        out.write(body);
                    } else {
                        for (int from = 0; from < body.length; from += bytesPerTenthSecond) {
                            out.write(body, from, Math.min(bytesPerTenthSecond, body.length - from));
                            out.flush();
                            ModelApiClient.sleep(100);
                        }
                    }
                } catch (IOException clientWentAway) {
                    // the fetcher was killed or cancelled mid-download
                }
            }
        });
        server.start();
    }

    /** Serves the bytes at the path and answers the URL to fetch them from. */
    public String serve(String path, byte[] body) {
        files.put(path, body);
        return url(path);
    }

    /** Serves the bytes at the path at about {@code bytesPerSecond}, so a download stays in progress a while. */
    public String serveSlowly(String path, byte[] body, int bytesPerSecond) {
        slow.put(path, Math.max(1, bytesPerSecond / 10));
        return serve(path, body);
    }

    /** Answers requests for {@code path} with a redirect to {@code location}. */
    public String redirect(String path, String location) {
        redirects.put(path, location);
        return url(path);
    }

    /** The URL of a path on this server. */
    public String url(String path) {
        return "http://127.0.0.1:" + server.getAddress().getPort() + path;
    }

    @Override
    public void close() {
        server.stop(0);
    }
}
