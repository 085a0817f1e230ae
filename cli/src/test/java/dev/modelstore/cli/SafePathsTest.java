package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SafePathsTest {

    @TempDir
    Path temp;

    @Test
    void relativePathsAreCleanedAndEscapesRefused() throws Exception {
        assertEquals("a/b.txt", SafePaths.relative("a/b.txt"));
        assertEquals("a/b.txt", SafePaths.relative("./a//b.txt"));
        assertEquals("dir", SafePaths.relative("dir/"));
        for (String bad : new String[] {"/etc/passwd", "../x", "a/../../x", "a/..", "..", "", ".", "\\share\\x",
            "C:\\x", "C:/x", "a\0b"}) {
            assertThrows(SafePaths.Escape.class, () -> SafePaths.relative(bad), bad);
        }
        assertThrows(SafePaths.Escape.class, () -> SafePaths.relative(null));
    }

    @Test
    void linkTargetsMustStayInsideByTheirNames() {
        assertTrue(SafePaths.targetStaysInside("latest", "v2"));
        assertTrue(SafePaths.targetStaysInside("a/b/link", "../../c"));
        assertTrue(SafePaths.targetStaysInside("a/link", "./x/../y"));
        assertFalse(SafePaths.targetStaysInside("link", "../outside"));
        assertFalse(SafePaths.targetStaysInside("a/link", "../../x"));
        assertFalse(SafePaths.targetStaysInside("a/link", "x/../../../y"));
        assertFalse(SafePaths.targetStaysInside("link", "/etc/passwd"));
        assertFalse(SafePaths.targetStaysInside("link", ""));
    }

    @Test
    void theManifestRefusesPathsAndLinksThatLeave() throws Exception {
        ObjectMapper json = new ObjectMapper();
        String sha = "a".repeat(64);
        Manifest ok = Manifest.of(json.readTree("{\"modelId\":\"m\",\"files\":[{\"path\":\"a/b\",\"size\":1,\"sha256\":\""
                + sha + "\"}],\"links\":[{\"path\":\"l\",\"target\":\"a/b\"}]}"));
        assertEquals(1, ok.files().size());
        assertEquals("a/b", ok.links().get(0).target());
        for (String path : new String[] {"/abs", "../up", "a/../../up"}) {
            assertThrows(SafePaths.Escape.class, () -> Manifest.of(json.readTree("{\"files\":[{\"path\":\"" + path
                    + "\",\"size\":1,\"sha256\":\"" + sha + "\"}]}")), path);
        }
        assertThrows(SafePaths.Escape.class, () -> Manifest.of(json.readTree(
                "{\"files\":[],\"links\":[{\"path\":\"l\",\"target\":\"../../etc\"}]}")));
        assertThrows(SafePaths.Escape.class, () -> Manifest.of(json.readTree(
                "{\"files\":[],\"links\":[{\"path\":\"../l\",\"target\":\"x\"}]}")));
    }

    @Test
    void resolvingRefusesToGoThroughALinkThatLeaves() throws Exception {
        Path root = Files.createDirectory(temp.resolve("root")).toRealPath();
        Path outside = Files.createDirectory(temp.resolve("outside"));
        Files.createSymbolicLink(root.resolve("out"), outside);
        Files.createSymbolicLink(root.resolve("outRelative"), Path.of("../outside"));
        Files.createDirectory(root.resolve("real"));
        Files.createSymbolicLink(root.resolve("in"), Path.of("real"));

        assertThrows(SafePaths.Escape.class, () -> SafePaths.resolve(root, "out/x"));
        assertThrows(SafePaths.Escape.class, () -> SafePaths.resolve(root, "outRelative/x"));
        assertEquals(root.resolve("real/x"), SafePaths.resolve(root, "in/x"));
        assertEquals(root.resolve("out"), SafePaths.resolve(root, "out"), "the last name is not followed");
    }

    @Test
    void aLinkTargetIsFollowedThroughOtherLinks() throws Exception {
        Path root = Files.createDirectory(temp.resolve("root")).toRealPath();
        Files.createDirectory(root.resolve("e"));
        Files.createSymbolicLink(root.resolve("d"), Path.of("."));
        // by the names, e/x -> ../d/.. is root itself; through the link d it is root's parent
        assertTrue(SafePaths.targetStaysInside("e/x", "../d/.."));
        assertThrows(SafePaths.Escape.class, () -> SafePaths.checkLink(root, root.resolve("e/x"), "../d/.."));
        SafePaths.checkLink(root, root.resolve("e/x"), "../d/e");
        assertThrows(SafePaths.Escape.class, () -> SafePaths.checkLink(root, root.resolve("x"), "/etc"));
    }
}
