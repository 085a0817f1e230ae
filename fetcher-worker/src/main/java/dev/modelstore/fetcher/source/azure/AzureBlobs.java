package dev.modelstore.fetcher.source.azure;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobErrorCode;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobRequestConditions;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.options.BlobInputStreamOptions;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.RemoteObject;
import dev.modelstore.fetcher.source.RemoteObjects;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** One Azure Blob container. A blob's version is its ETag; reads insist on it. */
final class AzureBlobs implements RemoteObjects {

    private final BlobContainerClient container;
    private final String display;

    AzureBlobs(BlobContainerClient container, String display) {
        this.container = container;
        this.display = display;
    }

    @Override
    public Iterable<RemoteObject> list(String prefix) {
        try {
            List<RemoteObject> objects = new ArrayList<>();
            for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                if (!Boolean.TRUE.equals(item.isPrefix())) {
                    objects.add(new RemoteObject(item.getName(), item.getProperties().getContentLength(),
                            item.getProperties().getETag()));
                }
            }
            return objects;
        } catch (BlobStorageException e) {
            throw failure(e, display + "/" + prefix);
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        try {
            var properties = container.getBlobClient(key).getProperties();
            return Optional.of(new RemoteObject(key, properties.getBlobSize(), properties.getETag()));
        } catch (BlobStorageException e) {
            if (BlobErrorCode.BLOB_NOT_FOUND.equals(e.getErrorCode())
                    || (e.getStatusCode() == 404 && e.getErrorCode() == null && containerExists())) {
                return Optional.empty();
            }
            throw failure(e, display + "/" + key);
        }
    }

    @Override
    public InputStream open(RemoteObject object) throws ObjectChangedException {
        BlobClient blob = container.getBlobClient(object.key());
        try {
            return blob.openInputStream(new BlobInputStreamOptions()
                    .setRequestConditions(new BlobRequestConditions().setIfMatch(object.version()))
                    .setBlockSize(4 * 1024 * 1024));
        } catch (BlobStorageException e) {
            if (e.getStatusCode() == 412) {
                throw new ObjectChangedException(object.key());
            }
            throw failure(e, display + "/" + object.key());
        }
    }

    private boolean containerExists() {
        try {
            return container.exists();
        } catch (BlobStorageException e) {
            return false;
        }
    }

    private static IngestFailure failure(BlobStorageException e, String where) {
        BlobErrorCode code = e.getErrorCode();
        if (e.getStatusCode() == 403 || e.getStatusCode() == 401) {
            return new IngestFailure("access denied to " + where + " (" + code + "); check the project's 'azure' "
                    + "credential (account name and key, or a SAS token) and that it may read this container", e);
        }
        if (BlobErrorCode.CONTAINER_NOT_FOUND.equals(code) || e.getStatusCode() == 404) {
            return new IngestFailure("the container of " + where + " does not exist (or is not public); check the path "
                    + "and the project's 'azure' credential", e);
        }
        return new IngestFailure("Azure Blob Storage answered " + e.getStatusCode() + " " + code + " for " + where, e);
    }

    @Override
    public int parallelReads() {
        return OBJECT_STORE_PARALLEL_READS;
    }
}
