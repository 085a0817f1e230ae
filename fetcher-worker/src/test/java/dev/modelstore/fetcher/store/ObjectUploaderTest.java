package dev.modelstore.fetcher.store;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.fetcher.source.S3ProxyFixture;
import dev.modelstore.stack.ObjectStoreServer;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.objectstore.ObjectUploader;
import dev.modelstore.support.objectstore.StoredObject;
import java.io.ByteArrayInputStream;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Optional;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * The uploader against a real S3Proxy: parts sent in parallel from a small shared buffer pool land
 * in order with the right digest; a source that fails midway leaves no object and no buffer taken.
 */
class ObjectUploaderTest {

    private static final int PART = 5 * 1024 * 1024;
    private static S3ProxyFixture store;
    private static S3Client client;
    private static ObjectUploader uploader;

    @BeforeAll
    static void start() throws IOException {
        store = new S3ProxyFixture("uploader");
        client = ObjectStoreServer.client(store.endpoint(), S3ProxyFixture.ACCESS_KEY, S3ProxyFixture.SECRET_KEY);
        uploader = new ObjectUploader(config(), PART, PART, 3, 4);
    }

    @AfterAll
    static void stop() {
        uploader.close();
        client.close();
        store.close();
    }

    @Test
    void aLargeStreamGoesInParallelPartsInOrderWithItsDigest() throws Exception {
        byte[] content = random(4 * PART + 12345, 1);
        StoredObject stored = uploader.put("parts/big.bin", new ByteArrayInputStream(content), -1);
        assertEquals(content.length, stored.size());
        assertEquals(sha256(content), stored.sha256());
        assertArrayEquals(content, client.getObjectAsBytes(b -> b.bucket(S3ProxyFixture.BUCKET).key("parts/big.bin"))
                .asByteArray());

        byte[] known = random(3 * PART, 2);
        assertEquals(sha256(known), uploader.put("parts/known.bin", new ByteArrayInputStream(known), known.length).sha256());
        assertArrayEquals(known, client.getObjectAsBytes(b -> b.bucket(S3ProxyFixture.BUCKET).key("parts/known.bin"))
                .asByteArray());
    }

    @Test
    void aSourceFailingMidwayLeavesNoObjectAndEveryBufferFree() throws Exception {
        byte[] content = random(6 * PART, 3);
        InputStream failing = new FilterInputStream(new ByteArrayInputStream(content)) {
            long read;

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                if (read > 3L * PART) {
                    throw new IOException("connection reset by the source");
                }
                int n = super.read(b, off, len);
                read += Math.max(n, 0);
                return n;
            }
        };
        IOException error = assertThrows(IOException.class, () -> uploader.put("parts/failed.bin", failing, -1));
        assertTrue(error.getMessage().contains("reset"));
        assertTrue(client.listObjectsV2(b -> b.bucket(S3ProxyFixture.BUCKET).prefix("parts/failed")).contents().isEmpty());
        // Every buffer came back: more uploads than buffers still go through.
        for (int i = 0; i < 3; i++) {
            byte[] again = random(2 * PART + 1, 10 + i);
            assertEquals(sha256(again), uploader.put("parts/again-" + i, new ByteArrayInputStream(again), -1).sha256());
        }
    }

    @Test
    void smallFilesAreReadIntoBuffersAndStoredInTheBackgroundByTheWriter() throws Exception {
        java.util.UUID model = java.util.UUID.randomUUID();
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(model, uploader, new dev.modelstore.fetcher.extract.Unpacker(),
                1L << 30, (b, f) -> { }, () -> false);
        java.util.Map<String, byte[]> files = new java.util.TreeMap<>();
        for (int i = 0; i < 20; i++) {
            byte[] content = random(1000 + i * 7919, 100 + i);
            files.put("dir/file-" + i + ".bin", content);
            writer.file("dir/file-" + i + ".bin", new ByteArrayInputStream(content), content.length);
        }
        writer.file("dir/file-3.bin", new ByteArrayInputStream(files.get("dir/file-4.bin")), files.get("dir/file-4.bin").length);
        files.put("dir/file-3.bin", files.get("dir/file-4.bin"));
        var manifest = writer.manifest("test");
        assertEquals(20, manifest.fileCount());
        for (var file : manifest.files()) {
            byte[] stored = client.getObjectAsBytes(b -> b.bucket(S3ProxyFixture.BUCKET)
                    .key("models/" + model + "/files/" + file.path())).asByteArray();
            assertArrayEquals(files.get(file.path()), stored, file.path());
            assertEquals(sha256(stored), file.sha256());
        }

        byte[] shorter = random(500, 9);
        IOException shortStream = assertThrows(IOException.class,
                () -> uploader.putAsync("parts/short.bin", new ByteArrayInputStream(shorter), 600));
        assertTrue(shortStream.getMessage().contains("600 bytes"), shortStream.getMessage());
    }

    @Test
    void aFailedBackgroundUploadFailsTheManifestOnlyAfterEveryUploadEnded() throws Exception {
        ObjectStoreConfig missingBucket = new StoreConfig(store.endpoint(), "no-such-bucket");
        try (ObjectUploader broken = new ObjectUploader(missingBucket, PART, PART, 2, 3)) {
            ObjectStoreModelWriter writer = new ObjectStoreModelWriter(java.util.UUID.randomUUID(), broken,
                    new dev.modelstore.fetcher.extract.Unpacker(), 1L << 30, (b, f) -> { }, () -> false);
            writer.file("a.bin", new ByteArrayInputStream(random(100, 1)), 100);
            writer.settle();
            dev.modelstore.fetcher.IngestFailure failure = assertThrows(dev.modelstore.fetcher.IngestFailure.class,
                    () -> writer.manifest("test"));
            assertTrue(failure.getMessage().contains("could not save"), failure.getMessage());
            assertThrows(dev.modelstore.fetcher.IngestFailure.class,
                    () -> writer.file("b.bin", new ByteArrayInputStream(random(100, 2)), 100), "no more files after a failure");
        }
    }

    /** The test store's settings, for a bucket. */
    private record StoreConfig(String url, String bucket) implements ObjectStoreConfig {
        @Override
        public Optional<URI> endpoint() {
            return Optional.of(URI.create(url));
        }

        @Override
        public String region() {
            return "us-east-1";
        }

        @Override
        public Optional<String> accessKey() {
            return Optional.of(S3ProxyFixture.ACCESS_KEY);
        }

        @Override
        public Optional<String> secretKey() {
            return Optional.of(S3ProxyFixture.SECRET_KEY);
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
            return 16;
        }
    }

    private static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static String sha256(byte[] bytes) throws Exception {
        return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    }

    private static ObjectStoreConfig config() {
        return new StoreConfig(store.endpoint(), S3ProxyFixture.BUCKET);
    }
}
