package dev.modelstore.fetcher.source.web;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.HttpServer;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.util.Map;
import java.util.UUID;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The web source against a real HTTP server on loopback. */
class WebSourceTest {

    private static final UUID MODEL = UUID.randomUUID();
    private static final byte[] CONTENT = "model weights".getBytes();

    private HttpServer server;
    private InMemoryObjectSink sink;

    @BeforeEach
    void startServer() throws IOException {
        server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        server.createContext("/", exchange -> {
            try (exchange) {
                switch (exchange.getRequestURI().getPath()) {
                    case "/weights.bin" -> {
                        exchange.sendResponseHeaders(200, CONTENT.length);
                        try (OutputStream out = exchange.getResponseBody()) {
                            out.write(CONTENT);
                        }
                    }
                    case "/to-metadata" -> {
                        exchange.getResponseHeaders().add("Location", "http://169.254.169.254/latest/");
                        exchange.sendResponseHeaders(301, -1);
                    }
                    case "/to-weights" -> {
                        exchange.getResponseHeaders().add("Location", "/weights.bin");
                        exchange.sendResponseHeaders(302, -1);
                    }
                    case "/private" -> exchange.sendResponseHeaders(403, -1);
                    default -> exchange.sendResponseHeaders(404, -1);
                }
            }
        });
        server.start();
        sink = new InMemoryObjectSink();
    }

    @AfterEach
    void stopServer() {
        server.stop(0);
    }

    @Test
    void downloadsAFileNamedAfterTheUrlTheUserGave() throws IOException {
        fetch(true, "/weights.bin");
        assertArrayEquals(CONTENT, sink.objects().get("models/" + MODEL + "/files/weights.bin"));
        assertEquals(1, sink.objects().size());
    }

    @Test
    void followsRedirectsKeepingTheRequestedName() throws IOException {
        fetch(true, "/to-weights");
        assertArrayEquals(CONTENT, sink.objects().get("models/" + MODEL + "/files/to-weights"));
        assertEquals(1, sink.objects().size());
    }

    @Test
    void loopbackIsRefusedUnlessAllowedEvenAsALiteralAddress() {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(false, "/weights.bin"));
        assertTrue(failure.reason().contains("loopback"), failure.reason());
        assertTrue(sink.objects().isEmpty());
    }

    @Test
    void aRedirectToCloudMetadataIsRefused() {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(true, "/to-metadata"));
        assertTrue(failure.reason().contains("cloud-metadata"), failure.reason());
    }

    @Test
    void httpErrorsSayWhatTheServerAnswered() {
        assertTrue(assertThrows(IngestFailure.class, () -> fetch(true, "/missing.tar.gz")).reason().contains("404"));
        assertTrue(assertThrows(IngestFailure.class, () -> fetch(true, "/private")).reason().contains("not public"));
    }

    @Test
    void anUnreachableHostSaysSo() throws IOException {
        int closedPort;
        try (ServerSocket socket = new ServerSocket(0)) {
            closedPort = socket.getLocalPort();
        }
        IngestFailure failure = assertThrows(IngestFailure.class,
                () -> new WebSource(config(true), new NetworkGuard(config(true))).fetch(new SourceRequest(MODEL, "http://127.0.0.1:" + closedPort + "/x", Map.of()),
                        writer()));
        assertTrue(failure.reason().contains("could not connect to 127.0.0.1:" + closedPort), failure.reason());
    }

    @Test
    void queryStringsNeverAppearInReasons() {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(true, "/missing?X-Amz-Signature=secret"));
        assertTrue(!failure.reason().contains("secret"), failure.reason());
    }

    @Test
    void overHttpsTheCertificateIsCheckedAgainstTheTrustStore() throws Exception {
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("https-files");
        java.nio.file.Files.write(dir.resolve("weights.bin"), CONTENT);
        java.nio.file.Path keystore = dev.modelstore.testservers.TestCertificates.keystore(dir.resolveSibling(
                dir.getFileName() + ".p12"));
        try (dev.modelstore.testservers.StaticFileServer https = new dev.modelstore.testservers.StaticFileServer(dir,
                dev.modelstore.testservers.TestCertificates.serverContext(keystore))) {
            String url = https.url("weights.bin");
            IngestFailure untrusted = assertThrows(IngestFailure.class, () -> new WebSource(config(true),
                    new NetworkGuard(config(true))).fetch(new SourceRequest(MODEL, url, Map.of()), writer()));
            assertTrue(untrusted.reason().contains("certificate"), untrusted.reason());
            ObjectStoreModelWriter writer = writer();
            new WebSource(config(true), new NetworkGuard(config(true)),
                    dev.modelstore.testservers.TestCertificates.clientContext(keystore))
                    .fetch(new SourceRequest(MODEL, url, Map.of()), writer);
            assertEquals(CONTENT.length, writer.manifest("test").sizeBytes());
        }
    }

    private void fetch(boolean allowLoopback, String path) throws IOException {
        String url = "http://127.0.0.1:" + server.getAddress().getPort() + path;
        new WebSource(config(allowLoopback), new NetworkGuard(config(allowLoopback))).fetch(new SourceRequest(MODEL, url, Map.of()), writer());
    }

    private ObjectStoreModelWriter writer() {
        return new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), 1_000_000, (b, f) -> { }, () -> false);
    }

    static FetcherConfig config(boolean allowLoopback) {
        return TestFetcherConfig.loopback(allowLoopback);
    }
}
