package dev.modelstore.fetcher.extract;

import dev.modelstore.fetcher.store.ModelWriter;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;

/** Zip, read as a stream (entries with data descriptors included); Unix symbolic links become links. */
public class ZipExtractor implements ArchiveExtractor {

    private static final int MAX_LINK_TARGET = 4096;

    @Override
    public String format() {
        return ArchiveStreamFactory.ZIP;
    }

    @Override
    public void extract(InputStream archive, ModelWriter writer) throws IOException {
        ZipArchiveInputStream zip = new ZipArchiveInputStream(archive, StandardCharsets.UTF_8.name(), true, true);
        ZipArchiveEntry entry;
        while ((entry = zip.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            }
            if (entry.isUnixSymlink()) {
                byte[] target = zip.readNBytes(MAX_LINK_TARGET);
                writer.symlink(entry.getName(), new String(target, StandardCharsets.UTF_8));
            } else {
                writer.file(entry.getName(), zip, entry.getSize());
            }
        }
    }
}
