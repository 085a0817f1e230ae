package dev.modelstore.support.archive;

import dev.modelstore.support.objectstore.ModelLinks;
import dev.modelstore.support.objectstore.ModelManifest;
import java.io.BufferedOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.InterruptedIOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Future;
import java.util.zip.Deflater;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.tar.TarConstants;
import org.apache.commons.compress.archivers.zip.UnixStat;
import org.apache.commons.compress.archivers.zip.Zip64Mode;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;

/**
 * A model (or one of its folders) written as one tar or zip stream, built on the fly from the
 * manifest with bounded memory: every file's bytes are read from the store as they are written, each
 * checked against the manifest's size and SHA-256 (a mismatch ends the stream with an error rather
 * than send wrong bytes as right), and the model's symbolic links kept as links. Small files are read
 * a few at a time ahead of the writer so that a model of many small files is not bound by one
 * request's latency per file; memory stays below {@link #READ_AHEAD} × {@link #SMALL_FILE_BYTES}.
 */
public final class ModelArchive {

    /** How many small files are read ahead of the writer at most. */
    static final int READ_AHEAD = 16;
    /** Files up to this size are read ahead whole; larger ones are streamed when their turn comes. */
    static final int SMALL_FILE_BYTES = 128 * 1024;

    /** The archive formats a model is offered in. */
    public enum Format {
        TAR("tar", "application/x-tar"),
        ZIP("zip", "application/zip");

        private final String extension;
        private final String mediaType;

        Format(String extension, String mediaType) {
            this.extension = extension;
            this.mediaType = mediaType;
        }

        /** The file name extension, without its dot. */
        public String extension() {
            return extension;
        }

        /** The media type of the stream. */
        public String mediaType() {
            return mediaType;
        }

        /** The format a query names ({@code tar}, {@code zip}); null when it names none of them. */
        public static Format of(String name) {
            for (Format format : values()) {
                if (format.extension.equalsIgnoreCase(name)) {
                    return format;
                }
            }
            return null;
        }
    }

    /** Opens the stored bytes of one of the model's files. */
    @FunctionalInterface
    public interface Opener {
        InputStream open(ModelManifest.File file) throws IOException;
    }

    /**
     * One entry of the archive: a file (its bytes those of {@code file}) or a link to {@code linkTarget}.
     *
     * @param name the path inside the archive
     */
    public record Entry(String name, ModelManifest.File file, String linkTarget) {

        /** The bytes the entry holds. */
        public long size() {
            return file == null ? 0 : file.size();
        }
    }

    /** What an archive holds: its entries, in the manifest's order. */
    public record Selection(List<Entry> entries) {

        /** The bytes of file content in the archive. */
        public long bytes() {
            return entries.stream().mapToLong(Entry::size).sum();
        }

        /** How many files (not links) the archive holds. */
        public long files() {
            return entries.stream().filter(e -> e.file() != null).count();
        }
    }

    private ModelArchive() {
    }

    /**
     * The entries of the whole model ({@code folder} empty) or of one of its folders ({@code a/b/}),
     * named relative to that folder. The whole model keeps its links as written; a folder's links are
     * rewritten to lead where they led (relative to the link), and a link that leads out of the
     * folder becomes a copy of the file it leads to (or is left out when it leads to a folder outside).
     * Empty when the folder holds nothing.
     */
    public static Selection select(ModelManifest manifest, String folder) {
        String prefix = folder == null ? "" : folder;
        Map<String, ModelManifest.File> files = new HashMap<>();
        manifest.files().forEach(f -> files.put(f.path(), f));
        Map<String, String> links = new HashMap<>();
        manifest.links().forEach(l -> links.put(l.path(), l.target()));
        List<Entry> entries = new ArrayList<>();
        for (ModelManifest.File file : manifest.files()) {
            if (file.path().startsWith(prefix)) {
                entries.add(new Entry(file.path().substring(prefix.length()), file, null));
            }
        }
        for (ModelManifest.Link link : manifest.links()) {
            if (!link.path().startsWith(prefix)) {
                continue;
            }
            String name = link.path().substring(prefix.length());
            if (prefix.isEmpty()) {
                entries.add(new Entry(name, null, link.target()));
                continue;
            }
            String resolved = ModelLinks.resolve(link.path(), links);
            if (resolved.startsWith(prefix)) {
                entries.add(new Entry(name, null, relative(name, resolved.substring(prefix.length()))));
            } else if (files.containsKey(resolved)) {
                entries.add(new Entry(name, files.get(resolved), null));
            }
        }
        return new Selection(List.copyOf(entries));
    }

    /** The path from the folder of {@code from} to {@code to}, both relative to one root. */
    static String relative(String from, String to) {
        String[] fromParts = from.split("/");
        String[] toParts = to.split("/");
        int common = 0;
        while (common < fromParts.length - 1 && common < toParts.length && fromParts[common].equals(toParts[common])) {
            common++;
        }
        StringBuilder path = new StringBuilder();
        for (int i = common; i < fromParts.length - 1; i++) {
            path.append("../");
        }
        for (int i = common; i < toParts.length; i++) {
            path.append(toParts[i]);
            if (i < toParts.length - 1) {
                path.append('/');
            }
        }
        return path.length() == 0 ? "." : path.toString();
    }

    /**
     * Writes the selection to {@code out} (not closed) as one archive.
     *
     * @param modifiedAt the time every entry carries (the model's creation)
     * @param readers threads that read small files ahead of the writer; null reads each when written
     * @param progress told the bytes of each file once it is written; may be null
     */
    public static void write(Selection selection, Format format, Instant modifiedAt, Opener opener, ExecutorService readers,
            OutputStream out, java.util.function.LongConsumer progress) throws IOException {
        BufferedOutputStream buffered = new BufferedOutputStream(new UnclosedStream(out), 256 * 1024);
        ReadAhead ahead = new ReadAhead(selection.entries(), opener, readers);
        try {
            if (format == Format.TAR) {
                writeTar(selection, modifiedAt, ahead, buffered, progress);
            } else {
                writeZip(selection, modifiedAt, ahead, buffered, progress);
            }
            buffered.flush();
        } finally {
            ahead.cancel();
        }
    }

    private static void writeTar(Selection selection, Instant modifiedAt, ReadAhead ahead, OutputStream out,
            java.util.function.LongConsumer progress) throws IOException {
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(out)) {
            tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
            tar.setBigNumberMode(TarArchiveOutputStream.BIGNUMBER_POSIX);
            tar.setAddPaxHeadersForNonAsciiNames(true);
            for (Entry entry : selection.entries()) {
                TarArchiveEntry tarEntry;
                if (entry.linkTarget() != null) {
                    tarEntry = new TarArchiveEntry(entry.name(), TarConstants.LF_SYMLINK);
                    tarEntry.setLinkName(entry.linkTarget());
                    tarEntry.setMode(0120777);
                } else {
                    tarEntry = new TarArchiveEntry(entry.name());
                    tarEntry.setSize(entry.size());
                    tarEntry.setMode(0100644);
                }
                tarEntry.setModTime(Date.from(modifiedAt));
                tar.putArchiveEntry(tarEntry);
                if (entry.file() != null) {
                    copyChecked(entry, ahead.next(entry), tar);
                    if (progress != null) {
                        progress.accept(entry.size());
                    }
                }
                tar.closeArchiveEntry();
            }
            tar.finish();
        }
    }

    private static void writeZip(Selection selection, Instant modifiedAt, ReadAhead ahead, OutputStream out,
            java.util.function.LongConsumer progress) throws IOException {
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(out)) {
            zip.setUseZip64(Zip64Mode.AsNeeded);
            zip.setLevel(Deflater.BEST_SPEED);
            zip.setEncoding(StandardCharsets.UTF_8.name());
            for (Entry entry : selection.entries()) {
                ZipArchiveEntry zipEntry = new ZipArchiveEntry(entry.name());
                zipEntry.setTime(modifiedAt.toEpochMilli());
                zipEntry.setMethod(ZipArchiveEntry.DEFLATED);
                if (entry.linkTarget() != null) {
                    byte[] target = entry.linkTarget().getBytes(StandardCharsets.UTF_8);
                    zipEntry.setUnixMode(UnixStat.LINK_FLAG | 0777);
                    zipEntry.setSize(target.length);
                    zip.putArchiveEntry(zipEntry);
                    zip.write(target);
                } else {
                    zipEntry.setUnixMode(UnixStat.FILE_FLAG | 0644);
                    zipEntry.setSize(entry.size());
                    zip.putArchiveEntry(zipEntry);
                    copyChecked(entry, ahead.next(entry), zip);
                    if (progress != null) {
                        progress.accept(entry.size());
                    }
                }
                zip.closeArchiveEntry();
            }
            zip.finish();
        }
    }

    /** Copies one file's bytes, insisting on the manifest's size and SHA-256. */
    private static void copyChecked(Entry entry, InputStream content, OutputStream out) throws IOException {
        MessageDigest sha256 = sha256();
        long copied = 0;
        byte[] buffer = new byte[64 * 1024];
        try (InputStream in = content) {
            int read;
            while ((read = in.read(buffer)) >= 0) {
                copied += read;
                if (copied > entry.size()) {
                    break;
                }
                sha256.update(buffer, 0, read);
                out.write(buffer, 0, read);
            }
        }
        String digest = HexFormat.of().formatHex(sha256.digest());
        if (copied != entry.size() || (entry.file().sha256() != null && !entry.file().sha256().equals(digest))) {
            throw new StoredFileMismatch(entry.file().path());
        }
    }

    /** A stored file whose bytes are not those its manifest lists: the archive stops rather than carry them. */
    public static final class StoredFileMismatch extends IOException {
        public StoredFileMismatch(String path) {
            super("the stored bytes of '" + path + "' do not match the model's manifest (size or SHA-256)");
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /**
     * Reads the next few small files while the writer writes the current one; big files are opened
     * when their turn comes. Files are asked for strictly in the selection's order.
     */
    private static final class ReadAhead {

        private final List<Entry> files;
        private final Opener opener;
        private final ExecutorService readers;
        private final Map<Integer, Future<byte[]>> pending = new HashMap<>();
        private int cursor;
        private int considered;

        ReadAhead(List<Entry> entries, Opener opener, ExecutorService readers) {
            this.files = entries.stream().filter(e -> e.file() != null).toList();
            this.opener = opener;
            this.readers = readers;
        }

        /** The content of the next file entry, which must be {@code entry}. */
        InputStream next(Entry entry) throws IOException {
            int index = cursor++;
            if (index >= files.size() || files.get(index) != entry) {
                throw new IllegalStateException("files must be read in the selection's order");
            }
            Future<byte[]> read = pending.remove(index);
            fill(index + 1);
            if (read == null) {
                return opener.open(entry.file());
            }
            try {
                return new java.io.ByteArrayInputStream(read.get());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new InterruptedIOException("interrupted while reading '" + entry.file().path() + "'");
            } catch (ExecutionException e) {
                if (e.getCause() instanceof IOException io) {
                    throw io;
                }
                throw new IOException("cannot read '" + entry.file().path() + "': " + e.getCause(), e.getCause());
            }
        }

        /** Submits the small files from {@code from} on until the window is full. */
        private void fill(int from) {
            if (readers == null) {
                return;
            }
            considered = Math.max(considered, from);
            while (pending.size() < READ_AHEAD && considered < files.size() && considered < from + 4 * READ_AHEAD) {
                int index = considered++;
                Entry candidate = files.get(index);
                if (candidate.size() > SMALL_FILE_BYTES) {
                    continue;
                }
                pending.put(index, readers.submit(() -> {
                    try (InputStream in = opener.open(candidate.file())) {
                        return in.readNBytes(SMALL_FILE_BYTES + 1);
                    }
                }));
            }
        }

        void cancel() {
            pending.values().forEach(f -> f.cancel(true));
            pending.clear();
        }
    }

    /** Lets the archive streams close themselves without closing the response they write to. */
    private static final class UnclosedStream extends java.io.FilterOutputStream {
        UnclosedStream(OutputStream out) {
            super(out);
        }

        @Override
        public void write(byte[] b, int off, int len) throws IOException {
            out.write(b, off, len);
        }

        @Override
        public void close() throws IOException {
            flush();
        }
    }
}
