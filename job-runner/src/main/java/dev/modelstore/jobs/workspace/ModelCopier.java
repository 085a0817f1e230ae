package dev.modelstore.jobs.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.support.objectstore.ModelLinks;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ModelStorageLayout;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.UUID;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * Gives a worker its own writable copy of a stored model: checks first that the working directory
 * can hold it, then streams every file from the store, verifying each against the model's SHA-256
 * manifest. A mismatch stops the worker from starting; the stored model is only ever read.
 */
@ApplicationScoped
public class ModelCopier {

    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper json;

    ModelCopier(S3Client s3, ObjectStoreConfig store, ObjectMapper json) {
        this.s3 = s3;
        this.bucket = store.bucket();
        this.json = json;
    }

    /** The model's manifest, as stored beside its files. */
    public ModelManifest manifest(UUID modelId) {
        try (InputStream in = s3.getObject(b -> b.bucket(bucket).key(ModelStorageLayout.manifestKey(modelId)))) {
            return json.readValue(in, ModelManifest.class);
        } catch (IOException | SdkException e) {
            throw new WorkspaceFailure("the manifest of model " + modelId + " cannot be read from the model store ("
                    + e.getMessage() + "); try again, and tell the operator if it keeps failing", e);
        }
    }

    /**
     * Copies the model into {@code target} (created, must be empty or absent).
     *
     * @param diskBytes the job's working-directory size
     */
    public void copy(ModelManifest manifest, Path target, long diskBytes) throws IOException {
        checkSpace(manifest, target, diskBytes);
        checkLinks(manifest);
        Files.createDirectories(target);
        // Files that hold their own bytes first, so that every hard link finds its file already copied.
        List<ModelManifest.File> ordered = new java.util.ArrayList<>(manifest.files());
        ordered.sort(java.util.Comparator.comparing(f -> f.storedAs() != null));
        for (ModelManifest.File file : ordered) {
            Path destination = inside(target, file.path());
            Files.createDirectories(destination.getParent());
            if (file.storedAs() != null && Files.isRegularFile(inside(target, file.storedAs()), LinkOption.NOFOLLOW_LINKS)) {
                // An archive's hard link stays one in the copy: its bytes are on disk once, as counted.
                Files.createLink(destination, inside(target, file.storedAs()));
                continue;
            }
            String actual = download(manifest.modelId(), file, destination);
            if (!actual.equals(file.sha256())) {
                throw new WorkspaceFailure("file '" + file.path() + "' of model " + manifest.modelId()
                        + " does not match the model's manifest (SHA-256 " + actual + ", expected " + file.sha256()
                        + "); the worker was not started. The stored copy is damaged: tell the operator");
            }
        }
        for (ModelManifest.Link link : manifest.links()) {
            Path at = inside(target, link.path());
            Files.createDirectories(at.getParent());
            Files.createSymbolicLink(at, Path.of(link.target()));
        }
    }

    /** Links are checked again on where they really lead (a model stored before that check existed may hold chains). */
    private static void checkLinks(ModelManifest manifest) {
        try {
            ModelLinks.check(manifest.files().stream().map(ModelManifest.File::path).toList(), manifest.links());
        } catch (ModelLinks.Refused refused) {
            throw new WorkspaceFailure("model " + manifest.modelId() + " cannot be used: " + refused.getMessage()
                    + "; the worker was not started");
        }
    }

    private String download(UUID modelId, ModelManifest.File file, Path destination) throws IOException {
        MessageDigest sha256 = sha256();
        try (InputStream in = new DigestInputStream(s3.getObject(b -> b.bucket(bucket)
                        .key(file.objectKey(modelId))), sha256);
                OutputStream out = Files.newOutputStream(destination)) {
            long copied = in.transferTo(out);
            if (copied != file.size()) {
                throw new WorkspaceFailure("file '" + file.path() + "' of model " + modelId + " has " + copied
                        + " bytes in the store but " + file.size() + " in its manifest; the worker was not started");
            }
        } catch (SdkException e) {
            throw new WorkspaceFailure("file '" + file.path() + "' of model " + modelId
                    + " cannot be read from the model store (" + e.getMessage() + "); try again", e);
        }
        return HexFormat.of().formatHex(sha256.digest());
    }

    private static void checkSpace(ModelManifest manifest, Path target, long diskBytes) throws IOException {
        if (manifest.sizeBytes() + (manifest.fileCount() + manifest.links().size()) * DiskUsage.PER_ENTRY > diskBytes) {
            throw new WorkspaceFailure("model " + manifest.modelId() + " has " + manifest.sizeBytes()
                    + " bytes, more than the job's working directory of " + diskBytes
                    + " bytes (resources.disk_size); ask for a larger disk_size");
        }
        Path existing = target;
        while (!Files.exists(existing)) {
            existing = existing.getParent();
        }
        long usable = Files.getFileStore(existing).getUsableSpace();
        if (manifest.sizeBytes() > usable) {
            throw new WorkspaceFailure("model " + manifest.modelId() + " has " + manifest.sizeBytes()
                    + " bytes but the job runner has only " + usable + " bytes free; try again later or tell the operator");
        }
    }

    /** The path inside the target folder; a manifest path can never lead out of it. */
    private static Path inside(Path target, String relative) {
        Path resolved = target.resolve(relative).normalize();
        if (!resolved.startsWith(target) || resolved.equals(target)) {
            throw new WorkspaceFailure("the model's manifest names a path outside the model: '" + relative + "'");
        }
        return resolved;
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
