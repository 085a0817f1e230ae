package dev.modelstore.fetcher.source.regional;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.RemoteObject;
import dev.modelstore.fetcher.source.RemoteObjects;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

/**
 * A mounted folder read as objects: keys are paths relative to it with {@code /}. Symbolic links
 * are not followed (a link could lead out of the datastore). The version of a file is its size and
 * modification time; a file that changes while it is read fails that read.
 */
final class LocalFolderObjects implements RemoteObjects {

    private final Path root;

    LocalFolderObjects(Path root) {
        this.root = root;
    }

    @Override
    public Iterable<RemoteObject> list(String prefix) throws IOException {
        Path folder = resolve(prefix.isEmpty() ? "" : prefix.substring(0, prefix.length() - 1));
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            return List.of();
        }
        try (Stream<Path> paths = Files.walk(folder)) {
            return paths.filter(p -> Files.isRegularFile(p, LinkOption.NOFOLLOW_LINKS))
                    .sorted()
                    .map(this::describe)
                    .toList();
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        Path file = resolve(key);
        return Files.isRegularFile(file, LinkOption.NOFOLLOW_LINKS) ? Optional.of(describe(file)) : Optional.empty();
    }

    @Override
    public InputStream open(RemoteObject object) throws IOException {
        Path file = resolve(object.key());
        if (!describe(file).version().equals(object.version())) {
            throw new ObjectChangedException(object.key());
        }
        return new FilterInputStream(Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
            @Override
            public void close() throws IOException {
                super.close();
                if (!describe(file).version().equals(object.version())) {
                    throw new IngestFailure("'" + object.key() + "' changed while it was being copied; "
                            + "create the model again once the datastore no longer changes");
                }
            }
        };
    }

    /**
     * The key's path in the datastore, refused when it leaves the datastore lexically or through a
     * symbolic link in any of its components (a link in the middle, like {@code link/secret.txt},
     * would lead wherever the link points).
     */
    private Path resolve(String key) {
        Path path = root.resolve(key).normalize();
        if (!path.startsWith(root)) {
            throw new IngestFailure("the path '" + key + "' is outside the datastore");
        }
        Path walked = root;
        for (Path part : root.relativize(path)) {
            walked = walked.resolve(part);
            if (Files.isSymbolicLink(walked)) {
                throw new IngestFailure("the path '" + key + "' goes through the symbolic link '" + root.relativize(walked)
                        + "' in the datastore; links are never followed, so copy the files it points to instead");
            }
        }
        try {
            if (Files.exists(path, LinkOption.NOFOLLOW_LINKS) && !path.toRealPath().startsWith(root.toRealPath())) {
                throw new IngestFailure("the path '" + key + "' is outside the datastore");
            }
        } catch (IOException e) {
            throw new IngestFailure("cannot read '" + key + "' in the datastore: " + e.getMessage(), e);
        }
        return path;
    }

    private RemoteObject describe(Path file) {
        try {
            BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
            String key = root.relativize(file).toString().replace(java.io.File.separatorChar, '/');
            return new RemoteObject(key, attributes.size(), attributes.size() + "@" + attributes.lastModifiedTime().toMillis());
        } catch (IOException e) {
            throw new IngestFailure("cannot read '" + root.relativize(file) + "' in the datastore: " + e.getMessage(), e);
        }
    }

    @Override
    public int parallelReads() {
        return OBJECT_STORE_PARALLEL_READS;
    }
}
