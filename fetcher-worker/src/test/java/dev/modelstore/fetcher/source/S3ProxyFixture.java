package dev.modelstore.fetcher.source;

import dev.modelstore.stack.ManagedProcess;
import dev.modelstore.stack.ObjectStoreServer;
import java.io.IOException;
import java.net.ServerSocket;
import java.nio.file.Path;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;

/** A real S3Proxy process for the S3-based source suites (started once per suite). */
public final class S3ProxyFixture implements AutoCloseable {

    public static final String ACCESS_KEY = "source-test";
    public static final String SECRET_KEY = "source-test-secret-key";
    public static final String BUCKET = "conformance";

    private final ManagedProcess process;
    private final S3Client client;
    private final String endpoint;

    public S3ProxyFixture(String name) throws IOException {
        int port;
        try (ServerSocket socket = new ServerSocket(0)) {
            port = socket.getLocalPort();
        }
        Path module = Path.of("").toAbsolutePath();
        endpoint = "http://127.0.0.1:" + port;
        process = ObjectStoreServer.startStandalone(module.getParent(), module.resolve("target/" + name + "-s3proxy"), port,
                ACCESS_KEY, SECRET_KEY, BUCKET);
        client = ObjectStoreServer.client(endpoint, ACCESS_KEY, SECRET_KEY);
    }

    /** The S3 endpoint. */
    public String endpoint() {
        return endpoint;
    }

    /** Stores an object in the bucket. */
    public void put(String key, byte[] content) {
        client.putObject(b -> b.bucket(BUCKET).key(key), RequestBody.fromBytes(content));
    }

    @Override
    public void close() {
        client.close();
        process.close();
    }
}
