package dev.modelstore.fetcher.extract;

import java.io.ByteArrayOutputStream;

/** Writes bit strings, most significant bit first, for the one-block streams {@link Bzip2Block} decodes. */
final class Bzip2BitWriter {
    private final ByteArrayOutputStream out = new ByteArrayOutputStream(1 << 20);
    private long acc;
    private int count;

    void write(long value, int n) {
        for (int i = n - 1; i >= 0; i--) {
            acc = (acc << 1) | ((value >>> i) & 1);
            if (++count == 8) {
                out.write((int) acc);
                acc = 0;
                count = 0;
            }
        }
    }

    void writeBits(byte[] aligned, long n) {
        int whole = (int) (n / 8);
        if (count == 0) {
            out.write(aligned, 0, whole);
        } else {
            for (int i = 0; i < whole; i++) {
                int b = aligned[i] & 0xFF;
                acc = (acc << 8) | b;
                out.write((int) (acc >>> count) & 0xFF);
                acc &= (1L << count) - 1;
            }
        }
        int rest = (int) (n % 8);
        if (rest > 0) {
            write((aligned[whole] & 0xFF) >>> (8 - rest), rest);
        }
    }

    byte[] toByteArray() {
        if (count > 0) {
            out.write((int) (acc << (8 - count)));
            acc = 0;
            count = 0;
        }
        return out.toByteArray();
    }
}
