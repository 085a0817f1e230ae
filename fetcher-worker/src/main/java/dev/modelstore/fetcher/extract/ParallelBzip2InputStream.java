package dev.modelstore.fetcher.extract;

import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayDeque;
import java.util.concurrent.ExecutorService;

/**
 * Decompresses bzip2 on several cores while streaming, the way lbzip2 does: bzip2 compresses in
 * independent blocks, each starting with a 48-bit magic number at any bit position, so the
 * compressed stream is cut at those magics and each block is decoded on its own (by jbzip2, as a
 * one-block stream; it decodes about a quarter faster than commons-compress here) while the caller
 * reads the blocks before it, in order.
 *
 * <p>Memory stays bounded: at most {@link #depth} blocks are cut ahead of the reader, a block's
 * compressed bits are at most {@link #MAX_BLOCK_BYTES}, and a block that decodes to more than
 * {@link #MAX_DECODED_BYTES} (long runs of one byte) is decoded as it is read instead of ahead.
 * Every block's CRC is checked by the decoder and every stream's combined CRC here. A magic that
 * turns up by chance inside compressed data makes a piece that does not decode; it is joined with
 * the next piece and decoded again. Concatenated streams (pbzip2's output) are read through.
 */
public final class ParallelBzip2InputStream extends InputStream {

    /** A block's compressed size above this means the data is not bzip2 (real blocks stay under 1 MB). */
    static final int MAX_BLOCK_BYTES = 4 * 1024 * 1024;
    /** Decoded output kept per block ahead of the reader. */
    static final int MAX_DECODED_BYTES = 8 * 1024 * 1024;
    /** How many chance magics in a row are joined before the data is declared corrupt. */
    private static final int MAX_JOINS = 8;

    private static final long BLOCK_MAGIC = 0x314159265359L;
    static final long END_MAGIC = 0x177245385090L;
    private static final long MASK48 = (1L << 48) - 1;
    /** For each byte value, whether it can be the first whole byte of a magic (at some bit offset). */
    private static final boolean[] CANDIDATE = new boolean[256];

    static {
        for (int shift = 0; shift < 8; shift++) {
            CANDIDATE[firstWholeByte(BLOCK_MAGIC, shift)] = true;
            CANDIDATE[firstWholeByte(END_MAGIC, shift)] = true;
        }
    }

    private final InputStream in;
    private final ExecutorService decoders;
    private final int depth;

    /** Compressed bytes from {@link #bufStart} (absolute byte offset) on; {@link #filled} of them are valid. */
    private byte[] buf = new byte[1 << 20];
    private long bufStart;
    private int filled;
    private boolean inputEnded;
    /** Absolute bit position of the next unscanned candidate and of the piece being cut. */
    private long scanByte;
    private long pieceStart = -1;
    private char level;
    private boolean headerRead;

    private final ArrayDeque<Unit> ahead = new ArrayDeque<>();
    private InputStream current;
    private int combinedCrc;
    private boolean closed;

    /**
     * @param in the compressed stream, starting with a bzip2 header
     * @param decoders where blocks are decoded (shared; blocks of one stream are read in order whatever runs them)
     * @param depth how many blocks are decoded ahead of the reader
     */
    public ParallelBzip2InputStream(InputStream in, ExecutorService decoders, int depth) {
        this.in = in;
        this.decoders = decoders;
        this.depth = Math.max(1, depth);
    }

    @Override
    public int read() throws IOException {
        byte[] one = new byte[1];
        int n = read(one, 0, 1);
        return n < 0 ? -1 : one[0] & 0xFF;
    }

    @Override
    public int read(byte[] b, int off, int len) throws IOException {
        if (closed) {
            throw new IOException("the bzip2 stream is closed");
        }
        if (len == 0) {
            return 0;
        }
        while (true) {
            if (current != null) {
                int n = current.read(b, off, len);
                if (n > 0) {
                    return n;
                }
                current = null;
            }
            if (!advance()) {
                return -1;
            }
        }
    }

    @Override
    public void close() throws IOException {
        if (!closed) {
            closed = true;
            ahead.forEach(unit -> unit.cancel());
            ahead.clear();
            in.close();
        }
    }

    // ---- the reader's side: units in order ---------------------------------------------------------

    /** Moves to the next decoded block; false at the end of the data. */
    private boolean advance() throws IOException {
        while (true) {
            fillAhead();
            Unit unit = ahead.poll();
            if (unit == null) {
                return false;
            }
            if (unit instanceof StreamEnd end) {
                if (end.storedCrc() != combinedCrc) {
                    throw new IOException("bzip2 stream CRC mismatch: the data is corrupt");
                }
                combinedCrc = 0;
                continue;
            }
            Bzip2Block block = (Bzip2Block) unit;
            InputStream decoded = block.result();
            int joins = 0;
            while (decoded == null) {
                // A chance magic cut a block in two: join the piece with the next one and decode again.
                fillAhead();
                if (!(ahead.peek() instanceof Bzip2Block next) || ++joins > MAX_JOINS) {
                    throw new IOException("bzip2 data is corrupt (a block does not decode)");
                }
                ahead.poll().cancel();
                block = block.joinedWith(next);
                decoded = block.decodeHere();
            }
            combinedCrc = ((combinedCrc << 1) | (combinedCrc >>> 31)) ^ block.storedCrc();
            current = decoded;
            return true;
        }
    }

    private void fillAhead() throws IOException {
        while (ahead.size() < depth) {
            Unit next = cut();
            if (next == null) {
                return;
            }
            ahead.add(next);
        }
    }

    // ---- the cutter: finds magics and cuts pieces ------------------------------------------------------

    /** The next unit of the compressed data (a block being decoded, or a stream's end), or null at its end. */
    private Unit cut() throws IOException {
        if (!headerRead) {
            if (!readHeader()) {
                return null;
            }
        }
        while (true) {
            long magicAt = findMagic();
            if (magicAt < 0) {
                if (pieceStart >= 0) {
                    throw new IOException("bzip2 data is truncated (it ends inside a block)");
                }
                return null;
            }
            long magic = bits(magicAt, 48);
            if (pieceStart >= 0 && (magic == BLOCK_MAGIC || trailerAt(magicAt))) {
                // The piece before this magic is complete.
                Bzip2Block block = new Bzip2Block(copyBits(pieceStart, magicAt), magicAt - pieceStart, level, decoders);
                pieceStart = magic == BLOCK_MAGIC ? magicAt : -1;
                if (magic != BLOCK_MAGIC) {
                    ahead.add(block);
                    return endOfStream(magicAt);
                }
                return block;
            }
            if (pieceStart < 0 && magic == BLOCK_MAGIC) {
                pieceStart = magicAt;
            } else if (pieceStart < 0 && trailerAt(magicAt)) {
                return endOfStream(magicAt); // an empty stream
            }
            // else: a chance match inside a block; keep scanning.
        }
    }

    /** The stream's end at {@code magicAt}; moves past its trailer to the next stream's header, if any. */
    private Unit endOfStream(long magicAt) throws IOException {
        int storedCrc = (int) bits(magicAt + 48, 32);
        long next = (magicAt + 80 + 7) / 8;
        scanByte = next;
        discardBefore(next);
        headerRead = false;
        return new StreamEnd(storedCrc);
    }

    /**
     * Whether an end-of-stream magic at {@code magicAt} is real: its CRC and padding are followed by
     * the end of the input or by another stream's header and magic.
     */
    private boolean trailerAt(long magicAt) throws IOException {
        if (bits(magicAt, 48) != END_MAGIC) {
            return false;
        }
        long after = (magicAt + 80 + 7) / 8;
        if (!ensure(after + 10)) {
            return zerosToTheEnd(after);
        }
        if (byteAt(after) == 0) {
            return zerosToTheEnd(after);
        }
        if (byteAt(after) != 'B' || byteAt(after + 1) != 'Z' || byteAt(after + 2) != 'h') {
            return false;
        }
        int nextLevel = byteAt(after + 3);
        long nextMagic = bits((after + 4) * 8, 48);
        return nextLevel >= '1' && nextLevel <= '9' && (nextMagic == BLOCK_MAGIC || nextMagic == END_MAGIC);
    }

    /** Whether only zero bytes (padding some tools write, or none) follow {@code from} until the input ends. */
    private boolean zerosToTheEnd(long from) throws IOException {
        long at = from;
        while (at - from < MAX_BLOCK_BYTES && ensure(at + 1)) {
            if (byteAt(at) != 0) {
                return false;
            }
            at++;
        }
        return !ensure(at + 1);
    }

    private boolean readHeader() throws IOException {
        if (!ensure(scanByte + 4)) {
            if (available(scanByte) == 0 && bufStart + filled > 0 && inputEnded) {
                return false; // the end after a complete stream
            }
            throw new IOException("bzip2 data is truncated (no stream header)");
        }
        if (byteAt(scanByte) != 'B' || byteAt(scanByte + 1) != 'Z' || byteAt(scanByte + 2) != 'h'
                || byteAt(scanByte + 3) < '1' || byteAt(scanByte + 3) > '9') {
            if (scanByte > 0 && byteAt(scanByte) == 0) {
                return false; // trailing zero padding after the last stream, as some tools write
            }
            throw new IOException("not bzip2 data (no BZh header)");
        }
        level = (char) byteAt(scanByte + 3);
        scanByte += 4;
        headerRead = true;
        return true;
    }

    /** The absolute bit position of the next magic (block or end) at or after {@link #scanByte}, or -1. */
    private long findMagic() throws IOException {
        while (true) {
            if (!ensure(scanByte + 6)) {
                return -1;
            }
            if (pieceStart >= 0 && scanByte - pieceStart / 8 > MAX_BLOCK_BYTES) {
                throw new IOException("bzip2 data is corrupt (a block longer than bzip2 writes)");
            }
            long limit = bufStart + filled - 6;
            for (long q = scanByte; q <= limit; q++) {
                int b = buf[(int) (q - bufStart)] & 0xFF;
                if (!CANDIDATE[b]) {
                    continue;
                }
                for (int shift = 0; shift < 8; shift++) {
                    long p = q * 8 - shift;
                    if (p < 0 || (pieceStart >= 0 && p <= pieceStart) || p < bufStart * 8) {
                        continue;
                    }
                    long value = bits(p, 48);
                    if (value == BLOCK_MAGIC || value == END_MAGIC) {
                        scanByte = q + 1;
                        // Any later magic starts after this one's first whole byte.
                        return p;
                    }
                }
            }
            scanByte = limit + 1;
        }
    }

    private static int firstWholeByte(long magic, int shift) {
        // With {@code shift} magic bits before a byte boundary, the next 8 bits are a whole byte.
        return (int) ((magic >>> (48 - shift - 8)) & 0xFF);
    }

    // ---- the buffer ------------------------------------------------------------------------------------

    /** Reads until byte {@code end} (exclusive) is buffered; false if the input ends first. */
    private boolean ensure(long end) throws IOException {
        while (bufStart + filled < end) {
            if (inputEnded) {
                return false;
            }
            long keepFrom = pieceStart >= 0 ? pieceStart / 8 : Math.min(scanByte, bufStart + filled) - 1;
            discardBefore(Math.max(bufStart, keepFrom));
            if (filled == buf.length) {
                byte[] larger = new byte[buf.length * 2];
                System.arraycopy(buf, 0, larger, 0, filled);
                buf = larger;
            }
            int n = in.read(buf, filled, buf.length - filled);
            if (n < 0) {
                inputEnded = true;
            } else {
                filled += n;
            }
        }
        return true;
    }

    private long available(long from) {
        return Math.max(0, bufStart + filled - from);
    }

    private void discardBefore(long absolute) {
        int drop = (int) Math.min(filled, Math.max(0, absolute - bufStart));
        if (drop > 0) {
            System.arraycopy(buf, drop, buf, 0, filled - drop);
            filled -= drop;
            bufStart += drop;
        }
    }

    private int byteAt(long absolute) {
        return buf[(int) (absolute - bufStart)] & 0xFF;
    }

    /** {@code n} (≤ 57) bits starting at absolute bit {@code p}, which must be buffered. */
    private long bits(long p, int n) throws IOException {
        long firstByte = p / 8;
        int skip = (int) (p % 8);
        int bytes = (skip + n + 7) / 8;
        if (!ensure(firstByte + bytes)) {
            return -1;
        }
        long value = 0;
        for (int i = 0; i < bytes; i++) {
            value = (value << 8) | byteAt(firstByte + i);
        }
        int extra = bytes * 8 - skip - n;
        return (value >>> extra) & ((1L << n) - 1);
    }

    /** Copies bits [from, to) of the buffer into a new array, aligned at bit 0. */
    private byte[] copyBits(long from, long to) {
        long count = to - from;
        byte[] out = new byte[(int) ((count + 7) / 8)];
        int base = (int) (from / 8 - bufStart);
        int skip = (int) (from % 8);
        for (int i = 0; i < out.length; i++) {
            int hi = buf[base + i] & 0xFF;
            int lo = base + i + 1 < filled ? buf[base + i + 1] & 0xFF : 0;
            out[i] = (byte) (((hi << skip) | (lo >>> (8 - skip))) & 0xFF);
        }
        int tail = (int) (count % 8);
        if (tail != 0) {
            out[out.length - 1] &= (byte) (0xFF << (8 - tail));
        }
        return out;
    }

    // ---- units -----------------------------------------------------------------------------------------

    /** What the cutter hands the reader, in order: a {@link Bzip2Block} or a stream's end. */
    interface Unit {
        default void cancel() {
        }
    }

    /** The end of one bzip2 stream, with the combined CRC it stores. */
    private record StreamEnd(int storedCrc) implements Unit {
    }
}
