package dev.modelstore.support.archive;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelstore.support.objectstore.ModelManifest;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.junit.jupiter.api.Test;

class ModelArchiveTest {

    private static final Map<String, byte[]> BYTES = new HashMap<>();

    private static ModelManifest.File file(String path, String content) throws Exception {
        byte[] bytes = content.getBytes(StandardCharsets.UTF_8);
        BYTES.put(path, bytes);
        return new ModelManifest.File(path, bytes.length,
                HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes)), null);
    }

    private static ModelManifest manifest() throws Exception {
        return new ModelManifest(UUID.randomUUID(), "web", null, Instant.parse("2026-12-01T00:00:00Z"), 0, 3,
                List.of(file("config.json", "{}"), file("sub/a.txt", "a"), file("other/b.txt", "bb")),
                List.of(new ModelManifest.Link("sub/latest", "a.txt"), new ModelManifest.Link("sub/up", "../other/b.txt"),
                        new ModelManifest.Link("sub/dir", "../other")));
    }

    @Test
    void aFoldersLinksLeadWhereTheyLedOrBecomeCopiesOfTheirFiles() throws Exception {
        ModelArchive.Selection whole = ModelArchive.select(manifest(), "");
        assertEquals(6, whole.entries().size());
        ModelArchive.Selection sub = ModelArchive.select(manifest(), "sub/");
        Map<String, ModelArchive.Entry> byName = new HashMap<>();
        sub.entries().forEach(e -> byName.put(e.name(), e));
        assertEquals(Map.of("a.txt", true, "latest", true, "up", true), Map.of("a.txt", byName.containsKey("a.txt"),
                "latest", byName.containsKey("latest"), "up", byName.containsKey("up")));
        assertEquals("a.txt", byName.get("latest").linkTarget());
        assertEquals("other/b.txt", byName.get("up").file().path(), "a link out of the folder becomes a copy");
        assertEquals(false, byName.containsKey("dir"), "a link to a folder outside is left out");
        assertEquals("../c/d", ModelArchive.relative("a/b/x", "a/c/d"));
        assertEquals("y", ModelArchive.relative("x", "y"));
    }

    @Test
    void aTarHoldsEveryFileAndLinkAndAWrongStoredByteStopsIt() throws Exception {
        ModelManifest manifest = manifest();
        ExecutorService readers = Executors.newFixedThreadPool(2);
        try {
            ByteArrayOutputStream out = new ByteArrayOutputStream();
            ModelArchive.write(ModelArchive.select(manifest, ""), ModelArchive.Format.TAR, manifest.createdAt(),
                    f -> new ByteArrayInputStream(BYTES.get(f.path())), readers, out, null);
            Map<String, String> found = new HashMap<>();
            try (TarArchiveInputStream tar = new TarArchiveInputStream(new ByteArrayInputStream(out.toByteArray()))) {
                TarArchiveEntry entry;
                while ((entry = tar.getNextEntry()) != null) {
                    found.put(entry.getName(), entry.isSymbolicLink() ? "-> " + entry.getLinkName()
                            : new String(tar.readAllBytes(), StandardCharsets.UTF_8));
                }
            }
            assertEquals(Map.of("config.json", "{}", "sub/a.txt", "a", "other/b.txt", "bb", "sub/latest", "-> a.txt",
                    "sub/up", "-> ../other/b.txt", "sub/dir", "-> ../other"), found);
            assertArrayEquals(BYTES.get("sub/a.txt"), "a".getBytes(StandardCharsets.UTF_8));
            assertThrows(ModelArchive.StoredFileMismatch.class, () -> ModelArchive.write(ModelArchive.select(manifest, ""),
                    ModelArchive.Format.ZIP, manifest.createdAt(), f -> new ByteArrayInputStream(
                            f.path().equals("other/b.txt") ? "xx".getBytes(StandardCharsets.UTF_8) : BYTES.get(f.path())),
                    readers, new ByteArrayOutputStream(), null));
        } finally {
            readers.shutdownNow();
        }
    }
}
