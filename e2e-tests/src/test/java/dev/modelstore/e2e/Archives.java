package dev.modelstore.e2e;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveOutputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.apache.commons.compress.compressors.bzip2.BZip2CompressorOutputStream;
import org.apache.commons.compress.compressors.gzip.GzipCompressorOutputStream;

/** Builds the archives the tests serve: real tar, gzip, bzip2 and zip bytes made with commons-compress. */
final class Archives {

    private Archives() {
    }

    /** A few nested files, one of them large and random, keyed by path. */
    static Map<String, byte[]> nestedFiles(long seed) {
        Random random = new Random(seed);
        byte[] weights = new byte[3 * 1024 * 1024 + 17];
        random.nextBytes(weights);
        Map<String, byte[]> files = new TreeMap<>();
        files.put("config.json", "{\"layers\": 12}".getBytes(StandardCharsets.UTF_8));
        files.put("weights/model.bin", weights);
        files.put("weights/empty.bin", new byte[0]);
        files.put("tokenizer/vocab/ünïcode-vocab.txt", "a\nb\nc\n".getBytes(StandardCharsets.UTF_8));
        return files;
    }

    static byte[] tarGz(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream gz = new GzipCompressorOutputStream(bytes)) {
            writeTar(gz, files);
        }
        return bytes.toByteArray();
    }

    static byte[] tarBz2(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (OutputStream bz = new BZip2CompressorOutputStream(bytes)) {
            writeTar(bz, files);
        }
        return bytes.toByteArray();
    }

    static byte[] zip(Map<String, byte[]> files) throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }

    /** A tar.gz whose second entry is a symbolic link pointing outside the model. */
    static byte[] tarGzWithEscapingLink() throws IOException {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (TarArchiveOutputStream tar = new TarArchiveOutputStream(new GzipCompressorOutputStream(bytes))) {
            addFile(tar, "ok.txt", "fine".getBytes(StandardCharsets.UTF_8));
            TarArchiveEntry link = new TarArchiveEntry("passwd", TarArchiveEntry.LF_SYMLINK);
            link.setLinkName("../../../../etc/passwd");
            tar.putArchiveEntry(link);
            tar.closeArchiveEntry();
        }
        return bytes.toByteArray();
    }

    private static void writeTar(OutputStream out, Map<String, byte[]> files) throws IOException {
        TarArchiveOutputStream tar = new TarArchiveOutputStream(out);
        tar.setLongFileMode(TarArchiveOutputStream.LONGFILE_POSIX);
        for (Map.Entry<String, byte[]> file : files.entrySet()) {
            addFile(tar, file.getKey(), file.getValue());
        }
        tar.finish();
    }

    private static void addFile(TarArchiveOutputStream tar, String name, byte[] content) throws IOException {
        TarArchiveEntry entry = new TarArchiveEntry(name);
        entry.setSize(content.length);
        tar.putArchiveEntry(entry);
        tar.write(content);
        tar.closeArchiveEntry();
    }
}
