package dev.modelstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
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
            } catch (IOException | java.io.UncheckedIOException e) {
                throw new Unreadable("cannot list " + source + ": " + e.getMessage(), e);
            }
        } else if (Files.isRegularFile(source)) {
            base = source.getParent();
            files = List.of(source);
        } else {
            // another attempt finds it no better: an Unreadable, not a dropped connection
            throw new Unreadable(source + " does not exist", null);
        }
        java.util.concurrent.atomic.AtomicReference<Unreadable> unreadable = new java.util.concurrent.atomic.AtomicReference<>();
        java.util.concurrent.atomic.AtomicBoolean complete = new java.util.concurrent.atomic.AtomicBoolean();
        PipedInputStream pipe = new PipedInputStream(1 << 20);
        PipedOutputStream out = new PipedOutputStream(pipe);
        InputStream in = new java.io.FilterInputStream(pipe) {
            @Override
            public int read() throws IOException {
                return checked(super.read());
            }

            @Override
            public int read(byte[] b, int off, int len) throws IOException {
                return checked(super.read(b, off, len));
            }

            // a stream that ends before the whole tar was written is an error, never a shorter tar
            private int checked(int n) throws IOException {
                if (n < 0 && !complete.get()) {
                    throw unreadable.get() != null ? unreadable.get()
                            : new Unreadable("the folder " + source + " changed while it was read; run the command again", null);
                }
                return n;
            }
        };
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
                    copy(file, tar, unreadable);
                    tar.closeArchiveEntry();
                }
                tar.finish();
                complete.set(true);
            } catch (IOException e) {
                // the reader stopped (an upload restarting); nothing else to do
            }
        }, "tar-writer");
        writer.setDaemon(true);
        writer.start();
        return in;
    }

    /** A file of the folder could not be read: the upload cannot go on (another attempt reads it no better). */
    static final class Unreadable extends IOException {
        Unreadable(String message, Throwable cause) {
            super(message, cause);
        }
    }

    /** Copies the file into the tar; a failure to read it is kept in {@code unreadable} (the reader sees it). */
    private static void copy(Path file, OutputStream tar, java.util.concurrent.atomic.AtomicReference<Unreadable> unreadable)
            throws IOException {
        byte[] buffer = new byte[1 << 16];
        try (InputStream content = open(file, unreadable)) {
            while (true) {
                int n;
                try {
                    n = content.read(buffer);
                } catch (IOException e) {
                    throw unreadable(file, e, unreadable);
                }
                if (n < 0) {
                    return;
                }
                tar.write(buffer, 0, n);
            }
        }
    }

    private static InputStream open(Path file, java.util.concurrent.atomic.AtomicReference<Unreadable> unreadable)
            throws IOException {
        try {
            return Files.newInputStream(file);
        } catch (IOException e) {
            throw unreadable(file, e, unreadable);
        }
    }

    private static Unreadable unreadable(Path file, IOException e,
            java.util.concurrent.atomic.AtomicReference<Unreadable> unreadable) {
        Unreadable failure = new Unreadable("cannot read " + file + ": " + e.getMessage(), e);
        unreadable.compareAndSet(null, failure);
        return failure;
    }
}
