package dev.modelstore.support.objectstore;

import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.AbortMultipartUploadRequest;
import software.amazon.awssdk.services.s3.model.Delete;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.MultipartUpload;
import software.amazon.awssdk.services.s3.model.ObjectIdentifier;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/** Whole-model operations on the bucket: count and remove everything under a model's prefix. */
@ApplicationScoped
public class ModelObjects {

    private static final Logger LOG = Logger.getLogger(ModelObjects.class);

    private final S3Client s3;
    private final String bucket;

    ModelObjects(S3Client s3, ObjectStoreConfig config) {
        this.s3 = s3;
        this.bucket = config.bucket();
    }

    /** The bucket models are stored in. */
    public String bucket() {
        return bucket;
    }

    /** Every object under the model's prefix. */
    public List<S3Object> list(UUID modelId) {
        return list(ModelStorageLayout.modelPrefix(modelId));
    }

    /** Every object under a prefix (which must lie within one model's prefix). */
    public List<S3Object> list(String prefix) {
        List<S3Object> objects = new ArrayList<>();
        String token = null;
        do {
            ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder()
                    .bucket(bucket).prefix(prefix).continuationToken(token).build());
            objects.addAll(page.contents());
            token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
        } while (token != null);
        return objects;
    }

    /** Removes every object and unfinished upload under the model's prefix; safe to repeat. */
    public int deleteAll(UUID modelId) {
        abortUploads(modelId);
        return deleteAll(ModelStorageLayout.modelPrefix(modelId));
    }

    /** Removes every object under a prefix (within one model's prefix), in batches of 1,000; safe to repeat. */
    public int deleteAll(String prefix) {
        List<S3Object> objects = list(prefix);
        for (int from = 0; from < objects.size(); from += 1000) {
            List<ObjectIdentifier> ids = objects.subList(from, Math.min(objects.size(), from + 1000)).stream()
                    .map(o -> ObjectIdentifier.builder().key(o.key()).build())
                    .toList();
            s3.deleteObjects(b -> b.bucket(bucket).delete(Delete.builder().objects(ids).quiet(true).build()));
        }
        return objects.size();
    }

    private void abortUploads(UUID modelId) {
        try {
            for (MultipartUpload upload : s3.listMultipartUploads(
                    b -> b.bucket(bucket).prefix(ModelStorageLayout.modelPrefix(modelId))).uploads()) {
                s3.abortMultipartUpload(AbortMultipartUploadRequest.builder()
                        .bucket(bucket).key(upload.key()).uploadId(upload.uploadId()).build());
            }
        } catch (S3Exception e) {
            // Some S3-compatible stores cannot list uploads; the uploader aborts its own on failure anyway.
            LOG.debugf("could not list unfinished uploads of model %s: %s", modelId, e.getMessage());
        }
    }
}
