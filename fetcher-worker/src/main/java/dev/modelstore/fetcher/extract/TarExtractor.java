package dev.modelstore.fetcher.extract;

import dev.modelstore.fetcher.store.ModelWriter;
import java.io.IOException;
import java.io.InputStream;
import org.apache.commons.compress.archivers.ArchiveStreamFactory;
import org.apache.commons.compress.archivers.tar.TarArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.jboss.logging.Logger;

/** Tar (ustar, GNU, PAX): regular files, symbolic and hard links; devices and FIFOs are skipped. */
public class TarExtractor implements ArchiveExtractor {

    private static final Logger LOG = Logger.getLogger(TarExtractor.class);

    @Override
    public String format() {
        return ArchiveStreamFactory.TAR;
    }

    @Override
    public void extract(InputStream archive, ModelWriter writer) throws IOException {
        TarArchiveInputStream tar = new TarArchiveInputStream(archive);
        TarArchiveEntry entry;
        while ((entry = tar.getNextEntry()) != null) {
            if (entry.isDirectory()) {
                continue;
            } else if (entry.isFIFO() || entry.isCharacterDevice() || entry.isBlockDevice()) {
                writer.note("left out '" + entry.getName() + "': a " + (entry.isFIFO() ? "FIFO" : "device")
                        + " entry of the archive, which a model cannot hold (only files, folders and links)");
            } else if (entry.isSymbolicLink()) {
                writer.symlink(entry.getName(), entry.getLinkName());
            } else if (entry.isLink()) {
                writer.hardlink(entry.getName(), entry.getLinkName());
            } else if (entry.isFile()) {
                writer.file(entry.getName(), tar, entry.getSize());
            } else {
                LOG.debugf("skipping tar entry %s of a special type", entry.getName());
            }
        }
    }
}
