package dev.modelstore.cli;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.time.Duration;
import java.util.Set;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Fetches one file of a model to its place: into {@code <name>.part}, resumed from the part's length
 * with a {@code Range} request (started over when the server answers the whole file), checked against
 * the manifest's SHA-256 before it takes its name. A file already in place with the right size and
 * SHA-256 is left alone; a mismatch deletes the part and fetches the file once more, then fails.
 */
final class FileFetcher {

    /** What became of a file. */
    enum Outcome { FETCHED, ALREADY_THERE }

    /** Attempts at a file over a network that fails (connection lost, 5xx), resuming each time. */
    static final int NETWORK_ATTEMPTS = 5;

    /** One copy buffer per fetching thread (10,000 small files need not allocate 10,000 buffers). */
    private static final ThreadLocal<byte[]> BUFFERS = ThreadLocal.withInitial(() -> new byte[128 * 1024]);
    private static final Set<Integer> RETRIED = Set.of(408, 429, 500, 502, 503, 504);
    private static final Pattern CONTENT_RANGE = Pattern.compile("bytes (\\d+)-(\\d+)/(\\d+|\\*)");

    private final Function<String, FileGets.Source> sources;
    private final DownloadProgress progress;
    private final long retryDelayMillis;
    private final ChunkedFetch chunked;
    private DirectLinks links;

    /**
     * A fetcher reading each file from {@code sources.apply(path)} (the API), counting bytes in
     * {@code progress}, waiting {@code retryDelayMillis} (doubled each time) before a network retry.
     */
    FileFetcher(Function<String, FileGets.Source> sources, DownloadProgress progress, long retryDelayMillis) {
        this(sources, progress, retryDelayMillis, 1);
    }

    /** A fetcher that fetches files of {@link ChunkedFetch#THRESHOLD} and more as {@code streams} ranges at once. */
    FileFetcher(Function<String, FileGets.Source> sources, DownloadProgress progress, long retryDelayMillis,
            int streams) {
        this.sources = sources;
        this.progress = progress;
        this.retryDelayMillis = retryDelayMillis;
        this.chunked = streams > 1 ? new ChunkedFetch(sources, progress, streams) : null;
    }

    /** Reads files from the store itself where {@code links} has a link for them (else through the API). */
    FileFetcher withLinks(DirectLinks links) {
        this.links = links;
        return this;
    }

    /** The part file a download of {@code target} writes. */
    static Path partOf(Path target) {
        return target.resolveSibling(target.getFileName() + ".part");
    }

    /** Fetches the file to {@code target} (whose folder exists inside the download's folder). */
    Outcome fetch(Manifest.FileEntry file, Path target) throws IOException, InterruptedException {
        if (Files.isRegularFile(target, LinkOption.NOFOLLOW_LINKS) && Files.size(target) == file.size()
                && Sha256.of(target).equals(file.sha256())) {
            progress.present(file.size());
            progress.fileDone();
            return Outcome.ALREADY_THERE;
        }
        Path part = partOf(target);
        for (int attempt = 1; ; attempt++) {
            String sha256 = download(file, part);
            if (sha256.equals(file.sha256())) {
                Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
                progress.fileDone();
                return Outcome.FETCHED;
            }
            Files.deleteIfExists(part);
            progress.present(-file.size());
            if (attempt == 2) {
                throw new IOException("'" + file.path() + "' does not match the manifest after two downloads "
                        + "(SHA-256 " + sha256 + ", expected " + file.sha256() + ")");
            }
        }
    }

    /** Completes the part file (resuming it when it has bytes already); answers its SHA-256. */
    private String download(Manifest.FileEntry file, Path part) throws IOException, InterruptedException {
        long wait = retryDelayMillis;
        for (int attempt = 1; ; attempt++) {
            long[] counted = {0};
            try {
                if (Files.isSymbolicLink(part)) {
                    Files.delete(part);
                } else if (SafePaths.present(part) && !Files.isRegularFile(part, LinkOption.NOFOLLOW_LINKS)) {
                    throw new Refused("'" + part + "' is in the way: it is not a file");
                }
                if (chunked != null && file.size() >= ChunkedFetch.THRESHOLD
                        && (!SafePaths.present(part) || ChunkedFetch.begun(part))) {
                    try {
                        return chunked.fetch(file, part);
                    } catch (ChunkedFetch.NoRanges noRanges) {
                        // fetched in one stream below, from the start
                        Files.deleteIfExists(part);
                        Files.deleteIfExists(ChunkedFetch.chunksOf(part));
                    }
                }
                MessageDigest digest = Sha256.digest();
                if (file.size() == 0) {
                    Files.write(part, new byte[0], StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                            StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS);
                    return Sha256.hex(digest);
                }
                long have = Files.exists(part, LinkOption.NOFOLLOW_LINKS) ? Files.size(part) : 0;
                if (have > file.size()) {
                    Files.delete(part);
                    have = 0;
                }
                if (have > 0) {
                    Sha256.update(digest, part);
                    progress.present(have);
                    counted[0] = have;
                }
                if (have < file.size()) {
                    receive(file, part, have, digest, counted);
                }
                return Sha256.hex(digest);
            } catch (Refused refused) {
                progress.present(-counted[0]);
                throw refused;
            } catch (IOException | Retry failed) {
                progress.present(-counted[0]);
                if (attempt >= NETWORK_ATTEMPTS) {
                    throw new IOException("'" + file.path() + "' failed after " + attempt + " attempts: "
                            + failed.getMessage(), failed);
                }
                if (!(failed instanceof Retry retry && retry.atOnce)) {
                    Thread.sleep(wait);
                    wait = Math.min(wait * 2, 30_000);
                }
            }
        }
    }

    /**
     * One request from byte {@code have}; afterwards the part holds the whole file. {@code counted[0]}
     * follows the bytes of the part counted in the progress.
     */
    private void receive(Manifest.FileEntry file, Path part, long have, MessageDigest digest, long[] counted)
            throws IOException, InterruptedException, Retry {
        FileGets.Source source = (links == null ? java.util.Optional.<java.net.URI>empty() : links.link(file.path()))
                .map(FileGets.Source::direct).orElseGet(() -> sources.apply(file.path()));
        java.util.Map<String, String> headers = new java.util.HashMap<>();
        if (have > 0) {
            headers.put("Range", "bytes=" + have + "-");
            if (!source.direct()) {
                // the store's ETag is not the SHA-256: from the store, the SHA-256 of the whole file checks the resume
                headers.put("If-Range", "\"" + file.sha256() + "\"");
            }
        }
        try (FileGets.Answer response = FileGets.get(source, headers, Duration.ofSeconds(60))) {
            InputStream body = response.body();
            int status = response.status();
            if (source.direct() && status != 200 && status != 206) {
                // an expired or refused link: the next attempt reads the file through the API
                links.failed(file.path());
                throw new Retry("the store answered " + status + " for a link to '" + file.path() + "'", true);
            }
            long position;
            if (status == 206 && have > 0) {
                position = rangeStart(response);
                if (position != have) {
                    Files.delete(part);
                    throw new Retry("the server sent '" + file.path() + "' from byte " + position + " instead of " + have);
                }
            } else if (status == 200) {
                // the whole file: a resumed part starts over
                position = 0;
                progress.present(-counted[0]);
                counted[0] = 0;
                digest.reset();
            } else if (status == 416) {
                Files.delete(part);
                throw new Retry("the server refused to resume '" + file.path() + "' at byte " + have);
            } else if (RETRIED.contains(status)) {
                throw new Retry("the API answered " + status + " for '" + file.path() + "'");
            } else {
                throw new Refused("the API answered " + status + " for '" + file.path() + "': " + message(body));
            }
            StandardOpenOption mode = position == 0 ? StandardOpenOption.TRUNCATE_EXISTING : StandardOpenOption.APPEND;
            try (FileChannel out = FileChannel.open(part, StandardOpenOption.CREATE, StandardOpenOption.WRITE, mode,
                    LinkOption.NOFOLLOW_LINKS)) {
                byte[] buffer = BUFFERS.get();
                for (int n; (n = body.read(buffer)) > 0; ) {
                    if (position + n > file.size()) {
                        throw new Refused("the server sent more of '" + file.path() + "' than the manifest's "
                                + file.size() + " bytes");
                    }
                    ByteBuffer bytes = ByteBuffer.wrap(buffer, 0, n);
                    while (bytes.hasRemaining()) {
                        out.write(bytes);
                    }
                    digest.update(buffer, 0, n);
                    position += n;
                    counted[0] += n;
                    progress.transferred(n);
                }
            }
            if (position != file.size()) {
                throw new Retry("'" + file.path() + "' ended at byte " + position + " of " + file.size());
            }
        }
    }

    private static long rangeStart(FileGets.Answer response) throws Retry {
        String header = response.header("Content-Range");
        Matcher range = CONTENT_RANGE.matcher(header.trim());
        if (!range.matches()) {
            throw new Retry("the server answered 206 without a valid Content-Range ('" + header + "')");
        }
        return Long.parseLong(range.group(1));
    }

    private static String message(InputStream body) {
        try {
            String text = new String(body.readNBytes(4096), StandardCharsets.UTF_8);
            var json = ApiCommand.JSON.readTree(text);
            return json != null && json.has("message") ? json.get("message").asText() : text;
        } catch (IOException | RuntimeException e) {
            return "(no message)";
        }
    }

    /** A failure worth another attempt, resuming from what the part holds. */
    private static final class Retry extends Exception {
        final boolean atOnce;

        Retry(String message) {
            this(message, false);
        }

        /** {@code atOnce}: the next attempt goes another way, so it need not wait. */
        Retry(String message, boolean atOnce) {
            super(message);
            this.atOnce = atOnce;
        }
    }

    /** A failure another attempt cannot mend. */
    static final class Refused extends IOException {
        Refused(String message) {
            super(message);
        }
    }
}
