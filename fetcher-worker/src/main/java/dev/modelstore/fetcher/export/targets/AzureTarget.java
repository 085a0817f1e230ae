package dev.modelstore.fetcher.export.targets;

import com.azure.storage.blob.BlobClient;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.models.BlobItem;
import com.azure.storage.blob.models.BlobStorageException;
import com.azure.storage.blob.models.ListBlobsOptions;
import com.azure.storage.blob.models.ParallelTransferOptions;
import com.azure.storage.blob.options.BlobParallelUploadOptions;
import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.fetcher.export.ExportFailure;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.azure.AzureSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.InputStream;
import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code azure} exports: {@code https://<account>.blob.core.windows.net/<container>/prefix/}, written
 * with the project's account key or SAS token, through the same guarded client as the source; large
 * files go up as blocks sent in parallel (memory bounded: see BLOCK_BYTES).
 */
@ApplicationScoped
public class AzureTarget implements ExportTarget {

    /** Blocks of 4 MiB, two at once per file, two files at once: an export holds at most 16 MiB of blocks. */
    private static final long BLOCK_BYTES = 4L * 1024 * 1024;

    private final AzureSource azure;

    AzureTarget(AzureSource azure) {
        this.azure = azure;
    }

    @Override
    public Set<String> types() {
        return Set.of("azure");
    }

    @Override
    public Session open(ModelExportRequested request, Optional<SourceCredential> credential) {
        URI uri = URI.create(request.outputUri());
        String path = uri.getPath().substring(1);
        int slash = path.indexOf('/');
        String container = slash < 0 ? path : path.substring(0, slash);
        String prefix = ExportTarget.folder(slash < 0 ? "" : path.substring(slash + 1));
        String display = "https://" + uri.getHost() + "/" + container + "/";
        return new AzureSession(azure.container(uri.getHost(), container, credential), display, prefix);
    }

    private record AzureSession(BlobContainerClient container, String base, String prefix) implements Session {

        @Override
        public int parallelWrites() {
            return 2;
        }

        @Override
        public String display(String path) {
            return base + prefix + path;
        }

        @Override
        public Set<String> existing(Collection<String> paths) {
            Set<String> wanted = new HashSet<>(paths);
            Set<String> found = new HashSet<>();
            try {
                for (BlobItem item : container.listBlobs(new ListBlobsOptions().setPrefix(prefix), null)) {
                    String path = item.getName().substring(prefix.length());
                    if (wanted.contains(path)) {
                        found.add(path);
                    }
                }
            } catch (BlobStorageException e) {
                throw failure(e, base + prefix);
            }
            return found;
        }

        @Override
        public void write(String path, InputStream content, long size) {
            BlobClient blob = container.getBlobClient(prefix + path);
            try {
                blob.uploadWithResponse(new BlobParallelUploadOptions(content)
                        .setParallelTransferOptions(new ParallelTransferOptions().setBlockSizeLong(BLOCK_BYTES)
                                .setMaxSingleUploadSizeLong(BLOCK_BYTES).setMaxConcurrency(2)), null, null);
            } catch (BlobStorageException e) {
                throw failure(e, display(path));
            }
        }

        @Override
        public void delete(String path) {
            try {
                container.getBlobClient(prefix + path).deleteIfExists();
            } catch (BlobStorageException e) {
                throw failure(e, display(path));
            }
        }

        private ExportFailure failure(BlobStorageException e, String where) {
            String code = e.getErrorCode() == null ? "" : e.getErrorCode().toString();
            if (e.getStatusCode() == 404 && code.contains("ContainerNotFound")) {
                return new ExportFailure("the container of " + where + " does not exist; create it or check output_uri", e);
            }
            if (e.getStatusCode() == 403 || e.getStatusCode() == 401) {
                return new ExportFailure("the project's azure credential may not write to " + where + " ("
                        + e.getStatusCode() + " " + code + "); check the account key or SAS token", e);
            }
            return new ExportFailure("Azure refused " + where + ": " + e.getStatusCode() + " " + code, e);
        }
    }
}
