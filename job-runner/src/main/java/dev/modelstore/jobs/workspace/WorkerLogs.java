package dev.modelstore.jobs.workspace;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.SeekableByteChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.Set;

/**
 * Reads the end of a worker's log ({@code worker.log}, and the rotated {@code worker.log.1} when the
 * current one is short). Only regular files are read, never through a link, so a log replaced by a
 * FIFO, a device or a symlink cannot block a request thread or leak another file.
 */
public final class WorkerLogs {

    private WorkerLogs() {
    }

    /** Up to {@code maxBytes} of the latest output, oldest first. */
    public static String tail(Path controlFolder, int maxBytes) throws IOException {
        byte[] current = tailOf(controlFolder.resolve("worker.log"), maxBytes);
        if (current.length >= maxBytes) {
            return new String(current, StandardCharsets.UTF_8);
        }
        byte[] previous = tailOf(controlFolder.resolve("worker.log.1"), maxBytes - current.length);
        byte[] both = new byte[previous.length + current.length];
        System.arraycopy(previous, 0, both, 0, previous.length);
        System.arraycopy(current, 0, both, previous.length, current.length);
        return new String(both, StandardCharsets.UTF_8);
    }

    private static byte[] tailOf(Path log, int maxBytes) throws IOException {
        BasicFileAttributes attrs;
        try {
            attrs = Files.readAttributes(log, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
        } catch (NoSuchFileException e) {
            return new byte[0];
        }
        if (!attrs.isRegularFile()) {
            throw new IOException(log.getFileName() + " is not a regular file");
        }
        int length = (int) Math.min(maxBytes, attrs.size());
        byte[] buffer = new byte[length];
        return java.util.Arrays.copyOf(buffer, read(log, attrs.size() - length, buffer));
    }

    /**
     * Reads a log from {@code position} into the buffer, until it is full or the file ends (it may
     * shrink when rotated); never through a link. Answers the bytes read: 0 at the end or when the
     * file is gone.
     */
    public static int read(Path log, long position, byte[] buffer) throws IOException {
        try (SeekableByteChannel channel = Files.newByteChannel(log, Set.of(StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS))) {
            if (position >= channel.size()) {
                return 0;
            }
            channel.position(position);
            ByteBuffer target = ByteBuffer.wrap(buffer);
            while (target.hasRemaining() && channel.read(target) > 0) {
                // fill the buffer or reach the end
            }
            return target.position();
        } catch (NoSuchFileException e) {
            return 0;
        }
    }
}
