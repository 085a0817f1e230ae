package dev.modelstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;
import java.util.function.LongConsumer;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;

/**
 * Extracts a tar stream into a folder and never outside it: an entry that is absolute, contains
 * {@code ..}, or would be written through a link leading out of the folder stops the extraction with
 * an error; symbolic links are kept when their targets stay inside. Files already there are replaced.
 */
final class TarExtractor {

    /** What an extraction wrote. */
    record Extracted(long files, long links, long bytes) {
    }

    private TarExtractor() {
    }

    /** Extracts {@code tar} into {@code folder} (created when missing), reporting file bytes to {@code written}. */
    static Extracted extract(InputStream tar, Path folder, LongConsumer written) throws IOException {
        Files.createDirectories(folder);
        Path root = folder.toRealPath();
        long files = 0;
        long bytes = 0;
        List<String> links = new ArrayList<>();
        try (TarArchiveInputStream in = new TarArchiveInputStream(tar)) {
            for (TarArchiveEntry entry; (entry = in.getNextEntry()) != null; ) {
                String name = entryName(entry.getName());
                if (name == null) {
                    continue;
                }
                if (entry.isDirectory()) {
                    Files.createDirectories(clearFor(SafePaths.resolve(root, name), true));
                } else if (entry.isSymbolicLink()) {
                    Path link = clearFor(SafePaths.resolve(root, name), false);
                    Files.createDirectories(link.getParent());
                    SafePaths.checkLink(root, link, entry.getLinkName());
                    Files.createSymbolicLink(link, Path.of(entry.getLinkName()));
                    links.add(name);
                } else if (entry.isLink()) {
                    Path source = SafePaths.resolve(root, entryName(entry.getLinkName()));
                    if (!Files.isRegularFile(source, LinkOption.NOFOLLOW_LINKS)) {
                        throw new IOException("the archive's hard link '" + name + "' names '" + entry.getLinkName()
                                + "', which is not a file extracted before it");
                    }
                    Path target = clearFor(SafePaths.resolve(root, name), false);
                    Files.createDirectories(target.getParent());
                    Files.copy(source, target, StandardCopyOption.REPLACE_EXISTING, LinkOption.NOFOLLOW_LINKS);
                    files++;
                } else if (entry.isFile()) {
                    Path target = clearFor(SafePaths.resolve(root, name), false);
                    Files.createDirectories(target.getParent());
                    bytes += write(in, target, written);
                    if ((entry.getMode() & 0100) != 0) {
                        executable(target);
                    }
                    files++;
                }
                // other entries (devices, fifos) are not model files: skipped
            }
        } catch (SafePaths.Escape escape) {
            throw new SafePaths.Escape("refusing the archive: " + escape.getMessage());
        }
        // Every link is followed again now that all are there: one made later may have changed where another leads.
        for (String name : links) {
            Path link = SafePaths.resolve(root, name);
            try {
                SafePaths.checkLink(root, link, Files.readSymbolicLink(link).toString());
            } catch (SafePaths.Escape escape) {
                Files.deleteIfExists(link);
                throw new SafePaths.Escape("refusing the archive: " + escape.getMessage());
            }
        }
        return new Extracted(files, links.size(), bytes);
    }

    /** The entry's model-relative name, or null for the archive's root ({@code ./}). */
    private static String entryName(String name) throws SafePaths.Escape {
        String trimmed = name;
        while (trimmed.startsWith("./")) {
            trimmed = trimmed.substring(2);
        }
        if (trimmed.isEmpty() || trimmed.equals(".")) {
            return null;
        }
        return SafePaths.relative(name);
    }

    /** Makes room for the entry: a link or file in the way is removed (a folder stays for a folder entry). */
    private static Path clearFor(Path path, boolean folder) throws IOException {
        if (Files.isSymbolicLink(path) || SafePaths.present(path) && !Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            Files.delete(path);
        } else if (!folder && Files.isDirectory(path, LinkOption.NOFOLLOW_LINKS)) {
            try {
                Files.delete(path);
            } catch (IOException notEmpty) {
                throw new IOException("cannot extract '" + path + "': a folder is in the way", notEmpty);
            }
        }
        return path;
    }

    private static long write(InputStream in, Path target, LongConsumer written) throws IOException {
        long total = 0;
        byte[] buffer = new byte[128 * 1024];
        try (OutputStream out = Files.newOutputStream(target, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = in.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                total += n;
                written.accept(n);
            }
        }
        return total;
    }

    private static void executable(Path file) {
        try {
            Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file, LinkOption.NOFOLLOW_LINKS);
            permissions.add(PosixFilePermission.OWNER_EXECUTE);
            Files.setPosixFilePermissions(file, permissions);
        } catch (IOException | UnsupportedOperationException e) {
            // a file system without POSIX permissions: the file stays as it is
        }
    }
}
