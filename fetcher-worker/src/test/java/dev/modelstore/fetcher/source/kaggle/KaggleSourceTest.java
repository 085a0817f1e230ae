package dev.modelstore.fetcher.source.kaggle;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.testservers.LocalKaggleServer;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * The kaggle source's real client code against a local HTTPS stand-in for the Kaggle API v1 (no
 * Kaggle from these machines): zips, a redirect to a storage host that refuses credentials,
 * 401/403/404 and a 429 rate limit.
 */
class KaggleSourceTest {

    private static final UUID MODEL = UUID.randomUUID();
    private static final SourceCredential GOOD = new SourceCredential("kaggle", "alice", "kaggle-key-123", null);
    private static LocalKaggleServer kaggle;
    private static KaggleSource source;

    @BeforeAll
    static void start() throws Exception {
        kaggle = new LocalKaggleServer(Files.createTempDirectory("kaggle"), "alice", "kaggle-key-123");
        kaggle.competition("titanic", zip(Map.of("train.csv", "a,b\n1,2\n", "test.csv", "a\n3\n")));
        kaggle.dataset("alice/bert-weights", null, zip(Map.of("weights/model.bin", "v2 weights")));
        kaggle.dataset("alice/bert-weights", 1, zip(Map.of("weights/model.bin", "v1 weights")));
        kaggle.dataset("busy/data", null, zip(Map.of("data.txt", "finally")));
        kaggle.kernel("alice/train-bert", Map.of("model.pt", "trained".getBytes(StandardCharsets.UTF_8),
                "metrics.json", "{}".getBytes(StandardCharsets.UTF_8)));
        TestFetcherConfig config = TestFetcherConfig.loopback(true);
        source = new KaggleSource(new NetworkGuard(config), config, kaggle.url(), kaggle.clientContext());
    }

    @AfterAll
    static void stop() {
        kaggle.close();
    }

    @Test
    void aCompetitionIsDownloadedThroughTheStorageRedirectWithoutCredentialsAndExtracted() throws Exception {
        assertEquals(Map.of("train.csv", "a,b\n1,2\n", "test.csv", "a\n3\n"), fetch("titanic", "competition", null, GOOD));
    }

    @Test
    void aDatasetAtItsLatestOrAGivenVersion() throws Exception {
        assertEquals(Map.of("weights/model.bin", "v2 weights"), fetch("alice/bert-weights", "dataset", null, GOOD));
        assertEquals(Map.of("weights/model.bin", "v1 weights"), fetch("alice/bert-weights", "dataset", "1", GOOD));
    }

    @Test
    void aKernelsOutputFiles() throws Exception {
        assertEquals(Map.of("model.pt", "trained", "metrics.json", "{}"), fetch("alice/train-bert", "kernel", null, GOOD));
    }

    @Test
    void aRateLimitIsWaitedOut() throws Exception {
        assertEquals(Map.of("data.txt", "finally"), fetch("busy/data", "dataset", null, GOOD));
        assertTrue(kaggle.busyCalls() >= 2);
    }

    @Test
    void wrongCredentialsUnacceptedRulesAndMissingNamesSayWhatToDo() {
        SourceCredential wrong = new SourceCredential("kaggle", "alice", "not-the-key-999", null);
        IngestFailure denied = assertThrows(IngestFailure.class, () -> fetch("titanic", "competition", null, wrong));
        assertTrue(denied.reason().contains("401") && denied.reason().contains("'kaggle' credential"), denied.reason());
        assertFalse(denied.reason().contains("not-the-key-999"));
        IngestFailure rules = assertThrows(IngestFailure.class, () -> fetch("private-comp", "competition", null, GOOD));
        assertTrue(rules.reason().contains("accept the competition's rules"), rules.reason());
        IngestFailure missing = assertThrows(IngestFailure.class, () -> fetch("alice/nothing", "dataset", null, GOOD));
        assertTrue(missing.reason().contains("404"), missing.reason());
        IngestFailure none = assertThrows(IngestFailure.class, () -> fetch("titanic", "competition", null, null));
        assertTrue(none.reason().contains("'kaggle' credential"), none.reason());
    }

    private static Map<String, String> fetch(String name, String type, String version, SourceCredential credential)
            throws IOException {
        InMemoryObjectSink sink = new InMemoryObjectSink();
        Map<String, String> options = new TreeMap<>(Map.of("type", type));
        if (version != null) {
            options.put("version", version);
        }
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), 1_000_000, (b, f) -> { },
                () -> false);
        source.fetch(new SourceRequest(MODEL, name, options, Optional.ofNullable(credential)), writer);
        Map<String, String> files = new TreeMap<>();
        String prefix = "models/" + MODEL + "/files/";
        sink.objects().forEach((k, v) -> files.put(k.substring(prefix.length()), new String(v, StandardCharsets.UTF_8)));
        return files;
    }

    private static byte[] zip(Map<String, String> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, String> file : new TreeMap<>(files).entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
                zip.write(file.getValue().getBytes(StandardCharsets.UTF_8));
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
