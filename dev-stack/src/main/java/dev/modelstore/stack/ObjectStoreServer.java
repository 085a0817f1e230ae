package dev.modelstore.stack;

import java.io.IOException;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.BucketAlreadyOwnedByYouException;
import software.amazon.awssdk.services.s3.model.NoSuchBucketException;

/** S3Proxy on its filesystem backend: the embedded S3-compatible store. Creates the model bucket. */
public final class ObjectStoreServer {

    private ObjectStoreServer() {
    }

    /** Makes sure the bucket exists in the external store the settings name; fails when the store does not answer. */
    static void useExternal(StackSettings settings) {
        try (S3Client s3 = client(settings)) {
            if (!ensureBucket(s3, settings.bucket())) {
                throw new IllegalStateException("the object store at " + settings.s3Endpoint()
                        + " does not answer or refuses the configured keys");
            }
        }
    }

    static ManagedProcess start(StackSettings settings) throws IOException {
        ManagedProcess server = startProcess(settings.home(), settings.dataDir().resolve("s3"), settings.s3Endpoint(),
                settings.s3AccessKey(), settings.s3SecretKey(), "filesystem", settings.dataDir().resolve("logs/s3proxy.log"));
        try (S3Client s3 = client(settings)) {
            server.awaitReady(() -> ensureBucket(s3, settings.bucket()), Duration.ofSeconds(60));
        }
        return server;
    }

    /**
     * Starts S3Proxy on its own with data in memory (for tests of S3 sources, which also need keys a
     * file system cannot hold), ready once {@code bucket} exists.
     */
    public static ManagedProcess startStandalone(Path home, Path dir, int port, String accessKey, String secretKey,
            String bucket) throws IOException {
        String endpoint = "http://127.0.0.1:" + port;
        ManagedProcess server = startProcess(home, dir, endpoint, accessKey, secretKey, "transient", dir.resolve("s3proxy.log"));
        try (S3Client s3 = client(endpoint, accessKey, secretKey)) {
            server.awaitReady(() -> ensureBucket(s3, bucket), Duration.ofSeconds(60));
        }
        return server;
    }

    private static ManagedProcess startProcess(Path home, Path dir, String endpoint, String accessKey, String secretKey,
            String backend, Path log) throws IOException {
        Path jar = home.resolve("dev-stack-servers/target/s3proxy/s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("S3Proxy not found at " + jar + "; build first: ./mvnw -B -DskipTests install");
        }
        Path blobs = dir.resolve("blobs");
        Files.createDirectories(blobs);
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + endpoint,
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + accessKey,
                "s3proxy.credential=" + secretKey,
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=" + backend,
                "jclouds.filesystem.basedir=" + blobs,
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        return ManagedProcess.start("s3proxy",
                List.of(java, "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString()),
                Map.of(), dir, log);
    }

    /** An S3 client for the embedded store, for the stack and for tests that check stored bytes. */
    public static S3Client client(StackSettings settings) {
        return client(settings.s3Endpoint(), settings.s3AccessKey(), settings.s3SecretKey());
    }

    /** An S3 client for any S3-compatible endpoint with static keys. */
    public static S3Client client(String endpoint, String accessKey, String secretKey) {
        return S3Client.builder()
                .endpointOverride(URI.create(endpoint))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(accessKey, secretKey)))
                .forcePathStyle(true)
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static boolean ensureBucket(S3Client s3, String bucket) {
        try {
            s3.headBucket(b -> b.bucket(bucket));
            return true;
        } catch (NoSuchBucketException e) {
            try {
                s3.createBucket(b -> b.bucket(bucket));
                return true;
            } catch (BucketAlreadyOwnedByYouException raced) {
                return true;
            } catch (RuntimeException notYet) {
                return false;
            }
        } catch (RuntimeException notYet) {
            return false;
        }
    }
}
