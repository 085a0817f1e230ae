package dev.modelstore.support.objectstore;

import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** Makes sure the model bucket exists when a service starts (if configured to), without failing start-up when the store is down. */
@ApplicationScoped
public class BucketInitializer {

    private static final Logger LOG = Logger.getLogger(BucketInitializer.class);

    void onStart(@Observes StartupEvent startup, S3Client s3, ObjectStoreConfig config) {
        if (!config.createBucket()) {
            return;
        }
        try {
            s3.headBucket(b -> b.bucket(config.bucket()));
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(config.bucket()));
                LOG.infof("created bucket %s", config.bucket());
            } catch (SdkException raced) {
                LOG.debugf("bucket %s not created here: %s", config.bucket(), raced.getMessage());
            }
        } catch (SdkException e) {
            LOG.warnf("object store not reachable at start-up (readiness will report it): %s", e.getMessage());
        }
    }
}
