package dev.modelstore.jobs.workspace;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** What resources.disk_size counts: files once per inode, and links and entries too, so none are free. */
class DiskUsageTest {

    @TempDir
    Path folder;

    @Test
    void filesCountOnceAndLinksAndEntriesCountToo() throws Exception {
        Files.write(folder.resolve("weights.bin"), new byte[10_000]);
        Files.createLink(folder.resolve("alias.bin"), folder.resolve("weights.bin"));
        long files = DiskUsage.of(folder);
        assertTrue(files >= 10_000 && files < 20_000, "a hard-linked file counts once: " + files);
        Path links = Files.createDirectories(folder.resolve("links"));
        String target = "x".repeat(2000);
        for (int i = 0; i < 500; i++) {
            Files.createSymbolicLink(links.resolve("l" + i), Path.of(target));
        }
        long withLinks = DiskUsage.of(folder);
        assertTrue(withLinks - files >= 500 * (2000 + DiskUsage.PER_ENTRY), "links count: " + (withLinks - files));
        assertEquals(0, DiskUsage.of(folder.resolve("missing")));
    }
}
