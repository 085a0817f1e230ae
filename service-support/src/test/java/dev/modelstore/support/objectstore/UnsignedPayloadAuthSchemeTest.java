package dev.modelstore.support.objectstore;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.sun.net.httpserver.Headers;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** What a PUT to a plain-http store carries: a signed request with an unsigned, unchunked body. */
class UnsignedPayloadAuthSchemeTest {

    private HttpServer store;
    private final AtomicReference<Headers> headers = new AtomicReference<>();
    private final AtomicReference<byte[]> body = new AtomicReference<>();

    @BeforeEach
    void start() throws Exception {
        store = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 8);
        store.createContext("/", exchange -> {
            headers.set(exchange.getRequestHeaders());
            body.set(exchange.getRequestBody().readAllBytes());
            exchange.getResponseHeaders().add("ETag", "\"0123456789abcdef0123456789abcdef\"");
            exchange.sendResponseHeaders(200, -1);
            exchange.close();
        });
        store.start();
    }

    @AfterEach
    void stop() {
        store.stop(0);
    }

    @Test
    void aPutOverHttpIsSignedWithAnUnsignedUnchunkedBody() {
        byte[] content = "model weights".repeat(1000).getBytes(StandardCharsets.UTF_8);
        try (S3Client s3 = S3ClientProducer.build(config(URI.create("http://127.0.0.1:" + store.getAddress().getPort())), true)) {
            s3.putObject(b -> b.bucket("models").key("m/1/weights.bin"), RequestBody.fromBytes(content));
        }
        Headers sent = headers.get();
        assertEquals("UNSIGNED-PAYLOAD", sent.getFirst("x-amz-content-sha256"));
        assertTrue(sent.getFirst("Authorization").startsWith("AWS4-HMAC-SHA256 Credential=key/"), sent.getFirst("Authorization"));
        assertTrue(sent.getFirst("Authorization").contains("SignedHeaders="), "headers stay signed");
        assertNull(sent.getFirst("Content-Encoding"), "no aws-chunked encoding");
        assertNull(sent.getFirst("x-amz-decoded-content-length"));
        assertEquals(Integer.toString(content.length), sent.getFirst("Content-Length"));
        assertArrayEquals(content, body.get());
    }

    private static ObjectStoreConfig config(URI endpoint) {
        return new ObjectStoreConfig() {
            @Override
            public Optional<URI> endpoint() {
                return Optional.of(endpoint);
            }

            @Override
            public String region() {
                return "us-east-1";
            }

            @Override
            public Optional<String> accessKey() {
                return Optional.of("key");
            }

            @Override
            public Optional<String> secretKey() {
                return Optional.of("secret");
            }

            @Override
            public String bucket() {
                return "models";
            }

            @Override
            public boolean pathStyle() {
                return true;
            }

            @Override
            public boolean createBucket() {
                return false;
            }

            @Override
            public boolean expectContinue() {
                return false;
            }

            @Override
            public int maxConnections() {
                return 4;
            }
        };
    }
}
