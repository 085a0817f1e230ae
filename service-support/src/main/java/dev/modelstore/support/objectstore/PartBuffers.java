package dev.modelstore.support.objectstore;

import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Semaphore;

/**
 * A fixed number of part-sized buffers shared by every upload of a service: the most memory
 * uploads can hold is {@code count × size}, however many run at once. Taking a buffer waits while
 * all are in use, which slows the readers down to the pace of the store.
 */
public final class PartBuffers {

    private final int size;
    private final Semaphore available;
    private final ConcurrentLinkedQueue<byte[]> free = new ConcurrentLinkedQueue<>();

    /** {@code count} buffers of {@code size} bytes, made when first needed. */
    public PartBuffers(int count, int size) {
        this.size = size;
        this.available = new Semaphore(count, true);
    }

    /** The size of each buffer. */
    public int size() {
        return size;
    }

    /** A buffer; waits until one is free. Give it back with {@link #release}. */
    public byte[] take() throws InterruptedException {
        available.acquire();
        byte[] buffer = free.poll();
        return buffer != null ? buffer : new byte[size];
    }

    /** Gives a buffer back. */
    public void release(byte[] buffer) {
        free.offer(buffer);
        available.release();
    }
}
