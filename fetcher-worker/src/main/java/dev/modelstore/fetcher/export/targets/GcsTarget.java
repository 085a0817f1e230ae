package dev.modelstore.fetcher.export.targets;

import com.google.cloud.WriteChannel;
import com.google.cloud.storage.Blob;
import com.google.cloud.storage.BlobId;
import com.google.cloud.storage.BlobInfo;
import com.google.cloud.storage.Storage;
import com.google.cloud.storage.StorageException;
import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.fetcher.export.ExportFailure;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.gcp.GcpSource;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;

/**
 * {@code gcp} exports: {@code gs://bucket/prefix/}, written with the project's service account key
 * (or access token) through {@code google-cloud-storage}'s resumable uploads, 4 MiB per chunk.
 */
@ApplicationScoped
public class GcsTarget implements ExportTarget {

    /** The client buffers one chunk per file; four files at once: an export holds at most 16 MiB of chunks. */
    private static final int CHUNK_BYTES = 4 * 1024 * 1024;

    private final GcpSource gcp;

    GcsTarget(GcpSource gcp) {
        this.gcp = gcp;
    }

    @Override
    public Set<String> types() {
        return Set.of("gcp");
    }

    @Override
    public Session open(ModelExportRequested request, Optional<SourceCredential> credential) throws IOException {
        String rest = request.outputUri().substring("gs://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = ExportTarget.folder(slash < 0 ? "" : rest.substring(slash + 1));
        return new GcsSession(gcp.storage(credential, true), bucket, prefix);
    }

    private record GcsSession(Storage storage, String bucket, String prefix) implements Session {

        @Override
        public int parallelWrites() {
            return 4;
        }

        @Override
        public String display(String path) {
            return "gs://" + bucket + "/" + prefix + path;
        }

        @Override
        public Set<String> existing(Collection<String> paths) {
            Set<String> wanted = new HashSet<>(paths);
            Set<String> found = new HashSet<>();
            try {
                for (Blob blob : storage.list(bucket, Storage.BlobListOption.prefix(prefix)).iterateAll()) {
                    String path = blob.getName().substring(prefix.length());
                    if (wanted.contains(path)) {
                        found.add(path);
                    }
                }
            } catch (StorageException e) {
                throw failure(e, "gs://" + bucket + "/" + prefix);
            }
            return found;
        }

        @Override
        public void write(String path, InputStream content, long size) throws IOException {
            BlobInfo blob = BlobInfo.newBuilder(BlobId.of(bucket, prefix + path)).setContentType("application/octet-stream")
                    .build();
            try (WriteChannel channel = storage.writer(blob)) {
                channel.setChunkSize(CHUNK_BYTES);
                byte[] buffer = new byte[256 * 1024];
                int read;
                while ((read = content.read(buffer)) >= 0) {
                    ByteBuffer chunk = ByteBuffer.wrap(buffer, 0, read);
                    while (chunk.hasRemaining()) {
                        channel.write(chunk);
                    }
                }
            } catch (StorageException e) {
                throw failure(e, display(path));
            } catch (IOException e) {
                if (e.getCause() instanceof StorageException storageError) {
                    throw failure(storageError, display(path));
                }
                throw e;
            }
        }

        @Override
        public void delete(String path) {
            try {
                storage.delete(BlobId.of(bucket, prefix + path));
            } catch (StorageException e) {
                throw failure(e, display(path));
            }
        }

        private ExportFailure failure(StorageException e, String where) {
            if (e.getCode() == 404) {
                return new ExportFailure("the bucket " + bucket + " does not exist; create it or check output_uri", e);
            }
            if (e.getCode() == 401 || e.getCode() == 403) {
                return new ExportFailure("the project's gcp credential may not write to " + where + " (" + e.getCode()
                        + "); check the service account and its permissions", e);
            }
            return new ExportFailure("Cloud Storage refused " + where + ": " + e.getCode() + " " + e.getMessage(), e);
        }
    }
}
