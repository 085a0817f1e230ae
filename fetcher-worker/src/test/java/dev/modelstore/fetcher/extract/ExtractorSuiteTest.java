package dev.modelstore.fetcher.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.support.objectstore.ModelManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import java.util.UUID;
import java.util.function.Function;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/**
 * The one suite every archive format passes, through the real {@link Unpacker} and model writer
 * (objects kept in memory): nested folders, empty files, unicode names, corrupt input, zip slip,
 * and links that escape.
 */
class ExtractorSuiteTest {

    private static final UUID MODEL = UUID.fromString("11111111-2222-3333-4444-555555555555");
    private static final String PREFIX = "models/" + MODEL + "/files/";

    private InMemoryObjectSink sink;

    @BeforeEach
    void newSink() {
        sink = new InMemoryObjectSink();
    }

    static Map<String, byte[]> files() {
        byte[] big = new byte[300_000];
        new Random(7).nextBytes(big);
        Map<String, byte[]> files = new TreeMap<>();
        files.put("config.json", "{}".getBytes(StandardCharsets.UTF_8));
        files.put("a/b/c/deep.bin", big);
        files.put("a/empty.txt", new byte[0]);
        files.put("ünïcode/名前.txt", "名前".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    @ParameterizedTest
    @ValueSource(strings = {"tar", "tar.gz", "tgz", "tar.bz2", "zip"})
    void extractsEveryFormatWithNestedEmptyAndUnicodeEntries(String format) throws IOException {
        Map<String, byte[]> files = files();
        ModelManifest manifest = unpack("model." + format, archive(format, files), 10_000_000);
        assertSameContent(files, stored());
        assertEquals(files.size(), manifest.fileCount());
        assertEquals(files.values().stream().mapToLong(b -> b.length).sum(), manifest.sizeBytes());
        for (ModelManifest.File file : manifest.files()) {
            assertEquals(sha256(files.get(file.path())), file.sha256(), file.path());
        }
    }

    @Test
    void aCompressedSingleFileIsStoredWithoutItsCompressionSuffix() throws IOException {
        byte[] content = files().get("a/b/c/deep.bin");
        unpack("weights.bin.gz", gzip(content), 10_000_000);
        assertSameContent(Map.of("weights.bin", content), stored());
        newSink();
        unpack("weights.bin.bz2", bzip2(content), 10_000_000);
        assertSameContent(Map.of("weights.bin", content), stored());
    }

    @Test
    void aFileThatIsNoArchiveIsStoredAsItIsWhateverItsName() throws IOException {
        byte[] content = "just text, not gzip".getBytes(StandardCharsets.UTF_8);
        unpack("looks-like.tar.gz", content, 10_000_000);
        assertSameContent(Map.of("looks-like.tar.gz", content), stored());
    }

    @ParameterizedTest
    @ValueSource(strings = {"tar.gz", "tar.bz2", "zip"})
    void corruptOrTruncatedArchivesFail(String format) throws IOException {
        byte[] good = archive(format, files());
        byte[] truncated = Arrays.copyOf(good, good.length / 2);
        IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m." + format, truncated, 10_000_000));
        assertTrue(failure.reason().contains("corrupt"), failure.reason());
    }

    @Test
    void gzipMagicFollowedByGarbageFails() {
        byte[] bogus = {0x1f, (byte) 0x8b, 8, 0, 0, 0, 0, 0, 0, 3, 1, 2, 3, 4, 5, 6, 7, 8, 9};
        IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m.gz", bogus, 10_000_000));
        assertTrue(failure.reason().contains("corrupt"), failure.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil.txt", "a/../../evil.txt", "..\\evil.txt"})
    void zipSlipEntriesFailTheModel(String name) throws IOException {
        Map<String, byte[]> files = new LinkedHashMap<>();
        files.put("fine.txt", new byte[] {1});
        files.put(name, new byte[] {2});
        for (String format : new String[] {"zip", "tar.gz"}) {
            newSink();
            IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m." + format, archive(format, files), 1000));
            assertTrue(failure.reason().contains("outside the model"), failure.reason());
            assertTrue(sink.objects().keySet().stream().allMatch(k -> k.startsWith(PREFIX)));
        }
    }

    @Test
    void absoluteTarEntriesNeverLandOutsideTheModel() throws IOException {
        byte[] tar = tar(out -> {
            addFile(out, "/etc/cron.d/evil", new byte[] {1});
            return null;
        });
        try {
            unpack("m.tar", tar, 1000);
        } catch (IngestFailure refused) {
            assertTrue(refused.reason().contains("outside the model"), refused.reason());
        }
        assertTrue(sink.objects().keySet().stream().allMatch(k -> k.startsWith(PREFIX)), sink.objects().keySet().toString());
    }

    @Test
    void linksInsideTheModelAreKeptAndEscapingLinksFail() throws IOException {
        byte[] inside = tar(out -> {
            addFile(out, "weights/v1.bin", new byte[] {1, 2, 3});
            addLink(out, "weights/latest.bin", "v1.bin", TarArchiveEntry.LF_SYMLINK);
            addLink(out, "copy.bin", "weights/v1.bin", TarArchiveEntry.LF_LINK);
            return null;
        });
        ModelManifest manifest = unpack("m.tar", inside, 1000);
        assertEquals(1, manifest.links().size());
        assertEquals("weights/latest.bin", manifest.links().get(0).path());
        assertSameContent(Map.of("weights/v1.bin", new byte[] {1, 2, 3}), stored());
        ModelManifest.File copy = manifest.files().stream().filter(f -> f.path().equals("copy.bin")).findFirst().orElseThrow();
        assertEquals("weights/v1.bin", copy.storedAs(), "a hard link shares its file's object");
        assertEquals(3, copy.size());
        assertEquals(3, manifest.sizeBytes(), "a hard-linked content counts once");

        for (byte type : new byte[] {TarArchiveEntry.LF_SYMLINK, TarArchiveEntry.LF_LINK}) {
            newSink();
            byte[] escaping = tar(out -> {
                addFile(out, "ok.txt", new byte[] {1});
                addLink(out, "evil", "../../etc/passwd", type);
                return null;
            });
            assertThrows(IngestFailure.class, () -> unpack("m.tar", escaping, 1000));
        }
    }

    @Test
    void linksChainedThroughOtherLinksAreJudgedWhereTheyReallyLead() throws IOException {
        // p -> . makes p/p/p the root itself: the lexically harmless ../../../etc/passwd leaves the model.
        byte[] throughSelf = tar(out -> {
            addLink(out, "p", ".", TarArchiveEntry.LF_SYMLINK);
            addLink(out, "p/p/p/l", "../../../etc/passwd", TarArchiveEntry.LF_SYMLINK);
            return null;
        });
        IngestFailure inside = assertThrows(IngestFailure.class, () -> unpack("m.tar", throughSelf, 1000));
        assertTrue(inside.reason().contains("inside the link 'p'"), inside.reason());
        // d/q -> .. is the root; l -> d/q/../.. is lexically the root too, but really its parent.
        newSink();
        byte[] upThroughLink = tar(out -> {
            addFile(out, "d/file.txt", new byte[] {1});
            addLink(out, "d/q", "..", TarArchiveEntry.LF_SYMLINK);
            addLink(out, "l", "d/q/../..", TarArchiveEntry.LF_SYMLINK);
            return null;
        });
        IngestFailure escape = assertThrows(IngestFailure.class, () -> unpack("m.tar", upThroughLink, 1000));
        assertTrue(escape.reason().contains("'l' leads outside the model"), escape.reason());
        newSink();
        byte[] loop = tar(out -> {
            addLink(out, "a", "b", TarArchiveEntry.LF_SYMLINK);
            addLink(out, "b", "a", TarArchiveEntry.LF_SYMLINK);
            return null;
        });
        assertTrue(assertThrows(IngestFailure.class, () -> unpack("m.tar", loop, 1000)).reason().contains("loop"));
        newSink();
        byte[] fine = tar(out -> {
            addFile(out, "weights/v2/model.bin", new byte[] {7});
            addLink(out, "weights/current", "v2", TarArchiveEntry.LF_SYMLINK);
            addLink(out, "model.bin", "weights/current/model.bin", TarArchiveEntry.LF_SYMLINK);
            addLink(out, "d/up", "../weights/current/../v2", TarArchiveEntry.LF_SYMLINK);
            return null;
        });
        assertEquals(3, unpack("m.tar", fine, 1000).links().size());
    }

    @Test
    void aFileAndALinkAtTheSamePathRefuseTheArchive() throws IOException {
        for (boolean linkFirst : new boolean[] {true, false}) {
            newSink();
            byte[] both = tar(out -> {
                if (linkFirst) {
                    addLink(out, "x.bin", "y.bin", TarArchiveEntry.LF_SYMLINK);
                }
                addFile(out, "x.bin", new byte[] {1});
                addFile(out, "y.bin", new byte[] {2});
                if (!linkFirst) {
                    addLink(out, "x.bin", "y.bin", TarArchiveEntry.LF_SYMLINK);
                }
                return null;
            });
            IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m.tar", both, 1000));
            assertTrue(failure.reason().contains("both a file and a link at 'x.bin'"), failure.reason());
        }
    }

    @Test
    void repeatedHardLinksAreStoredAndCountedOnce() throws IOException {
        byte[] linked = tar(out -> {
            addFile(out, "shard.bin", new byte[300]);
            for (int i = 0; i < 3; i++) {
                addLink(out, "alias-" + i + ".bin", "shard.bin", TarArchiveEntry.LF_LINK);
            }
            addLink(out, "alias-of-alias.bin", "alias-0.bin", TarArchiveEntry.LF_LINK);
            return null;
        });
        ModelManifest manifest = unpack("m.tar", linked, 400);
        assertEquals(5, manifest.fileCount());
        assertEquals(300, manifest.sizeBytes());
        assertEquals(1, stored().size(), "one object holds the content");
        assertTrue(manifest.files().stream().filter(f -> !f.path().equals("shard.bin"))
                .allMatch(f -> "shard.bin".equals(f.storedAs())), manifest.files().toString());
        newSink();
        byte[] rewritten = tar(out -> {
            addFile(out, "a.bin", new byte[] {1});
            addLink(out, "b.bin", "a.bin", TarArchiveEntry.LF_LINK);
            addFile(out, "a.bin", new byte[] {2});
            return null;
        });
        IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m.tar", rewritten, 1000));
        assertTrue(failure.reason().contains("again after a hard link"), failure.reason());
    }

    @Test
    void fifoAndDeviceEntriesAreLeftOutAndTheModelSaysSo() throws IOException {
        byte[] special = tar(out -> {
            addFile(out, "real.txt", new byte[] {1});
            addLink(out, "pipe", "", TarArchiveEntry.LF_FIFO);
            addLink(out, "dev/null0", "", TarArchiveEntry.LF_CHR);
            addLink(out, "dev/sda0", "", TarArchiveEntry.LF_BLK);
            return null;
        });
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), 1000, (b, f) -> { }, () -> false);
        writer.singleObject("m.tar", new ByteArrayInputStream(special), special.length);
        ModelManifest manifest = writer.manifest("test");
        assertEquals(1, manifest.fileCount());
        assertSameContent(Map.of("real.txt", new byte[] {1}), stored());
        assertEquals(3, writer.notes().size(), writer.notes().toString());
        assertTrue(writer.notes().get(0).contains("'pipe'") && writer.notes().get(0).contains("FIFO"), writer.notes().toString());
        assertTrue(writer.notes().get(1).contains("device"), writer.notes().toString());
    }

    @Test
    void aHardLinkToAFileNotStoredBeforeItFails() throws IOException {
        byte[] dangling = tar(out -> {
            addLink(out, "copy.bin", "missing.bin", TarArchiveEntry.LF_LINK);
            return null;
        });
        IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m.tar", dangling, 1000));
        assertTrue(failure.reason().contains("not a file stored before it"), failure.reason());
    }

    @Test
    void aModelOverTheSizeLimitFailsWhileStreaming() throws IOException {
        byte[] archive = archive("tar.gz", files());
        IngestFailure failure = assertThrows(IngestFailure.class, () -> unpack("m.tar.gz", archive, 100_000));
        assertTrue(failure.reason().contains("larger than the limit of 100 KB"), failure.reason());
    }

    @Test
    void aRepeatedEntryIsStoredOnceWithItsLastContent() throws IOException {
        byte[] tar = tar(out -> {
            addFile(out, "same.txt", new byte[] {1, 1, 1, 1});
            addFile(out, "same.txt", new byte[] {2});
            return null;
        });
        ModelManifest manifest = unpack("m.tar", tar, 1000);
        assertEquals(1, manifest.fileCount());
        assertEquals(1, manifest.sizeBytes());
        assertSameContent(Map.of("same.txt", new byte[] {2}), stored());
    }

    private ModelManifest unpack(String name, byte[] content, long maxBytes) throws IOException {
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), maxBytes,
                (bytes, files) -> { }, () -> false);
        writer.singleObject(name, new ByteArrayInputStream(content), content.length);
        return writer.manifest("test");
    }

    private Map<String, byte[]> stored() {
        Map<String, byte[]> files = new TreeMap<>();
        sink.objects().forEach((key, bytes) -> {
            assertTrue(key.startsWith(PREFIX), key);
            files.put(key.substring(PREFIX.length()), bytes);
        });
        return files;
    }

    private static void assertSameContent(Map<String, byte[]> expected, Map<String, byte[]> actual) {
        Map<String, String> e = new TreeMap<>();
        expected.forEach((k, v) -> e.put(k, sha256(v)));
        Map<String, String> a = new TreeMap<>();
        actual.forEach((k, v) -> a.put(k, sha256(v)));
        assertEquals(e, a);
    }

    static byte[] archive(String format, Map<String, byte[]> files) throws IOException {
        return switch (format) {
            case "tar" -> tar(out -> addAll(out, files));
            case "tar.gz", "tgz" -> gzip(tar(out -> addAll(out, files)));
            case "tar.bz2" -> bzip2(tar(out -> addAll(out, files)));
            case "zip" -> zip(files);
            default -> throw new IllegalArgumentException(format);
        };
    }

    private static Void addAll(TarArchiveOutputStream out, Map<String, byte[]> files) {
        files.forEach((name, bytes) -> addFile(out, name, bytes));
        return null;
    }

    private static byte[] tar(Function<TarArchiveOutputStream, Void> entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream out = new TarArchiveOutputStream(bytes)) {
            out.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            entries.apply(out);
        }
        return bytes.toByteArray();
    }

    private static void addFile(TarArchiveOutputStream out, String name, byte[] content) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, true);
            entry.setSize(content.length);
            out.putArchiveEntry(entry);
            out.write(content);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void addLink(TarArchiveOutputStream out, String name, String target, byte type) {
        try {
            TarArchiveEntry entry = new TarArchiveEntry(name, type);
            entry.setLinkName(target);
            out.putArchiveEntry(entry);
            out.closeArchiveEntry();
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    private static byte[] gzip(byte[] content) throws IOException {
        return compress(content, GzipCompressorOutputStream::new);
    }

    private static byte[] bzip2(byte[] content) throws IOException {
        return compress(content, BZip2CompressorOutputStream::new);
    }

    private interface Compressor {
        OutputStream wrap(OutputStream out) throws IOException;
    }

    private static byte[] compress(byte[] content, Compressor compressor) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream out = compressor.wrap(bytes)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
