package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TarExtractorTest {

    @TempDir
    Path temp;

    /** Builds a tar: "name=content" for a file, "name->target" for a link, "name/" for a folder. */
    static byte[] tar(String... entries) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(bytes)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            for (String spec : entries) {
                if (spec.contains("->")) {
                    TarArchiveEntry link = new TarArchiveEntry(spec.substring(0, spec.indexOf("->")), TarConstants.LF_SYMLINK);
                    link.setLinkName(spec.substring(spec.indexOf("->") + 2));
                    tar.putArchiveEntry(link);
                    tar.closeArchiveEntry();
                } else if (spec.endsWith("/")) {
                    tar.putArchiveEntry(new TarArchiveEntry(spec));
                    tar.closeArchiveEntry();
                } else {
                    String name = spec.substring(0, spec.indexOf('='));
                    byte[] content = spec.substring(spec.indexOf('=') + 1).getBytes(StandardCharsets.UTF_8);
                    TarArchiveEntry file = new TarArchiveEntry(name, true);
                    file.setSize(content.length);
                    tar.putArchiveEntry(file);
                    tar.write(content);
                    tar.closeArchiveEntry();
                }
            }
        }
        return bytes.toByteArray();
    }

    private TarExtractor.Extracted extract(Path folder, byte[] tar) throws IOException {
        return TarExtractor.extract(new ByteArrayInputStream(tar), folder, n -> { });
    }

    @Test
    void extractsFilesFoldersAndLinksThatStayInside() throws Exception {
        Path out = temp.resolve("out");
        TarExtractor.Extracted extracted = extract(out, tar("./", "config.json={}", "weights/", "weights/a.bin=abc",
                "latest->weights", "weights/same->../config.json"));
        assertEquals(2, extracted.files());
        assertEquals(2, extracted.links());
        assertEquals(5, extracted.bytes());
        assertEquals("abc", Files.readString(out.resolve("weights/a.bin")));
        assertEquals(Path.of("weights"), Files.readSymbolicLink(out.resolve("latest")));
        assertEquals("{}", Files.readString(out.resolve("weights/same")));
    }

    @Test
    void refusesEntriesThatClimbOut() throws Exception {
        Path out = temp.resolve("out");
        assertThrows(SafePaths.Escape.class, () -> extract(out, tar("ok=1", "../x=evil")));
        assertFalse(Files.exists(temp.resolve("x")));
        assertThrows(SafePaths.Escape.class, () -> extract(out, tar("a/../../y=evil")));
        assertFalse(Files.exists(temp.resolve("y")));
    }

    @Test
    void refusesAbsoluteEntries() throws Exception {
        Path target = temp.resolve("abs.txt");
        assertThrows(SafePaths.Escape.class, () -> extract(temp.resolve("out"), tar(target + "=evil")));
        assertFalse(Files.exists(target));
    }

    @Test
    void refusesALinkThatLeavesAndEntriesThroughIt() throws Exception {
        Path out = temp.resolve("out");
        Files.createDirectories(temp.resolve("outside"));
        assertThrows(SafePaths.Escape.class, () -> extract(out, tar("link->../outside", "link/payload=evil")));
        assertFalse(Files.exists(temp.resolve("outside/payload")));
        assertFalse(SafePaths.present(out.resolve("link")));
        assertThrows(SafePaths.Escape.class, () -> extract(out, tar("abs->" + temp.resolve("outside"))));
        assertFalse(SafePaths.present(out.resolve("abs")));
    }

    @Test
    void refusesToWriteThroughALinkAlreadyInTheFolder() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(out.resolve("data"), outside);
        SafePaths.Escape e = assertThrows(SafePaths.Escape.class, () -> extract(out, tar("data/payload=evil")));
        assertTrue(e.getMessage().contains("data/payload"), e.getMessage());
        assertFalse(Files.exists(outside.resolve("payload")));
    }

    @Test
    void refusesALinkThatLeavesThroughAnotherLink() throws Exception {
        Path out = temp.resolve("out");
        // d -> . is inside; e/x -> ../d/.. looks inside by its names but leads to the folder's parent
        assertThrows(SafePaths.Escape.class, () -> extract(out, tar("e/", "d->.", "e/x->../d/..")));
        assertFalse(SafePaths.present(out.resolve("e/x")));
        // made before the link it goes through: caught when every link is followed again at the end
        Path later = temp.resolve("later");
        assertThrows(SafePaths.Escape.class, () -> extract(later, tar("e/", "e/x->../d/..", "d->.")));
        assertFalse(SafePaths.present(later.resolve("e/x")));
    }

    @Test
    void replacesWhatIsAlreadyThereWithoutFollowingIt() throws Exception {
        Path out = Files.createDirectories(temp.resolve("out"));
        Path outside = Files.writeString(temp.resolve("victim"), "keep");
        Files.createSymbolicLink(out.resolve("file"), outside);
        extract(out, tar("file=new"));
        assertEquals("keep", Files.readString(outside));
        assertEquals("new", Files.readString(out.resolve("file")));
        assertFalse(Files.isSymbolicLink(out.resolve("file")));
    }
}
