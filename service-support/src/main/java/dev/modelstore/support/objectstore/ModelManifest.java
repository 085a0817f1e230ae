package dev.modelstore.support.objectstore;

import java.time.Instant;
import java.util.List;
import java.util.UUID;

/**
 * What a ready model holds, written once by the fetcher next to the files: every file with its size
 * and SHA-256 (and the source's version of it), and the symbolic links that stay inside the model.
 *
 * @param sourceVersion the version of the single source object the model came from (an archive), if any
 */
public record ModelManifest(
        UUID modelId,
        String source,
        String sourceVersion,
        Instant createdAt,
        long sizeBytes,
        long fileCount,
        List<File> files,
        List<Link> links) {

    public ModelManifest {
        files = files == null ? List.of() : List.copyOf(files);
        links = links == null ? List.of() : List.copyOf(links);
    }

    /**
     * One stored file: its path relative to the model root.
     *
     * @param version the source's ETag, generation or modification time of the object copied, if known
     * @param storedAs for a hard link of an archive, the path whose object holds the same bytes (the
     *     content is stored, and counted, once); null when the file's own object holds them
     */
    public record File(String path, long size, String sha256, String version,
            @com.fasterxml.jackson.annotation.JsonInclude(com.fasterxml.jackson.annotation.JsonInclude.Include.NON_NULL)
            String storedAs) {

        /** A file stored under its own path. */
        public File(String path, long size, String sha256, String version) {
            this(path, size, sha256, version, null);
        }

        /** The key of the object that holds this file's bytes. */
        public String objectKey(UUID modelId) {
            return ModelStorageLayout.fileKey(modelId, storedAs == null ? path : storedAs);
        }
    }

    /** A symbolic link inside the model; {@code target} is relative to the link's folder and stays inside the model. */
    public record Link(String path, String target) {
    }
}
