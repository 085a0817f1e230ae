package dev.modelstore.api.download;

import com.github.benmanes.caffeine.cache.Cache;
import com.github.benmanes.caffeine.cache.Caffeine;
import dev.modelstore.api.Model;
import dev.modelstore.api.service.ModelDetails;
import dev.modelstore.support.objectstore.ModelLinks;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.Optional;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * A model's files as the download endpoints read them: looked up by path in the model's manifest
 * (a path the manifest lacks does not exist, so nothing outside the model can be named), a link
 * followed to the file it leads to, and each file's bytes (or a range of them) streamed from the store.
 */
@ApplicationScoped
public class ModelFiles {

    /** One of the model's files as a download sees it. */
    public record Found(Model model, ModelManifest manifest, ModelManifest.File file) {
    }

    private final ModelDetails details;
    private final S3Client s3;
    private final String bucket;
    private final Cache<String, Index> indexes = Caffeine.newBuilder()
            .maximumWeight(200_000)
            .<String, Index>weigher((key, index) -> 1 + index.files.size())
            .expireAfterAccess(Duration.ofMinutes(10))
            .build();

    ModelFiles(ModelDetails details, S3Client s3, ObjectStoreConfig store) {
        this.details = details;
        this.s3 = s3;
        this.bucket = store.bucket();
    }

    /** The model's manifest; 409 while the model has no files yet. */
    public ModelManifest manifest(Model model) {
        return details.manifest(model);
    }

    /** The file at {@code path} (a link is followed); 404 when the model has none there. */
    public Found find(Model model, String path) {
        ModelManifest manifest = details.manifest(model);
        Index index = indexes.get(model.manifestKey, key -> Index.of(manifest));
        String normalized = path == null ? "" : path.startsWith("/") ? path.substring(1) : path;
        ModelManifest.File file = index.files.get(normalized);
        if (file == null && index.links.containsKey(normalized)) {
            try {
                file = index.files.get(ModelLinks.resolve(normalized, index.links));
            } catch (ModelLinks.Refused e) {
                file = null;
            }
        }
        if (file == null) {
            throw ApiException.notFound("model " + model.id + " has no file '" + normalized + "'; "
                    + "GET /model/" + model.id + "/details lists its files");
        }
        return new Found(model, manifest, file);
    }

    /** Opens the file's bytes, or the range of them; 503 when the store cannot be read. */
    public ResponseInputStream<GetObjectResponse> open(Model model, ModelManifest.File file, Optional<ByteRange> range) {
        String key = file.objectKey(model.id);
        try {
            return s3.getObject(b -> {
                b.bucket(bucket).key(key);
                range.ifPresent(r -> b.range("bytes=" + r.first() + "-" + r.last()));
            });
        } catch (SdkException e) {
            throw new ApiException(503, "the file cannot be read from the object store right now; try again shortly");
        }
    }

    /** Opens a whole object of the model's. */
    public java.io.InputStream openObject(String key) {
        return s3.getObject(b -> b.bucket(bucket).key(key));
    }

    /** The paths of a manifest's files and links, for lookups. */
    private record Index(Map<String, ModelManifest.File> files, Map<String, String> links) {
        static Index of(ModelManifest manifest) {
            Map<String, ModelManifest.File> files = new HashMap<>();
            manifest.files().forEach(f -> files.put(f.path(), f));
            Map<String, String> links = new HashMap<>();
            manifest.links().forEach(l -> links.put(l.path(), l.target()));
            return new Index(files, links);
        }
    }
}
