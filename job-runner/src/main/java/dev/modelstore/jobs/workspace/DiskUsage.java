package dev.modelstore.jobs.workspace;

import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * The bytes a folder holds, as {@code resources.disk_size} counts them: the size of every regular
 * file (a file with several hard links once), of every symbolic link's target text and of every
 * folder's entries, plus {@value #PER_ENTRY} bytes of metadata for each entry, so that a million
 * links or empty files count too. Links are never followed; entries that vanish while it walks (a
 * running worker deletes them) are skipped.
 */
public final class DiskUsage {

    /** What each entry (file, link, folder) costs besides its content: an inode and a directory entry. */
    public static final long PER_ENTRY = 256;

    private DiskUsage() {
    }

    /** The folder's bytes; 0 when it does not exist. */
    public static long of(Path folder) throws IOException {
        long[] total = {0};
        Set<Object> linked = new HashSet<>();
        if (!Files.exists(folder, LinkOption.NOFOLLOW_LINKS)) {
            return 0;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) {
                total[0] += PER_ENTRY + Math.max(0, attrs.size());
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                total[0] += PER_ENTRY;
                if (!attrs.isRegularFile()) {
                    total[0] += Math.max(0, attrs.size()); // a link's target text, a FIFO's nothing
                    return FileVisitResult.CONTINUE;
                }
                try {
                    Map<String, Object> unix = Files.readAttributes(file, "unix:nlink,ino,dev", LinkOption.NOFOLLOW_LINKS);
                    if (((Number) unix.get("nlink")).intValue() > 1
                            && !linked.add(unix.get("dev") + ":" + unix.get("ino"))) {
                        return FileVisitResult.CONTINUE;
                    }
                } catch (NoSuchFileException e) {
                    return FileVisitResult.CONTINUE;
                } catch (UnsupportedOperationException e) {
                    // no unix view here: every link counts
                }
                total[0] += attrs.size();
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFileFailed(Path file, IOException e) throws IOException {
                if (e instanceof NoSuchFileException) {
                    return FileVisitResult.CONTINUE;
                }
                throw e;
            }
        });
        return total[0];
    }

    /** Bytes as a person reads them ("1.3 GB"), in the decimal units disk_size uses. */
    public static String human(long bytes) {
        if (bytes < 1_000_000) {
            return bytes + " bytes";
        }
        return bytes < 1_000_000_000L ? String.format("%.1f MB", bytes / 1e6) : String.format("%.2f GB", bytes / 1e9);
    }
}
