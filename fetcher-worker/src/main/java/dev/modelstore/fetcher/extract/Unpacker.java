package dev.modelstore.fetcher.extract;

import dev.modelstore.fetcher.IngestCancelled;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.store.ModelWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.BufferedInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.apache.commons.compress.archivers.ArchiveException;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.compressors.CompressorException;
import org.apache.commons.compress.compressors.CompressorStreamFactory;

/**
 * The extractor registry: recognises a single object by its content (magic bytes, not its name),
 * decompresses gzip or bzip2 while streaming (bzip2 on every core, see
 * {@link ParallelBzip2InputStream}), and extracts tar or zip archives through their
 * {@link ArchiveExtractor}. Anything else is stored as one file.
 */
@ApplicationScoped
public class Unpacker {

    private static final int PEEK_BUFFER = 64 * 1024;
    private static final Map<String, String> COMPRESSED_SUFFIXES = Map.of(
            CompressorStreamFactory.GZIP, "(?i)\\.(gz|gzip)$",
            CompressorStreamFactory.BZIP2, "(?i)\\.(bz2|bzip2)$");
    private static final Map<String, String> TAR_SHORTHANDS = Map.of("(?i)\\.tgz$", ".tar", "(?i)\\.tbz2?$", ".tar");

    /** bzip2 blocks decode on every core (shared by all ingests); each stream keeps a few blocks ahead. */
    private static final int CORES = Runtime.getRuntime().availableProcessors();
    private static final ExecutorService BZIP2_DECODERS = Executors.newFixedThreadPool(CORES, runnable -> {
        Thread thread = new Thread(runnable, "bzip2-decoder");
        thread.setDaemon(true);
        return thread;
    });
    private static final int BZIP2_DEPTH = CORES + 2;

    private final Map<String, ArchiveExtractor> extractors;

    public Unpacker() {
        this(List.of(new TarExtractor(), new ZipExtractor()));
    }

    Unpacker(List<ArchiveExtractor> extractors) {
        this.extractors = extractors.stream().collect(Collectors.toMap(ArchiveExtractor::format, Function.identity()));
    }

    /** The compression formats decompressed on the way in. */
    public Set<String> compressions() {
        return COMPRESSED_SUFFIXES.keySet();
    }

    /**
     * Stores a single object: extracted if it is a (possibly compressed) archive, else as one file
     * named {@code name} (without its compression suffix if it was decompressed).
     */
    public void unpack(String name, InputStream raw, long length, ModelWriter writer) throws IOException {
        InputStream in = new BufferedInputStream(raw, PEEK_BUFFER);
        String compression = detectCompression(in);
        String innerName = name;
        long innerLength = length;
        if (compression != null) {
            try {
                InputStream decompressed = compression.equals(CompressorStreamFactory.BZIP2)
                        ? new ParallelBzip2InputStream(in, BZIP2_DECODERS, BZIP2_DEPTH)
                        : new CompressorStreamFactory(true).createCompressorInputStream(compression, in);
                in = new BufferedInputStream(decompressed, PEEK_BUFFER);
            } catch (CompressorException e) {
                throw new IngestFailure("the " + compression + " data of '" + name + "' is corrupt: " + e.getMessage(), e);
            }
            innerName = decompressedName(name, compression);
            innerLength = -1;
        }
        ArchiveExtractor extractor = extractors.get(detectArchive(in));
        if (extractor != null) {
            try {
                extractor.extract(in, writer);
            } catch (IngestFailure | IngestCancelled e) {
                throw e;
            } catch (IOException | RuntimeException e) {
                throw new IngestFailure("the archive '" + name + "' is corrupt or truncated (" + describe(e)
                        + "); check the file downloads completely and opens with "
                        + extractor.format() + " on your computer", e);
            }
        } else if (compression != null) {
            try {
                writer.file(innerName, in, innerLength);
            } catch (IOException e) {
                throw new IngestFailure("the " + compression + " file '" + name + "' is corrupt or truncated ("
                        + describe(e) + ")", e);
            }
        } else {
            writer.file(innerName, in, innerLength);
        }
    }

    private String detectCompression(InputStream in) {
        try {
            String detected = CompressorStreamFactory.detect(in);
            return COMPRESSED_SUFFIXES.containsKey(detected) ? detected : null;
        } catch (CompressorException e) {
            return null;
        }
    }

    private static String detectArchive(InputStream in) {
        try {
            return ArchiveStreamFactory.detect(in);
        } catch (ArchiveException e) {
            return null;
        }
    }

    private static String decompressedName(String name, String compression) {
        String stripped = name.replaceFirst(COMPRESSED_SUFFIXES.get(compression), "");
        for (Map.Entry<String, String> shorthand : TAR_SHORTHANDS.entrySet()) {
            stripped = stripped.replaceFirst(shorthand.getKey(), shorthand.getValue());
        }
        return stripped.isEmpty() ? "download" : stripped;
    }

    private static String describe(Exception e) {
        return e.getMessage() == null ? e.getClass().getSimpleName() : e.getMessage();
    }
}
