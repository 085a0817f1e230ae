package dev.modelstore.fetcher.source.regional;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.source.ObjectStoreSource;
import dev.modelstore.fetcher.source.RemoteObjects;
import dev.modelstore.fetcher.source.SourceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * {@code regional}: a project's regional datastore, mounted on the fetcher at
 * {@code <datastore-root>/<project id>/<name>};
 * {@code source_uri} names the datastore, {@code source_options.path} the sub-path ({@code /} or
 * a path ending in {@code /} is a folder, anything else one file).
 */
@ApplicationScoped
public class RegionalSource extends ObjectStoreSource {

    private final Path root;

    RegionalSource(FetcherConfig config) {
        this.root = config.sources().datastoreRoot().toAbsolutePath().normalize();
    }

    @Override
    public SourceType type() {
        return SourceType.REGIONAL;
    }

    @Override
    protected Location locate(SourceRequest request) {
        String name = request.uri().trim();
        if (name.isEmpty() || name.contains("/") || name.contains("\\") || name.equals(".") || name.equals("..")) {
            throw new IngestFailure("'" + name + "' is not a datastore name");
        }
        String path = request.options().getOrDefault("path", "/").trim();
        String key = path.startsWith("/") ? path.substring(1) : path;
        if (!key.isEmpty()) {
            key = (key.endsWith("/") ? ObjectKeysCheck.folder(key) : ObjectKeysCheck.file(key));
        }
        return new Location(name, key, "datastore '" + name + "' path /" + key);
    }

    @Override
    protected RemoteObjects connect(SourceRequest request, Location location) {
        if (request.projectId() == null) {
            throw new IngestFailure("a regional datastore belongs to a project, and this request names none");
        }
        Path datastore = root.resolve(request.projectId().toString()).resolve(location.container()).normalize();
        if (!datastore.startsWith(root) || !Files.isDirectory(datastore)) {
            throw new IngestFailure("the datastore '" + location.container() + "' is not available on this Modelstore; "
                    + "check its name");
        }
        return new LocalFolderObjects(datastore);
    }

    /** Sub-paths are checked like object keys: no '.', '..' or empty segments. */
    private static final class ObjectKeysCheck {
        static String folder(String key) {
            dev.modelstore.fetcher.source.ObjectKeys.relativePath("", key.substring(0, key.length() - 1));
            return key;
        }

        static String file(String key) {
            return dev.modelstore.fetcher.source.ObjectKeys.relativePath("", key);
        }
    }
}
