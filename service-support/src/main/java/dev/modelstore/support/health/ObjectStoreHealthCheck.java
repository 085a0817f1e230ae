package dev.modelstore.support.health;

import dev.modelstore.support.objectstore.ObjectStoreConfig;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;

/** Ready only when the model bucket answers. */
@Readiness
@ApplicationScoped
public class ObjectStoreHealthCheck implements HealthCheck {

    private final S3Client s3;
    private final ObjectStoreConfig config;

    ObjectStoreHealthCheck(S3Client s3, ObjectStoreConfig config) {
        this.s3 = s3;
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("object-store").withData("bucket", config.bucket());
        try {
            s3.headBucket(b -> b.bucket(config.bucket()));
            return response.up().build();
        } catch (SdkException e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }
}
