package dev.modelstore.support.objectstore;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * The memory every upload of a service may hold at once, shared: {@code count × size} bytes, in
 * part-sized buffers (kept for reuse) or exact-sized ones for small objects. Taking memory waits
 * while the budget is used up, which slows the readers down to the pace of the store.
 */
public final class PartBuffers {

    private static final int KIB = 1024;

    private final int size;
    private final Semaphore kibibytes;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    /** A budget of {@code count} buffers of {@code size} bytes, allocated when first needed. */
    public PartBuffers(int count, int size) {
        this.size = size;
        this.kibibytes = new Semaphore(Math.max(1, (int) ((long) count * size / KIB)), true);
    }

    /** The size of a part buffer. */
    public int size() {
        return size;
    }

    /**
     * A buffer of exactly {@code bytes} (at most a part; a part-sized one may be reused); waits until
     * the budget allows it. Give it back with {@link #release}.
     */
    public byte[] take(int bytes) throws InterruptedException {
        if (bytes > size) {
            throw new IllegalArgumentException(bytes + " bytes is more than a part (" + size + ")");
        }
        kibibytes.acquire(permits(bytes));
        if (bytes == size) {
            byte[] buffer = free.poll();
            return buffer != null ? buffer : new byte[size];
        }
        return new byte[bytes];
    }

    /** Gives a buffer back to the budget. */
    public void release(byte[] buffer) {
        if (buffer.length == size) {
            free.offer(buffer);
        }
        kibibytes.release(permits(buffer.length));
    }

    private static int permits(int bytes) {
        return Math.max(1, (bytes + KIB - 1) / KIB);
    }
}
