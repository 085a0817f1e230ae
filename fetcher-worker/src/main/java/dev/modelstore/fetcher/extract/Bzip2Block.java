package dev.modelstore.fetcher.extract;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import org.itadaki.bzip2.BZip2InputStream;

/**
 * The compressed bits of one bzip2 block (or of pieces joined after a chance magic) and its
 * decoding, by jbzip2 as a one-block stream, on a decoder thread ahead of the reader.
 */
final class Bzip2Block implements ParallelBzip2InputStream.Unit {
    private final List<byte[]> pieces;
    private final List<Long> pieceBits;
    private final char level;
    private final Future<InputStream> decoding;

    /**
     * @param bits the block's compressed bits from its magic on, aligned at bit 0
     * @param bitLength how many of them
     * @param level the stream's block size level ('1'…'9')
     * @param decoders where to decode it ahead of the reader
     */
    Bzip2Block(byte[] bits, long bitLength, char level, ExecutorService decoders) {
        this(List.of(bits), List.of(bitLength), level, decoders);
    }

    private Bzip2Block(List<byte[]> pieces, List<Long> pieceBits, char level, ExecutorService decoders) {
        this.pieces = pieces;
        this.pieceBits = pieceBits;
        this.level = level;
        this.decoding = decoders == null ? null : decoders.submit(this::decodeAhead);
    }

    /** This piece and the next as one block, to be decoded on the reader's thread ({@link #decodeHere}). */
    Bzip2Block joinedWith(Bzip2Block next) {
        List<byte[]> joined = new ArrayList<>(pieces);
        joined.addAll(next.pieces);
        List<Long> bits = new ArrayList<>(pieceBits);
        bits.addAll(next.pieceBits);
        return new Bzip2Block(joined, bits, level, null);
    }

    /** The CRC the block stores right after its magic. */
    int storedCrc() {
        byte[] first = pieces.get(0);
        return ((first[6] & 0xFF) << 24) | ((first[7] & 0xFF) << 16) | ((first[8] & 0xFF) << 8) | (first[9] & 0xFF);
    }

    /** The decoded block, or null when it does not decode (a piece cut at a chance magic). */
    InputStream result() throws IOException {
        try {
            return decoding.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IOException("interrupted while decoding bzip2", e);
        } catch (ExecutionException | java.util.concurrent.CancellationException e) {
            return null;
        }
    }

    @Override
    public void cancel() {
        if (decoding != null) {
            decoding.cancel(false);
        }
    }

    /**
     * Decodes on a decoder thread, keeping up to {@link ParallelBzip2InputStream#MAX_DECODED_BYTES}
     * of output; a longer block is checked here and decoded again as it is read.
     */
    private InputStream decodeAhead() throws IOException {
        byte[] one = oneBlockStream();
        ByteArrayOutputStream decoded = new ByteArrayOutputStream(1 << 20);
        try (InputStream block = new BZip2InputStream(new ByteArrayInputStream(one), false)) {
            byte[] chunk = new byte[64 * 1024];
            int n;
            while ((n = block.read(chunk)) >= 0) {
                decoded.write(chunk, 0, n);
                if (decoded.size() > ParallelBzip2InputStream.MAX_DECODED_BYTES) {
                    // Check it decodes to the end (and its CRC), then let the reader decode it again as it reads.
                    while (block.read(chunk) >= 0) {
                        // drain
                    }
                    return new BZip2InputStream(new ByteArrayInputStream(one), false);
                }
            }
        }
        return new ByteArrayInputStream(decoded.toByteArray());
    }

    /** Decodes on the reader's thread, as it is read; null if the pieces do not decode. */
    InputStream decodeHere() {
        try {
            byte[] one = oneBlockStream();
            try (InputStream check = new BZip2InputStream(new ByteArrayInputStream(one), false)) {
                byte[] chunk = new byte[64 * 1024];
                while (check.read(chunk) >= 0) {
                    // a block that does not decode throws here, before anything of it is handed on
                }
            }
            return new BZip2InputStream(new ByteArrayInputStream(one), false);
        } catch (IOException | RuntimeException e) {
            return null;
        }
    }

    /** A whole bzip2 stream holding just this block: header, the block's bits, end magic, CRC. */
    private byte[] oneBlockStream() {
        Bzip2BitWriter out = new Bzip2BitWriter();
        out.write('B', 8);
        out.write('Z', 8);
        out.write('h', 8);
        out.write(level, 8);
        for (int i = 0; i < pieces.size(); i++) {
            out.writeBits(pieces.get(i), pieceBits.get(i));
        }
        out.write(ParallelBzip2InputStream.END_MAGIC, 48);
        // A one-block stream's combined CRC is the block's CRC.
        out.write(storedCrc() & 0xFFFFFFFFL, 32);
        return out.toByteArray();
    }
}
