package dev.modelstore.support.objectstore;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.net.URI;
import java.util.Optional;

/** Where model files are stored: an S3-compatible object store (MinIO in production, S3Proxy embedded). */
@ConfigMapping(prefix = "modelstore.object-store")
public interface ObjectStoreConfig {

    /** The S3 endpoint, e.g. {@code http://127.0.0.1:9000}; empty means AWS S3 itself. */
    Optional<URI> endpoint();

    /** The region requests are signed for. */
    @WithDefault("us-east-1")
    String region();

    /** Access key id; empty means the AWS default credential chain. */
    Optional<String> accessKey();

    /** Secret access key, paired with {@link #accessKey()}. Never logged. */
    Optional<String> secretKey();

    /** The bucket that holds every model under {@code models/<model id>/}. */
    @WithDefault("modelstore")
    String bucket();

    /** Path-style addressing ({@code endpoint/bucket/key}), which MinIO and S3Proxy need. */
    @WithDefault("true")
    boolean pathStyle();

    /** Create the bucket at start-up when it does not exist. */
    @WithDefault("true")
    boolean createBucket();

    /**
     * Send {@code Expect: 100-continue} with uploads. Off by default: after an empty PUT with it,
     * S3Proxy's Jetty drops the connection and the next upload on it fails with "Broken pipe".
     */
    @WithDefault("false")
    boolean expectContinue();

    /** Most HTTP connections to the store at once. */
    @WithDefault("64")
    int maxConnections();
}
