package dev.modelstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Function;

/**
 * Fetches one large file as several ranges at once (as {@code rclone}'s multi-thread streams do),
 * from the store itself where the API hands out a presigned redirect (else through the API):
 * the part file is written at each range's offset, every completed range is recorded in
 * {@code <name>.part.chunks} so that a stopped download resumes with the ranges it lacks, and the
 * SHA-256 is computed over the contiguous prefix of completed ranges as they complete (read back
 * from the part, mostly from the page cache), so that checking overlaps with fetching.
 */
final class ChunkedFetch {

    /** Files from this size on are fetched in ranges. */
    static final long THRESHOLD = 64L * 1024 * 1024;
    /** The size of one range. */
    static final long CHUNK = 32L * 1024 * 1024;

    /** The server does not answer ranges (200 to a range request): fetch the file in one stream. */
    static final class NoRanges extends IOException {
        NoRanges(String message) {
            super(message);
        }
    }

    private final Function<String, FileGets.Source> sources;
    private final DownloadProgress progress;
    private final int streams;

    ChunkedFetch(Function<String, FileGets.Source> sources, DownloadProgress progress, int streams) {
        this.sources = sources;
        this.progress = progress;
        this.streams = streams;
    }

    /** The record of a part's completed ranges. */
    static Path chunksOf(Path part) {
        return part.resolveSibling(part.getFileName() + ".chunks");
    }

    /** Whether the part was begun by a chunked fetch (so a resume continues it chunk by chunk). */
    static boolean begun(Path part) {
        return Files.isRegularFile(chunksOf(part), LinkOption.NOFOLLOW_LINKS);
    }

    /** Completes the part file, resuming the ranges it lacks; answers the SHA-256 of the whole file. */
    String fetch(Manifest.FileEntry file, Path part) throws IOException, InterruptedException {
        int count = (int) ((file.size() + CHUNK - 1) / CHUNK);
        Path record = chunksOf(part);
        BitSet done = new BitSet(count);
        if (Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS) && begun(part)) {
            for (String line : Files.readAllLines(record, StandardCharsets.US_ASCII)) {
                if (line.matches("\\d{1,9}") && Integer.parseInt(line) < count) {
                    done.set(Integer.parseInt(line));
                }
            }
        } else {
            Files.deleteIfExists(part);
            Files.deleteIfExists(record);
            Files.writeString(record, "", StandardCharsets.US_ASCII, StandardOpenOption.CREATE_NEW);
        }
        long already = 0;
        for (int i = done.nextSetBit(0); i >= 0; i = done.nextSetBit(i + 1)) {
            already += length(file, i);
        }
        progress.present(already);
        java.util.concurrent.atomic.AtomicLong counted = new java.util.concurrent.atomic.AtomicLong(already);
        try {
            return fetchMissing(file, part, record, done, count, counted);
        } catch (IOException | InterruptedException | RuntimeException e) {
            // what this attempt counted is counted again by the next (completed ranges stay on disk)
            progress.present(-counted.get());
            throw e;
        }
    }

    /**
     * Where the ranges are read: the store itself when the API offers a presigned redirect for the file
     * (as rclone reads the store, without model-api in the way), else the API.
     */
    private FileGets.Source source(Manifest.FileEntry file) throws IOException {
        FileGets.Source api = sources.apply(file.path());
        FileGets.Source probe = new FileGets.Source(java.net.URI.create(api.uri() + "?redirect=true"), api.authorization());
        // A server that ignores redirect=true answers one byte of the file, not all of it.
        try (FileGets.Answer answer = FileGets.get(probe, java.util.Map.of("Range", "bytes=0-0"), Duration.ofSeconds(30))) {
            answer.body().readNBytes(64 * 1024);
            String location = answer.header("Location");
            if (answer.status() == 302 && !location.isEmpty()) {
                return FileGets.Source.direct(java.net.URI.create(location));
            }
        }
        return api;
    }

    private String fetchMissing(Manifest.FileEntry file, Path part, Path record, BitSet done, int count,
            java.util.concurrent.atomic.AtomicLong counted) throws IOException, InterruptedException {
        FileGets.Source source = source(file);
        Hasher hasher = new Hasher(part, file, done);
        ExecutorService pool = Executors.newFixedThreadPool(Math.max(1, Math.min(streams, count)), runnable -> {
            Thread thread = new Thread(runnable, "range");
            thread.setDaemon(true);
            return thread;
        });
        AtomicInteger next = new AtomicInteger();
        List<Future<Void>> workers = new ArrayList<>();
        try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
                LinkOption.NOFOLLOW_LINKS); FileChannel chunks = FileChannel.open(record, StandardOpenOption.APPEND,
                LinkOption.NOFOLLOW_LINKS)) {
            hasher.advance();
            for (int w = 0; w < Math.min(streams, count); w++) {
                workers.add(pool.submit(() -> {
                    for (int i; (i = next.getAndIncrement()) < count; ) {
                        if (hasher.isDone(i)) {
                            continue;
                        }
                        fetchChunk(file, i, out, counted, source);
                        synchronized (chunks) {
                            chunks.write(ByteBuffer.wrap((i + "\n").getBytes(StandardCharsets.US_ASCII)));
                        }
                        hasher.completed(i);
                    }
                    return null;
                }));
            }
            for (Future<Void> worker : workers) {
                try {
                    worker.get();
                } catch (ExecutionException e) {
                    workers.forEach(f -> f.cancel(true));
                    if (e.getCause() instanceof IOException io) {
                        throw io;
                    }
                    throw new IOException(e.getCause().getMessage(), e.getCause());
                }
            }
        } catch (IOException | RuntimeException | InterruptedException e) {
            hasher.stop();
            throw e;
        } finally {
            pool.shutdownNow();
        }
        String sha256 = hasher.finish();
        Files.deleteIfExists(record);
        return sha256;
    }

    private static long length(Manifest.FileEntry file, int chunk) {
        return Math.min(CHUNK, file.size() - chunk * CHUNK);
    }

    /** One range, written at its offset; a short or failed range is an IOException (the whole fetch is retried and resumes). */
    private void fetchChunk(Manifest.FileEntry file, int chunk, FileChannel out, java.util.concurrent.atomic.AtomicLong counted,
            FileGets.Source source) throws IOException {
        long first = chunk * CHUNK;
        long last = first + length(file, chunk) - 1;
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        headers.put("Range", "bytes=" + first + "-" + last);
        if (!source.direct()) {
            // the store's ETag is not the SHA-256, so no If-Range there: the SHA-256 of the whole file checks it instead
            headers.put("If-Range", "\"" + file.sha256() + "\"");
        }
        try (FileGets.Answer response = FileGets.get(source, headers, Duration.ofSeconds(60))) {
            InputStream body = response.body();
            if (response.status() == 200) {
                throw new NoRanges("the server sent the whole of '" + file.path() + "' for a range");
            }
            if (response.status() != 206) {
                throw new IOException("the " + (source.direct() ? "store" : "API") + " answered " + response.status()
                        + " for a range of '" + file.path() + "'");
            }
            String expected = "bytes " + first + "-" + last + "/" + file.size();
            if (!expected.equals(response.header("Content-Range"))) {
                throw new IOException("the server sent another range of '" + file.path() + "' than asked");
            }
            byte[] buffer = new byte[256 * 1024];
            long position = first;
            for (int n; (n = body.read(buffer)) > 0; ) {
                if (position + n > last + 1) {
                    throw new IOException("the server sent more of '" + file.path() + "' than the range asked");
                }
                ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                while (bytes.hasRemaining()) {
                    position += out.write(bytes, position);
                }
                progress.transferred(n);
                counted.addAndGet(n);
            }
            if (position != last + 1) {
                throw new IOException("a range of '" + file.path() + "' ended at byte " + position + " of " + (last + 1));
            }
        }
    }

    /**
     * Hashes the contiguous completed prefix of the file on a thread of its own, as ranges complete,
     * reading it back from the part (mostly from the page cache): fetching never waits for hashing.
     */
    private static final class Hasher {
        private final Path part;
        private final Manifest.FileEntry file;
        private final int count;
        private final java.util.concurrent.atomic.AtomicIntegerArray done;
        private final MessageDigest digest = Sha256.digest();
        private final Object signal = new Object();
        private final Thread thread;
        private volatile IOException failure;
        private volatile boolean stopped;
        private int hashed;

        Hasher(Path part, Manifest.FileEntry file, BitSet already) {
            this.part = part;
            this.file = file;
            this.count = (int) ((file.size() + CHUNK - 1) / CHUNK);
            this.done = new java.util.concurrent.atomic.AtomicIntegerArray(count);
            for (int i = already.nextSetBit(0); i >= 0; i = already.nextSetBit(i + 1)) {
                done.set(i, 1);
            }
            this.thread = new Thread(this::run, "hash");
            thread.setDaemon(true);
        }

        boolean isDone(int chunk) {
            return done.get(chunk) == 1;
        }

        void completed(int chunk) {
            done.set(chunk, 1);
            synchronized (signal) {
                signal.notifyAll();
            }
        }

        void advance() {
            thread.start();
        }

        private void run() {
            try (FileChannel in = FileChannel.open(part, StandardOpenOption.READ, LinkOption.NOFOLLOW_LINKS)) {
                ByteBuffer buffer = ByteBuffer.allocate(1 << 20);
                while (hashed < count && !stopped) {
                    if (done.get(hashed) == 0) {
                        synchronized (signal) {
                            if (done.get(hashed) == 0 && !stopped) {
                                signal.wait(100);
                            }
                        }
                        continue;
                    }
                    long position = hashed * CHUNK;
                    long end = position + length(file, hashed);
                    while (position < end) {
                        buffer.clear().limit((int) Math.min(buffer.capacity(), end - position));
                        int read = in.read(buffer, position);
                        if (read < 0) {
                            throw new IOException("the part of '" + file.path() + "' is shorter than its ranges");
                        }
                        digest.update(buffer.array(), 0, read);
                        position += read;
                    }
                    hashed++;
                }
            } catch (IOException e) {
                failure = e;
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
        }

        /** Waits for the hash of the whole file (every range completed). */
        String finish() throws IOException, InterruptedException {
            synchronized (signal) {
                signal.notifyAll();
            }
            thread.join();
            if (failure != null) {
                throw failure;
            }
            if (hashed < count) {
                throw new IOException("'" + file.path() + "' was not hashed whole");
            }
            return Sha256.hex(digest);
        }

        /** Ends the thread (the fetch failed). */
        void stop() {
            stopped = true;
            synchronized (signal) {
                signal.notifyAll();
            }
        }
    }
}
