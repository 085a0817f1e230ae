package dev.modelstore.fetcher.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.support.objectstore.ModelManifest;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The conformance suite every source passes, each against a real server on loopback: one file,
 * an archive, a folder prefix (path-boundary safe), an empty prefix, a missing object and
 * container, access denied, hostile key names, and the size limit. A subclass says how to put
 * objects into its server and how its URIs look.
 */
public abstract class ModelSourceContractTest {

    private static final UUID MODEL = UUID.fromString("00000000-0000-4000-8000-00000000c0de");
    private static final String FILES = "models/" + MODEL + "/files/";

    private InMemoryObjectSink sink;
    private String run;

    /** The source under test, configured for this suite's server. */
    protected abstract ModelSource source();

    /** Stores an object in the server under {@code key} (a path with {@code /}). */
    protected abstract void put(String key, byte[] content) throws Exception;

    /** The request for a key, or for a folder when the key ends with {@code /}. */
    protected abstract SourceRequest request(String key, Optional<SourceCredential> credential);

    /** A credential the server accepts; empty when the server needs none. */
    protected abstract Optional<SourceCredential> goodCredential();

    /** A credential the server refuses; empty when the source type has no credentials. */
    protected abstract Optional<SourceCredential> badCredential();

    /** A request for an object in a container (bucket, datastore, server, …) that does not exist. */
    protected abstract SourceRequest missingContainer();

    /** What the reason says when the container does not exist. */
    protected String missingContainerReason() {
        return "does not exist";
    }

    /**
     * A key that would leave the model if it were written as a path. The default, with backslashes,
     * is one every server here can hold; {@code ..} segments are covered by ObjectKeysTest.
     */
    protected String hostileKey() {
        return "a\\..\\..\\escape.txt";
    }

    @BeforeEach
    void freshRun() {
        sink = new InMemoryObjectSink();
        run = "run-" + UUID.randomUUID().toString().substring(0, 8) + "/";
    }

    @Test
    void oneFileIsStoredUnderItsNameWithItsVersion() throws Exception {
        byte[] weights = random(200_000, 1);
        put(run + "single/weights.bin", weights);
        ModelManifest manifest = fetch(run + "single/weights.bin", 10_000_000);
        assertEquals(Map.of("weights.bin", sha256(weights)), stored());
        assertNotNull(manifest.files().get(0).sha256());
    }

    @Test
    void anArchiveIsExtracted() throws Exception {
        put(run + "archive/model.tar.gz", tarGz(Map.of("config.json", "{}".getBytes(), "sub/w.bin", random(5000, 2))));
        fetch(run + "archive/model.tar.gz", 10_000_000);
        assertEquals(Map.of("config.json", sha256("{}".getBytes()), "sub/w.bin", sha256(random(5000, 2))), stored());
    }

    @Test
    void aFolderCopiesEverythingUnderItAndNothingBeside() throws Exception {
        put(run + "m1/config.json", "{}".getBytes());
        put(run + "m1/weights/part-1.bin", random(70_000, 3));
        put(run + "m1/weights/part-2.bin", new byte[0]);
        put(run + "m1/ünïcode/名前.txt", utf8("名前"));
        put(run + "m1-old/stale.bin", random(10, 4));
        ModelManifest manifest = fetch(run + "m1/", 10_000_000);
        assertEquals(Map.of("config.json", sha256("{}".getBytes()), "weights/part-1.bin", sha256(random(70_000, 3)),
                "weights/part-2.bin", sha256(new byte[0]), "ünïcode/名前.txt", sha256(utf8("名前"))), stored());
        assertTrue(manifest.files().stream().allMatch(f -> f.version() != null && !f.version().isBlank()),
                manifest.files().toString());
    }

    @Test
    void anEmptyFolderFailsWithAReason() throws Exception {
        put(run + "other/file.txt", "x".getBytes());
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(run + "nothing-here/", 1000));
        assertTrue(failure.reason().contains("holds no files"), failure.reason());
    }

    @Test
    void aMissingObjectFailsWithAReason() {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(run + "missing/weights.bin", 1000));
        assertTrue(failure.reason().contains("does not exist"), failure.reason());
    }

    @Test
    void aMissingContainerFailsWithAReason() {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(missingContainer(), 1000));
        assertTrue(failure.reason().contains(missingContainerReason()), failure.reason());
    }

    @Test
    void aRefusedCredentialIsAccessDeniedAndNamesTheCredentialButNotItsSecret() throws Exception {
        Optional<SourceCredential> bad = badCredential();
        assumeTrue(bad.isPresent(), "this source type has no credentials");
        put(run + "secret/weights.bin", random(100, 5));
        IngestFailure failure = assertThrows(IngestFailure.class,
                () -> fetch(request(run + "secret/weights.bin", bad), 1000));
        assertTrue(failure.reason().toLowerCase().contains("access denied"), failure.reason());
        assertTrue(failure.reason().contains("'" + bad.get().type() + "' credential"), failure.reason());
        assertFalse(failure.reason().contains(bad.get().secret()), failure.reason());
    }

    @Test
    void keysThatWouldLeaveTheModelFailItAndNothingIsWrittenOutsideIt() throws Exception {
        put(run + "hostile/ok.txt", "ok".getBytes());
        put(run + "hostile/" + hostileKey(), "evil".getBytes());
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(run + "hostile/", 1000));
        assertTrue(failure.reason().contains("would not stay inside the model"), failure.reason());
        assertTrue(sink.objects().keySet().stream().allMatch(k -> k.startsWith(FILES)));
    }

    @Test
    void aModelOverTheSizeLimitFailsBeforeOrWhileCopying() throws Exception {
        put(run + "big/a.bin", random(6_000, 6));
        put(run + "big/b.bin", random(6_000, 7));
        IngestFailure folder = assertThrows(IngestFailure.class, () -> fetch(run + "big/", 10_000));
        assertTrue(folder.reason().contains("larger than the limit"), folder.reason());
        IngestFailure file = assertThrows(IngestFailure.class, () -> fetch(run + "big/a.bin", 5_000));
        assertTrue(file.reason().contains("larger than the limit"), file.reason());
    }

    private ModelManifest fetch(String key, long maxBytes) throws IOException {
        return fetch(request(key, goodCredential()), maxBytes);
    }

    private ModelManifest fetch(SourceRequest request, long maxBytes) throws IOException {
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), maxBytes, (b, f) -> { },
                () -> false);
        source().fetch(request, writer);
        return writer.manifest("test");
    }

    private Map<String, String> stored() {
        Map<String, String> files = new TreeMap<>();
        sink.objects().forEach((key, bytes) -> {
            assertTrue(key.startsWith(FILES), key);
            files.put(key.substring(FILES.length()), sha256(bytes));
        });
        return files;
    }

    protected static byte[] random(int size, long seed) {
        byte[] bytes = new byte[size];
        new Random(seed).nextBytes(bytes);
        return bytes;
    }

    private static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            for (Map.Entry<String, byte[]> file : new TreeMap<>(files).entrySet()) {
                TarArchiveEntry entry = new TarArchiveEntry(file.getKey());
                entry.setSize(file.getValue().length);
                tar.putArchiveEntry(entry);
                tar.write(file.getValue());
                tar.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Text as UTF-8 bytes. */
    protected static byte[] utf8(String text) {
        return text.getBytes(StandardCharsets.UTF_8);
    }
}
