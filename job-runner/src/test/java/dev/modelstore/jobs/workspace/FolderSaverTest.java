package dev.modelstore.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ObjectSink;
import dev.modelstore.support.objectstore.StoredObject;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Saving a job folder: what is stored equals what is in the folder at one moment for every file,
 * links never lead out of it, and a file that keeps changing fails the save instead of tearing the model.
 */
class FolderSaverTest {

    private static final ObjectMapper JSON = new ObjectMapper().registerModule(new JavaTimeModule());
    private final UUID model = UUID.randomUUID();
    private final Map<String, byte[]> stored = new TreeMap<>();
    private final AtomicInteger removals = new AtomicInteger();

    @TempDir
    Path folder;

    @Test
    void storesEveryFileAndAManifestWithTheirDigests() throws Exception {
        write("weights/w.bin", "weights");
        write("config.json", "{}");
        FolderSaver.Saved saved = saver(sink(null)).save(model, folder, "job:test", 1_000, "limit", () -> false);

        assertEquals(2, saved.fileCount());
        assertEquals(9, saved.sizeBytes());
        assertEquals("weights", text("models/" + model + "/files/weights/w.bin"));
        ModelManifest manifest = JSON.readValue(stored.get(saved.manifestKey()), ModelManifest.class);
        assertEquals(sha256("weights"), manifest.files().stream().filter(f -> f.path().equals("weights/w.bin"))
                .findFirst().orElseThrow().sha256());
    }

    @Test
    void aFileChangedWhileItIsReadIsReadAgainSoTheModelHoldsOneVersionOfIt() throws Exception {
        Path notes = write("notes.txt", "first version");
        AtomicInteger reads = new AtomicInteger();
        // The first read of notes.txt sees the notebook write to it meanwhile.
        FolderSaver.Saved saved = saver(sink(key -> {
            if (key.endsWith("notes.txt") && reads.getAndIncrement() == 0) {
                append(notes, " and more");
            }
        })).save(model, folder, "job:test", 1_000, "limit", () -> false);

        assertEquals(2, reads.get());
        assertEquals("first version and more", text("models/" + model + "/files/notes.txt"));
        ModelManifest manifest = JSON.readValue(stored.get(saved.manifestKey()), ModelManifest.class);
        assertEquals(sha256("first version and more"), manifest.files().get(0).sha256());
    }

    @Test
    void aFileThatKeepsChangingFailsTheSaveAndLeavesNothing() throws Exception {
        Path log = write("train.log", "epoch 1");
        WorkspaceFailure failure = assertThrows(WorkspaceFailure.class, () -> saver(sink(key -> {
            if (key.endsWith("train.log")) {
                append(log, "\nepoch");
            }
        })).save(model, folder, "job:test", 1_000, "limit", () -> false));
        assertTrue(failure.getMessage().contains("kept changing"), failure.getMessage());
        assertEquals(1, removals.get(), "what was written is removed");
    }

    @Test
    void linksOutOfTheFolderAreLeftOutAndNeverFollowed() throws Exception {
        write("real.txt", "inside");
        Path secret = Files.writeString(Files.createTempFile("secret", ".txt"), "host secret");
        Files.createSymbolicLink(folder.resolve("leak.txt"), secret);
        Files.createSymbolicLink(folder.resolve("alias.txt"), Path.of("real.txt"));
        FolderSaver.Saved saved = saver(sink(null)).save(model, folder, "job:test", 1_000, "limit", () -> false);

        assertEquals(1, saved.fileCount());
        assertTrue(stored.values().stream().noneMatch(b -> new String(b, StandardCharsets.UTF_8).contains("host secret")));
        ModelManifest manifest = JSON.readValue(stored.get(saved.manifestKey()), ModelManifest.class);
        assertEquals(1, manifest.links().size());
        assertEquals("alias.txt", manifest.links().get(0).path());
    }

    @Test
    void aFolderOverTheLimitFailsWithTheLimitNamed() throws Exception {
        write("big.bin", "x".repeat(50));
        WorkspaceFailure failure = assertThrows(WorkspaceFailure.class, () -> saver(sink(null))
                .save(model, folder, "job:test", 10, "the project's quota", () -> false));
        assertTrue(failure.getMessage().contains("the project's quota"), failure.getMessage());
    }

    private FolderSaver saver(ObjectSink sink) {
        return new FolderSaver(sink, id -> removals.incrementAndGet(), JSON, 3);
    }

    /** An in-memory store; {@code whileReading} runs in the middle of reading each object. */
    private ObjectSink sink(java.util.function.Consumer<String> whileReading) {
        return new ObjectSink() {
            @Override
            public StoredObject put(String key, InputStream content, long length) throws IOException {
                byte[] first = content.readNBytes(3);
                if (whileReading != null) {
                    whileReading.accept(key);
                }
                byte[] rest = content.readAllBytes();
                byte[] all = new byte[first.length + rest.length];
                System.arraycopy(first, 0, all, 0, first.length);
                System.arraycopy(rest, 0, all, first.length, rest.length);
                stored.put(key, all);
                return new StoredObject(key, all.length, sha256(all));
            }
        };
    }

    private Path write(String path, String content) throws IOException {
        Path file = folder.resolve(path);
        Files.createDirectories(file.getParent());
        return Files.writeString(file, content);
    }

    private static void append(Path file, String more) {
        try {
            Files.writeString(file, more, StandardOpenOption.APPEND);
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    private String text(String key) {
        return new String(stored.get(key), StandardCharsets.UTF_8);
    }

    private static String sha256(String text) {
        return sha256(text.getBytes(StandardCharsets.UTF_8));
    }

    private static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
