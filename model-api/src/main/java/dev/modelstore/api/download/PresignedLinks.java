package dev.modelstore.api.download;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.AwsCredentialsProvider;
import software.amazon.awssdk.auth.credentials.DefaultCredentialsProvider;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Configuration;
import software.amazon.awssdk.services.s3.presigner.S3Presigner;

/**
 * Short-lived store URLs for {@code ?redirect=true} downloads, so that large files need not pass
 * through model-api where clients reach the store themselves. A URL names one object, for GET only,
 * and dies after {@link ModelApiConfig.Downloads#presignedUrlLifetime()}.
 */
@ApplicationScoped
public class PresignedLinks {

    private final S3Presigner presigner;
    private final String bucket;
    private final ModelApiConfig.Downloads config;

    PresignedLinks(ObjectStoreConfig store, ModelApiConfig config) {
        this.config = config.downloads();
        this.bucket = store.bucket();
        var builder = S3Presigner.builder()
                .region(Region.of(store.region()))
                .credentialsProvider(credentials(store))
                .serviceConfiguration(S3Configuration.builder().pathStyleAccessEnabled(store.pathStyle()).build());
        this.config.publicStoreEndpoint().or(store::endpoint).ifPresent(builder::endpointOverride);
        this.presigner = builder.build();
    }

    /** Whether redirects are offered. */
    public boolean enabled() {
        return config.redirects();
    }

    /** A URL that GETs the object for a while, saved under {@code fileName}. */
    public URI get(String key, String fileName) {
        return presign(key, Attachments.header(fileName));
    }

    /** A URL that GETs the object for a while (the client names the file itself). */
    public URI get(String key) {
        return presign(key, null);
    }

    /** {@code disposition}: the Content-Disposition the store answers with, or null for none. */
    private URI presign(String key, String disposition) {
        return URI.create(presigner.presignGetObject(p -> p.signatureDuration(config.presignedUrlLifetime())
                .getObjectRequest(g -> g.bucket(bucket).key(key).responseContentDisposition(disposition)))
                .url().toString());
    }

    /** How long a URL stays valid. */
    public java.time.Duration lifetime() {
        return config.presignedUrlLifetime();
    }

    private static AwsCredentialsProvider credentials(ObjectStoreConfig store) {
        if (store.accessKey().isPresent() && store.secretKey().isPresent()) {
            return StaticCredentialsProvider.create(AwsBasicCredentials.create(store.accessKey().get(), store.secretKey().get()));
        }
        return DefaultCredentialsProvider.builder().build();
    }

    @PreDestroy
    void close() {
        presigner.close();
    }
}
