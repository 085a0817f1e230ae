package dev.modelstore.fetcher.source;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.store.ModelWriter;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

/**
 * What every store-like source does the same way (buckets, containers, FTP servers, datastore
 * folders): a location ending in {@code /} is a folder whose every object is copied with its
 * relative path; anything else is one object, extracted if it is an archive. Each object is read
 * at the version listed (a changed object is read once more, then fails the model), and that
 * version goes into the manifest.
 */
public abstract class ObjectStoreSource implements ModelSource {

    /** Where to read: the store-specific container, the key or prefix within it, and how to show it. */
    public record Location(String container, String key, String display) {

        /** A location ending in {@code /} (or empty) is a folder. */
        public boolean isFolder() {
            return key.isEmpty() || key.endsWith("/");
        }
    }

    /** Parses the model's URI (and options) into a location; a wrong form is an {@link IngestFailure}. */
    protected abstract Location locate(SourceRequest request);

    /** Opens a session with the location's container, authenticated with the request's credential if any. */
    protected abstract RemoteObjects connect(SourceRequest request, Location location) throws IOException;

    @Override
    public void fetch(SourceRequest request, ModelWriter writer) throws IOException {
        Location location = locate(request);
        try (RemoteObjects remote = connect(request, location)) {
            if (location.isFolder()) {
                copyFolder(remote, location, writer);
            } else {
                copyObject(remote, location, writer);
            }
        }
    }

    private void copyObject(RemoteObjects remote, Location location, ModelWriter writer) throws IOException {
        RemoteObject object = remote.stat(location.key()).orElseThrow(() -> new IngestFailure(location.display()
                + " does not exist; check the path (a folder must end with /)"));
        writer.expectTotal(object.size());
        String name = location.key().substring(location.key().lastIndexOf('/') + 1);
        Opened opened = openPinned(remote, object);
        try (InputStream in = opened.content()) {
            writer.singleObject(name, in, opened.object().size(), opened.object().version());
        }
    }

    private void copyFolder(RemoteObjects remote, Location location, ModelWriter writer) throws IOException {
        List<RemoteObject> objects = new ArrayList<>();
        long total = 0;
        for (RemoteObject object : remote.list(location.key())) {
            if (object.key().endsWith("/") && object.size() == 0) {
                continue; // a folder marker, not a file
            }
            objects.add(object);
            total += object.size();
            writer.expectTotal(total);
        }
        if (objects.isEmpty()) {
            throw new IngestFailure(location.display() + " holds no files; check the path and that the folder is not empty");
        }
        int parallel = Math.min(remote.parallelReads(), objects.size());
        if (parallel <= 1) {
            for (RemoteObject object : objects) {
                copyFile(remote, location, object, writer);
            }
            return;
        }
        // Many small objects: each read waits mostly on its request's latency, so several run at once.
        ExecutorService readers = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "source-reader");
            thread.setDaemon(true);
            return thread;
        });
        try {
            List<Future<Void>> copies = new ArrayList<>();
            for (RemoteObject object : objects) {
                copies.add(readers.submit(() -> {
                    copyFile(remote, location, object, writer);
                    return null;
                }));
            }
            for (Future<Void> copy : copies) {
                awaitCopy(copy, copies);
            }
        } finally {
            readers.shutdownNow();
        }
    }

    private void copyFile(RemoteObjects remote, Location location, RemoteObject object, ModelWriter writer)
            throws IOException {
        String relative = ObjectKeys.relativePath(location.key(), object.key());
        Opened opened = openPinned(remote, object);
        try (InputStream in = opened.content()) {
            writer.file(relative, in, opened.object().size(), opened.object().version());
        }
    }

    /** Waits for one copy; the first that fails stops the others and its error is the ingest's. */
    private static void awaitCopy(Future<Void> copy, List<Future<Void>> all) throws IOException {
        try {
            copy.get();
        } catch (ExecutionException e) {
            all.forEach(other -> other.cancel(true));
            if (e.getCause() instanceof IOException io) {
                throw io;
            } else if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        } catch (InterruptedException e) {
            all.forEach(other -> other.cancel(true));
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while copying the folder");
        }
    }

    /** An object being read, at the version that is being read. */
    private record Opened(RemoteObject object, InputStream content) {
    }

    /** Opens the listed version; if it changed since, looks it up and tries that version once. */
    private Opened openPinned(RemoteObjects remote, RemoteObject object) throws IOException {
        try {
            return new Opened(object, remote.open(object));
        } catch (RemoteObjects.ObjectChangedException changed) {
            Optional<RemoteObject> now = remote.stat(object.key());
            if (now.isPresent()) {
                try {
                    return new Opened(now.get(), remote.open(now.get()));
                } catch (RemoteObjects.ObjectChangedException again) {
                    // fall through to the failure below
                }
            }
            throw new IngestFailure("'" + object.key() + "' changed while it was being copied; "
                    + "create the model again once the source no longer changes", changed);
        }
    }
}
