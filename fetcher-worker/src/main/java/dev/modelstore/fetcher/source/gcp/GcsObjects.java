package dev.modelstore.fetcher.source.gcp;

import com.google.cloud.ReadChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.RemoteObject;
import dev.modelstore.fetcher.source.RemoteObjects;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One GCS bucket. An object's version is its generation; reads ask for that generation. */
final class GcsObjects implements RemoteObjects {

    private final Storage storage;
    private final String bucket;

    GcsObjects(Storage storage, String bucket) {
        this.storage = storage;
        this.bucket = bucket;
    }

    @Override
    public Iterable<RemoteObject> list(String prefix) {
        try {
            List<RemoteObject> objects = new ArrayList<>();
            for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
                objects.add(describe(blob));
            }
            return objects;
        } catch (StorageException e) {
            throw failure(e, "gs://" + bucket + "/" + prefix);
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        try {
            return Optional.ofNullable(storage.get(BlobId.of(bucket, key))).map(GcsObjects::describe);
        } catch (StorageException e) {
            throw failure(e, "gs://" + bucket + "/" + key);
        }
    }

    @Override
    public InputStream open(RemoteObject object) throws ObjectChangedException {
        try {
            Blob pinned = storage.get(BlobId.of(bucket, object.key(), Long.parseLong(object.version())));
            if (pinned == null) {
                throw new ObjectChangedException(object.key());
            }
            ReadChannel channel = storage.reader(pinned.getBlobId());
            channel.setChunkSize(2 * 1024 * 1024);
            return Channels.newInputStream(channel);
        } catch (StorageException e) {
            throw failure(e, "gs://" + bucket + "/" + object.key());
        }
    }

    /** A 401 with a token that cannot be refreshed surfaces as a failed refresh, not as a 401. */
    private static boolean causedByRefusedCredentials(Throwable e) {
        for (Throwable t = e; t != null; t = t.getCause()) {
            String message = String.valueOf(t.getMessage());
            if (t instanceof com.google.api.client.http.HttpResponseException http
                    && (http.getStatusCode() == 401 || http.getStatusCode() == 403)) {
                return true;
            }
            if (message.contains("does not support refreshing") || message.contains("401 Unauthorized")) {
                return true;
            }
        }
        return false;
    }

    private static RemoteObject describe(Blob blob) {
        return new RemoteObject(blob.getName(), blob.getSize() == null ? 0 : blob.getSize(), String.valueOf(blob.getGeneration()));
    }

    private IngestFailure failure(StorageException e, String where) {
        if (e.getCode() == 401 || e.getCode() == 403 || causedByRefusedCredentials(e)) {
            return new IngestFailure("access denied to " + where + " (" + e.getCode() + "); check the project's 'gcp' "
                    + "credential and that it may read this bucket", e);
        }
        if (e.getCode() == 404) {
            return new IngestFailure("the bucket '" + bucket + "' does not exist; check the path", e);
        }
        return new IngestFailure("Google Cloud Storage answered " + e.getCode() + " for " + where + "; try again later", e);
    }

    @Override
    public int parallelReads() {
        return OBJECT_STORE_PARALLEL_READS;
    }
}
