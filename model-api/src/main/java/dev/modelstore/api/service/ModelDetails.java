package dev.modelstore.api.service;

import dev.modelstore.support.rest.ApiException;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.api.Model;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/**
 * A ready model's manifest and file tree, read from the manifest the fetcher stored beside its files.
 * A manifest never changes once written, so the last few read are kept (bounded by their files).
 */
@ApplicationScoped
public class ModelDetails {

    /** The most files the cached manifests hold together. */
    private static final long CACHED_FILES = 200_000;

    private final S3Client s3;
    private final ObjectStoreConfig store;
    private final ObjectMapper json;
    private final com.github.benmanes.caffeine.cache.Cache<String, ModelManifest> manifests =
            com.github.benmanes.caffeine.cache.Caffeine.newBuilder()
                    .maximumWeight(CACHED_FILES)
                    .<String, ModelManifest>weigher((key, manifest) -> 1 + manifest.files().size() + manifest.links().size())
                    .expireAfterAccess(java.time.Duration.ofMinutes(10))
                    .build();

    ModelDetails(S3Client s3, ObjectStoreConfig store, ObjectMapper json) {
        this.s3 = s3;
        this.store = store;
        this.json = json;
    }

    /** The model's directory tree; 409 while the model is not ready. */
    public DirectoryTree of(Model model) {
        return DirectoryTree.of(manifest(model));
    }

    /** The model's manifest: every file with its size and SHA-256, its links and source version; 409 while not ready. */
    public ModelManifest manifest(Model model) {
        if (!model.status.hasFiles() || model.manifestKey == null) {
            throw ApiException.conflict("model " + model.id + " is " + model.status.wireName()
                    + "; its files can be listed once it is ready");
        }
        ModelManifest cached = manifests.getIfPresent(model.manifestKey);
        if (cached != null) {
            return cached;
        }
        try (InputStream in = s3.getObject(b -> b.bucket(store.bucket()).key(model.manifestKey))) {
            ModelManifest manifest = json.readValue(in, ModelManifest.class);
            manifests.put(model.manifestKey, manifest);
            return manifest;
        } catch (IOException | SdkException e) {
            throw new ApiException(503, "the model's file list cannot be read from the object store right now; "
                    + "try again shortly");
        }
    }
}
