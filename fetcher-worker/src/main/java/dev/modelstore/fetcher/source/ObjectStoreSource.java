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
        read(remote, opened, writer, in -> writer.singleObject(name, in, opened.object().size(), opened.object().version()));
    }

    private void copyFolder(RemoteObjects remote, Location location, ModelWriter writer) throws IOException {
        if (remote.parallelReads() <= 1) {
            // One object at a time: list everything first, so a folder over the limit fails before any copy.
            List<RemoteObject> objects = listFiles(remote, location, writer);
            for (RemoteObject object : objects) {
                copyFile(remote, location, object, writer);
            }
            return;
        }
        // Many objects: each read waits mostly on its request's latency, so several run at once, and
        // copying starts while the listing goes on (the running total still fails the model at the limit).
        ExecutorService readers = Executors.newFixedThreadPool(remote.parallelReads(), runnable -> {
            Thread thread = new Thread(runnable, "source-reader");
            thread.setDaemon(true);
            return thread;
        });
        List<Future<Void>> copies = new ArrayList<>();
        try {
            long total = 0;
            int settled = 0;
            for (RemoteObject object : remote.list(location.key())) {
                if (isFolderMarker(object)) {
                    continue;
                }
                total += object.size();
                writer.expectTotal(total);
                copies.add(readers.submit(() -> {
                    copyFile(remote, location, object, writer);
                    return null;
                }));
                settled = failFast(copies, settled);
            }
            if (copies.isEmpty()) {
                throw emptyFolder(location);
            }
            for (Future<Void> copy : copies) {
                awaitCopy(copy, copies);
            }
        } catch (IOException | RuntimeException e) {
            copies.forEach(copy -> copy.cancel(true));
            throw e;
        } finally {
            readers.shutdownNow();
        }
    }

    private List<RemoteObject> listFiles(RemoteObjects remote, Location location, ModelWriter writer) throws IOException {
        List<RemoteObject> objects = new ArrayList<>();
        long total = 0;
        for (RemoteObject object : remote.list(location.key())) {
            if (isFolderMarker(object)) {
                continue;
            }
            objects.add(object);
            total += object.size();
            writer.expectTotal(total);
        }
        if (objects.isEmpty()) {
            throw emptyFolder(location);
        }
        return objects;
    }

    private static boolean isFolderMarker(RemoteObject object) {
        return object.key().endsWith("/") && object.size() == 0;
    }

    private static IngestFailure emptyFolder(Location location) {
        return new IngestFailure(location.display() + " holds no files; check the path and that the folder is not empty");
    }

    /**
     * Stops listing soon after a copy has failed: looks at the copies that ended, in order, from the
     * first one not yet looked at; answers how many have been looked at.
     */
    private static int failFast(List<Future<Void>> copies, int settled) throws IOException {
        int next = settled;
        while (next < copies.size() && copies.get(next).isDone()) {
            awaitCopy(copies.get(next), copies);
            next++;
        }
        return next;
    }

    private void copyFile(RemoteObjects remote, Location location, RemoteObject object, ModelWriter writer)
            throws IOException {
        String relative = ObjectKeys.relativePath(location.key(), object.key());
        Opened opened = openPinned(remote, object);
        read(remote, opened, writer, in -> writer.file(relative, in, opened.object().size(), opened.object().version()));
    }

    /** What is done with an opened object's content. */
    private interface Reading {
        void from(InputStream in) throws IOException;
    }

    /**
     * Reads an opened object; stopping the ingest, or a failure while it is read, aborts the read
     * instead of closing it, which could read the rest of the object first.
     */
    private static void read(RemoteObjects remote, Opened opened, ModelWriter writer, Reading reading) throws IOException {
        InputStream in = opened.content();
        boolean done = false;
        try (AutoCloseable abort = writer.whileReading(() -> remote.abort(in))) {
            reading.from(in);
            done = true;
        } catch (IOException | RuntimeException e) {
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            if (done) {
                in.close();
            } else {
                remote.abort(in);
            }
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
