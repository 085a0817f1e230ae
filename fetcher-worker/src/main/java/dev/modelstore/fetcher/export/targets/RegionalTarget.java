package dev.modelstore.fetcher.export.targets;

import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.export.ExportFailure;
import dev.modelstore.fetcher.source.SourceCredential;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code regional} exports: {@code <datastore>/path/} in one of the project's datastores, mounted at
 * {@code <datastore-root>/<project id>/<datastore>}. Each file is written to a temporary name beside
 * its place and moved there once complete, so a reader never sees half a file; no path may leave the
 * datastore, and none is written through a symbolic link.
 */
@ApplicationScoped
public class RegionalTarget implements ExportTarget {

    private final Path root;

    RegionalTarget(FetcherConfig config) {
        this.root = config.sources().datastoreRoot().toAbsolutePath().normalize();
    }

    @Override
    public Set<String> types() {
        return Set.of("regional");
    }

    @Override
    public Session open(ModelExportRequested request, Optional<SourceCredential> credential) throws IOException {
        String uri = request.outputUri();
        int slash = uri.indexOf('/');
        String name = slash < 0 ? uri : uri.substring(0, slash);
        String prefix = ExportTarget.folder(slash < 0 ? "" : uri.substring(slash + 1));
        Path projectRoot = root.resolve(request.projectId().toString());
        Path datastore = projectRoot.resolve(name).normalize();
        // Only a datastore of the export's own project, never the root or another project's folder (the
        // datastore itself may be an operator's link to a mount; nothing is written through links inside it).
        if (name.isEmpty() || !projectRoot.equals(datastore.getParent()) || !Files.isDirectory(datastore)) {
            throw new ExportFailure("the datastore '" + name + "' is not available on this Modelstore; check its name");
        }
        return new FolderSession(datastore, name, prefix);
    }

    private record FolderSession(Path datastore, String name, String prefix) implements Session {

        @Override
        public String display(String path) {
            return "datastore '" + name + "' path /" + prefix + path;
        }

        @Override
        public Set<String> existing(Collection<String> paths) {
            Set<String> found = new HashSet<>();
            for (String path : paths) {
                if (Files.exists(place(path), LinkOption.NOFOLLOW_LINKS)) {
                    found.add(path);
                }
            }
            return found;
        }

        @Override
        public void write(String path, InputStream content, long size) throws IOException {
            try {
                writeFile(path, content);
            } catch (java.nio.file.FileSystemException e) {
                // said without the server's own paths
                throw new ExportFailure("cannot write " + display(path) + " (" + e.getClass().getSimpleName()
                        + (e.getReason() == null ? "" : ": " + e.getReason()) + "); check the datastore", e);
            }
        }

        private void writeFile(String path, InputStream content) throws IOException {
            Path place = place(path);
            createFolders(place.getParent());
            Path partial = place.resolveSibling("." + place.getFileName() + ".modelstore-partial");
            Files.deleteIfExists(partial);
            try (OutputStream out = Files.newOutputStream(partial, StandardOpenOption.CREATE_NEW, StandardOpenOption.WRITE)) {
                content.transferTo(out);
            }
            Files.move(partial, place, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }

        @Override
        public void delete(String path) throws IOException {
            Files.deleteIfExists(place(path));
        }

        /** Where a file goes; never outside the datastore. */
        private Path place(String path) {
            Path place = datastore.resolve(prefix + path).normalize();
            if (!place.startsWith(datastore) || place.equals(datastore)) {
                throw new ExportFailure("'" + prefix + path + "' would leave the datastore; it is refused");
            }
            return place;
        }

        /** Creates the folders down to {@code folder}, refusing any that is a link (which could lead out). */
        private void createFolders(Path folder) throws IOException {
            Path current = datastore;
            for (Path part : datastore.relativize(folder)) {
                current = current.resolve(part);
                if (Files.isSymbolicLink(current)) {
                    throw new ExportFailure(display(datastore.relativize(current).toString())
                            + " is a symbolic link; exports never write through links");
                }
                if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                    try {
                        Files.createDirectory(current);
                    } catch (java.nio.file.FileAlreadyExistsException e) {
                        // another file of the export made it meanwhile: fine if it is a folder, not a link
                        if (!Files.isDirectory(current, LinkOption.NOFOLLOW_LINKS)) {
                            throw new ExportFailure(display(datastore.relativize(current).toString())
                                    + " is in the way: it is not a folder");
                        }
                    }
                }
            }
        }
    }
}
