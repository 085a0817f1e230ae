package dev.modelstore.fetcher.extract;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.Arrays;
import java.util.Random;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorInputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;

class ParallelBzip2InputStreamTest {

    private static final ExecutorService DECODERS = Executors.newFixedThreadPool(3);

    @AfterAll
    static void stop() {
        DECODERS.shutdownNow();
    }

    @Test
    void manyBlocksDecodeInOrderToTheSameBytesAsTheSequentialDecoder() throws IOException {
        byte[] original = mixed(3_000_000, 1);
        byte[] compressed = bzip2(original, 1); // 100 kB blocks: about thirty of them
        assertArrayEquals(original, parallel(compressed, 4));
        assertArrayEquals(original, sequential(compressed));
    }

    @Test
    void oneBlockAheadIsEnoughToBeCorrect() throws IOException {
        byte[] original = mixed(700_000, 2);
        assertArrayEquals(original, parallel(bzip2(original, 1), 1));
    }

    @Test
    void concatenatedStreamsOfDifferentLevelsAreReadThrough() throws IOException {
        byte[] first = mixed(400_000, 3);
        byte[] second = mixed(250_000, 4);
        byte[] empty = new byte[0];
        byte[] both = concat(concat(bzip2(first, 2), bzip2(empty, 9)), bzip2(second, 9));
        assertArrayEquals(concat(first, second), parallel(both, 3));
    }

    @Test
    void anEmptyStreamDecodesToNothing() throws IOException {
        assertEquals(0, parallel(bzip2(new byte[0], 9), 2).length);
    }

    @Test
    void aBlockThatDecodesToMoreThanTheLookAheadBudgetIsDecodedAsItIsRead() throws IOException {
        // Runs of one byte: a 900 kB block holds tens of MB of them.
        byte[] original = new byte[30_000_000];
        Arrays.fill(original, 10_000_000, 20_000_000, (byte) 7);
        byte[] compressed = bzip2(original, 9);
        assertTrue(compressed.length < 100_000, "a few blocks only: " + compressed.length);
        assertArrayEquals(original, parallel(compressed, 2));
    }

    @Test
    void corruptDataFailsInsteadOfYieldingWrongBytes() throws IOException {
        byte[] compressed = bzip2(mixed(1_000_000, 5), 1);
        byte[] corrupt = compressed.clone();
        corrupt[corrupt.length / 2] ^= 0x10;
        IOException failed = assertThrows(IOException.class, () -> parallel(corrupt, 3));
        assertTrue(failed.getMessage().contains("corrupt") || failed.getMessage().contains("CRC"), failed.getMessage());
    }

    @Test
    void noCorruptionEverYieldsWrongBytes() throws IOException {
        byte[] original = mixed(600_000, 8);
        byte[] compressed = bzip2(original, 1);
        Random where = new Random(9);
        for (int i = 0; i < 60; i++) {
            byte[] corrupt = compressed.clone();
            corrupt[where.nextInt(corrupt.length)] ^= (byte) (1 + where.nextInt(255));
            try {
                assertArrayEquals(original, parallel(corrupt, 3), "corruption " + i + " went unnoticed");
            } catch (IOException expected) {
                // refused: the only other acceptable outcome
            }
        }
    }

    @Test
    void truncatedDataFails() throws IOException {
        byte[] compressed = bzip2(mixed(1_000_000, 6), 1);
        byte[] truncated = Arrays.copyOf(compressed, compressed.length * 2 / 3);
        IOException failed = assertThrows(IOException.class, () -> parallel(truncated, 3));
        assertTrue(failed.getMessage().contains("truncated") || failed.getMessage().contains("corrupt"), failed.getMessage());
    }

    @Test
    void dataWithoutAHeaderIsRefused() {
        byte[] notBzip2 = "plain text, not bzip2".getBytes(StandardCharsets.UTF_8);
        assertThrows(IOException.class, () -> parallel(notBzip2, 2));
        assertThrows(IOException.class, () -> parallel(new byte[0], 2));
    }

    @Test
    void trailingZeroPaddingAfterTheLastStreamIsIgnored() throws IOException {
        byte[] original = mixed(200_000, 7);
        assertArrayEquals(original, parallel(concat(bzip2(original, 1), new byte[512]), 2));
    }

    /** Half random bytes, half text: some blocks compress, some do not. */
    private static byte[] mixed(int size, long seed) {
        Random random = new Random(seed);
        byte[] data = new byte[size];
        random.nextBytes(data);
        byte[] words = "weights bias layer attention embedding ".getBytes(StandardCharsets.US_ASCII);
        for (int i = 0; i < size; i += 2 * 65_536) {
            for (int j = i; j < Math.min(size, i + 65_536); j++) {
                data[j] = words[random.nextInt(words.length)];
            }
        }
        return data;
    }

    private static byte[] parallel(byte[] compressed, int depth) throws IOException {
        try (InputStream in = new ParallelBzip2InputStream(new TrickleInputStream(compressed), DECODERS, depth)) {
            return in.readAllBytes();
        }
    }

    private static byte[] sequential(byte[] compressed) throws IOException {
        try (InputStream in = new BZip2CompressorInputStream(new ByteArrayInputStream(compressed), true)) {
            return in.readAllBytes();
        }
    }

    private static byte[] bzip2(byte[] content, int level) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (BZip2CompressorOutputStream out = new BZip2CompressorOutputStream(bytes, level)) {
            out.write(content);
        }
        return bytes.toByteArray();
    }

    private static byte[] concat(byte[] a, byte[] b) {
        byte[] both = Arrays.copyOf(a, a.length + b.length);
        System.arraycopy(b, 0, both, a.length, b.length);
        return both;
    }

    /** Hands out odd-sized pieces, as a network stream does, so magics straddle reads. */
    private static final class TrickleInputStream extends ByteArrayInputStream {
        private final Random sizes = new Random(11);

        TrickleInputStream(byte[] bytes) {
            super(bytes);
        }

        @Override
        public synchronized int read(byte[] b, int off, int len) {
            return super.read(b, off, Math.min(len, 1 + sizes.nextInt(9_000)));
        }
    }
}
