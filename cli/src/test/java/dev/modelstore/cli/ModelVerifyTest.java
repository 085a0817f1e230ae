package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HexFormat;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ModelVerifyTest {

    @TempDir
    Path dir;

    static String sha256(String content) {
        return HexFormat.of().formatHex(Sha256.digest().digest(content.getBytes(StandardCharsets.UTF_8)));
    }

    static Manifest.FileEntry file(String path, String content) {
        return new Manifest.FileEntry(path, content.getBytes(StandardCharsets.UTF_8).length, sha256(content));
    }

    @Test
    void aFolderThatHoldsTheModelMatches() throws Exception {
        Files.writeString(dir.resolve("config.json"), "{}");
        Files.createDirectories(dir.resolve("w"));
        Files.writeString(dir.resolve("w/a.bin"), "abc");
        Files.createSymbolicLink(dir.resolve("latest"), Path.of("w"));
        Files.writeString(dir.resolve("w/b.bin.part"), "partial");
        Manifest manifest = new Manifest("m", List.of(file("config.json", "{}"), file("w/a.bin", "abc")),
                List.of(new Manifest.LinkEntry("latest", "w")));

        ModelVerify.Result result = ModelVerify.compare(manifest, dir);

        assertTrue(result.matches(), result.toString());
        assertEquals(3, result.matching());
    }

    @Test
    void reportsMissingExtraAndChanged() throws Exception {
        Files.writeString(dir.resolve("same.txt"), "same");
        Files.writeString(dir.resolve("size.txt"), "longer than it was");
        Files.writeString(dir.resolve("hash.txt"), "abcd");
        Files.createDirectories(dir.resolve("sub"));
        Files.writeString(dir.resolve("sub/extra.txt"), "not in the model");
        Files.writeString(dir.resolve("download.part"), "ignored");
        Files.createSymbolicLink(dir.resolve("link"), Path.of("elsewhere"));
        Manifest manifest = new Manifest("m", List.of(file("same.txt", "same"), file("size.txt", "short"),
                file("hash.txt", "wxyz"), file("sub/missing.txt", "gone")),
                List.of(new Manifest.LinkEntry("link", "same.txt"), new Manifest.LinkEntry("nolink", "same.txt")));

        ModelVerify.Result result = ModelVerify.compare(manifest, dir);

        assertFalse(result.matches());
        assertEquals(1, result.matching());
        assertEquals(List.of("nolink", "sub/missing.txt"), result.missing());
        assertEquals(List.of("sub/extra.txt"), result.extra());
        assertEquals(List.of("hash.txt", "link", "size.txt"), result.changed().stream().map(ModelVerify.Changed::path).toList());
        assertTrue(result.changed().get(0).reason().startsWith("SHA-256 "), result.changed().get(0).reason());
        assertTrue(result.changed().get(2).reason().startsWith("size 18, expected 5"), result.changed().get(2).reason());
    }

    @Test
    void aLinkWhereAFileBelongsHasChanged() throws Exception {
        Files.writeString(dir.resolve("real.txt"), "x");
        Files.createSymbolicLink(dir.resolve("file.txt"), Path.of("real.txt"));
        Manifest manifest = new Manifest("m", List.of(file("file.txt", "x"), file("real.txt", "x")), List.of());

        ModelVerify.Result result = ModelVerify.compare(manifest, dir);

        assertEquals(List.of("file.txt"), result.changed().stream().map(ModelVerify.Changed::path).toList());
        assertTrue(result.missing().isEmpty());
        assertTrue(result.extra().isEmpty());
    }
}
