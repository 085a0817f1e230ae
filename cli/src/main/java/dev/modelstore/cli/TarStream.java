package dev.modelstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.PipedInputStream;
import java.io.PipedOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;

/**
 * A tar of a folder (or of one file) produced on the fly, byte-for-byte the same each time it is
 * made from the same files (sorted entries, no owner names), so an upload can resume at an offset.
 */
final class TarStream {

    private TarStream() {
    }

    /** Opens the tar stream; a background thread writes it. */
    static InputStream of(Path source) throws IOException {
        List<Path> files;
        Path base;
        if (Files.isDirectory(source)) {
            base = source;
            try (Stream<Path> walk = Files.walk(source)) {
                files = walk.filter(Files::isRegularFile).sorted().toList();
            }
        } else if (Files.isRegularFile(source)) {
            base = source.getParent();
            files = List.of(source);
        } else {
            throw new IOException(source + " does not exist");
        }
        PipedInputStream in = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(in);
        Thread writer = new Thread(() -> {
            try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
                tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
                tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
                for (Path file : files) {
                    TarArchiveEntry entry = new TarArchiveEntry(base.relativize(file).toString().replace('\\', '/'), true);
                    entry.setSize(Files.size(file));
                    entry.setModTime(Files.getLastModifiedTime(file).toMillis());
                    entry.setMode(0100644);
                    tar.putArchiveEntry(entry);
                    try (InputStream content = Files.newInputStream(file)) {
                        content.transferTo(tar);
                    }
                    tar.closeArchiveEntry();
                }
                tar.finish();
            } catch (IOException e) {
                // the reader stopped (an upload restarting); nothing else to do
            }
        }, "tar-writer");
        writer.setDaemon(true);
        writer.start();
        return in;
    }
}
