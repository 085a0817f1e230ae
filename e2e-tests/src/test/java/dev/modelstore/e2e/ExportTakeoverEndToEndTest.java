package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.events.Topics;
import dev.modelstore.stack.StackSettings;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import org.junit.jupiter.api.Test;

/**
 * A fetcher killed ({@code kill -9}) in the middle of an export: the export is taken over by the
 * restarted fetcher and completes exactly once, with every file at the target. And a target that
 * stops taking bytes fails the export by the minimum-throughput rule instead of holding it forever. The target is the
 * stack's S3Proxy behind a throttling proxy (as a wasabi endpoint), so that the export is surely
 * under way when the fetcher dies.
 */
class ExportTakeoverEndToEndTest extends EndToEndTest {

    @Test
    void aFetcherKilledMidExportIsReplacedAndTheExportCompletesOnce() throws Exception {
        StackSettings settings = StackExtension.stack().settings();
        Map<String, byte[]> content = new HashMap<>();
        byte[] weights = new byte[12 * 1024 * 1024];
        new Random(23).nextBytes(weights);
        content.put("weights.bin", weights);
        content.put("config.json", "{\"layers\": 2}".getBytes());
        String id = api.createWebModel("exported through a crash", files.serve("/takeover/model.tar.gz",
                Archives.tarGz(content)));
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        String project = StackExtension.stack().access().projectId();
        assertEquals(200, api.put("/project/" + project + "/credentials/wasabi",
                Map.of("key_id", settings.s3AccessKey(), "secret", settings.s3SecretKey())).status());
        s3.createBucket(b -> b.bucket("takeover-e2e"));

        try (ThrottlingProxy slow = new ThrottlingProxy(settings.s3Port(), 2 * 1024 * 1024)) {
            ModelApiClient.Reply started = api.post("/model/" + id + "/export", Map.of("output_type", "wasabi",
                    "output_uri", "s3://takeover-e2e/bert/", "output_options",
                    Map.of("endpoint_url", "http://127.0.0.1:" + slow.port())));
            assertEquals(200, started.status(), String.valueOf(started.body()));
            String exportId = started.body().get("export_uuid").asText();
            awaitTrue(() -> api.get("/model/" + id + "/exports/" + exportId).body().get("status").asText().equals("running")
                    && slow.forwarded() > 2 * 1024 * 1024, "the export is under way");

            StackExtension.stack().service("fetcher-worker").kill();
            StackExtension.stack().restartService("fetcher-worker");

            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(120).toNanos();
            JsonNode export = null;
            while (System.nanoTime() < deadline) {
                export = api.get("/model/" + id + "/exports/" + exportId).body();
                if (!export.get("status").asText().equals("running") && !export.get("status").asText().equals("queued")) {
                    break;
                }
                ModelApiClient.sleep(250);
            }
            assertEquals("completed", export.get("status").asText(), String.valueOf(export));
        }
        Map<String, byte[]> written = new HashMap<>();
        for (String name : content.keySet()) {
            written.put(name, s3.getObjectAsBytes(b -> b.bucket("takeover-e2e").key("bert/" + name)).asByteArray());
        }
        assertSameFiles(content, written);
        List<JsonNode> events = topics.events(Topics.MODEL_EXPORTS, id);
        assertEquals(1, events.stream().filter(e -> e.get("type").asText().equals("ModelExportCompleted")).count());
        assertEquals(0, events.stream().filter(e -> e.get("type").asText().equals("ModelExportFailed")).count());
        assertEquals("ready", api.get("/model/" + id).body().get("status").asText());
    }

    @Test
    void aTargetThatStopsTakingBytesFailsTheExportWithAReason() throws Exception {
        StackSettings settings = StackExtension.stack().settings();
        byte[] weights = new byte[24 * 1024 * 1024];
        new Random(29).nextBytes(weights);
        String id = api.createWebModel("exported into a black hole", files.serve("/takeover/hole.tar.gz",
                Archives.tarGz(Map.of("weights.bin", weights))));
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        String project = StackExtension.stack().access().projectId();
        assertEquals(200, api.put("/project/" + project + "/credentials/wasabi",
                Map.of("key_id", settings.s3AccessKey(), "secret", settings.s3SecretKey())).status());
        s3.createBucket(b -> b.bucket("blackhole-e2e"));
        // The proxy forwards the first 2 MiB of each connection, then stops reading: writes block.
        try (ThrottlingProxy hole = new ThrottlingProxy(settings.s3Port(), 64 * 1024 * 1024, 2 * 1024 * 1024)) {
            ModelApiClient.Reply started = api.post("/model/" + id + "/export", Map.of("output_type", "wasabi",
                    "output_uri", "s3://blackhole-e2e/x/", "output_options",
                    Map.of("endpoint_url", "http://127.0.0.1:" + hole.port())));
            assertEquals(200, started.status(), String.valueOf(started.body()));
            String exportId = started.body().get("export_uuid").asText();
            long deadline = System.nanoTime() + java.time.Duration.ofSeconds(90).toNanos();
            JsonNode export = null;
            while (System.nanoTime() < deadline) {
                export = api.get("/model/" + id + "/exports/" + exportId).body();
                if (export.get("status").asText().equals("failed") || export.get("status").asText().equals("completed")) {
                    break;
                }
                ModelApiClient.sleep(250);
            }
            assertEquals("failed", export.get("status").asText(), String.valueOf(export));
            assertTrue(export.get("reason").asText().contains("min-throughput"), String.valueOf(export));
        }
        api.awaitStatus(id, java.util.Set.of("ready"), WAIT);
    }

    /** Forwards loopback connections to a port, each direction at most {@code bytesPerSecond}. */
    static final class ThrottlingProxy implements AutoCloseable {
        private final ServerSocket server;
        private final int target;
        private final int bytesPerSecond;
        private final long stallAfter;
        private final java.util.concurrent.atomic.AtomicLong forwarded = new java.util.concurrent.atomic.AtomicLong();

        ThrottlingProxy(int target, int bytesPerSecond) throws IOException {
            this(target, bytesPerSecond, Long.MAX_VALUE);
        }

        /** A proxy that stops reading a connection's requests after {@code stallAfter} bytes. */
        ThrottlingProxy(int target, int bytesPerSecond, long stallAfter) throws IOException {
            this.server = new ServerSocket(0, 50, InetAddress.getLoopbackAddress());
            this.target = target;
            this.bytesPerSecond = bytesPerSecond;
            this.stallAfter = stallAfter;
            Thread accept = new Thread(this::accept, "throttling-proxy");
            accept.setDaemon(true);
            accept.start();
        }

        int port() {
            return server.getLocalPort();
        }

        long forwarded() {
            return forwarded.get();
        }

        private void accept() {
            while (!server.isClosed()) {
                try {
                    Socket client = server.accept();
                    Socket upstream = new Socket(InetAddress.getLoopbackAddress(), target);
                    pump(client, upstream, true);
                    pump(upstream, client, false);
                } catch (IOException e) {
                    return;
                }
            }
        }

        private void pump(Socket from, Socket to, boolean count) {
            Thread thread = new Thread(() -> {
                byte[] buffer = new byte[16 * 1024];
                long mine = 0;
                try (InputStream in = from.getInputStream(); OutputStream out = to.getOutputStream()) {
                    int read;
                    while ((read = in.read(buffer)) >= 0) {
                        out.write(buffer, 0, read);
                        mine += read;
                        while (count && mine > stallAfter && !server.isClosed()) {
                            Thread.sleep(200); // a black hole: the connection stays open, nothing more is read
                        }
                        if (count) {
                            forwarded.addAndGet(read);
                            Thread.sleep(Math.max(1, 1000L * read / bytesPerSecond));
                        }
                    }
                } catch (IOException | InterruptedException e) {
                    // the connection ended
                } finally {
                    try {
                        from.close();
                        to.close();
                    } catch (IOException e) {
                        // already closed
                    }
                }
            }, "throttling-pump");
            thread.setDaemon(true);
            thread.start();
        }

        @Override
        public void close() throws IOException {
            server.close();
        }
    }
}
