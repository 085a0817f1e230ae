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
        Path jar = settings.home().resolve("dev-stack-servers/target/s3proxy/s3proxy.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException("S3Proxy not found at " + jar + "; build first: ./mvnw -B -DskipTests install");
        }
        Path dir = settings.dataDir().resolve("s3");
        Path blobs = dir.resolve("blobs");
        Files.createDirectories(blobs);
        Path properties = dir.resolve("s3proxy.properties");
        Files.writeString(properties, String.join("\n",
                "s3proxy.endpoint=" + settings.s3Endpoint(),
                "s3proxy.authorization=aws-v2-or-v4",
                "s3proxy.identity=" + settings.s3AccessKey(),
                "s3proxy.credential=" + settings.s3SecretKey(),
                "s3proxy.ignore-unknown-headers=true",
                "jclouds.provider=filesystem",
                "jclouds.filesystem.basedir=" + blobs,
                ""));
        String java = Path.of(System.getProperty("java.home"), "bin", "java").toString();
        ManagedProcess server = ManagedProcess.start("s3proxy",
                List.of(java, "-Xmx512m", "-jar", jar.toString(), "--properties", properties.toString()),
                Map.of(), dir, settings.dataDir().resolve("logs/s3proxy.log"));
        try (S3Client s3 = client(settings)) {
            server.awaitReady(() -> ensureBucket(s3, settings.bucket()), Duration.ofSeconds(60));
        }
        return server;
    }

    /** An S3 client for the embedded store, for the stack and for tests that check stored bytes. */
    public static S3Client client(StackSettings settings) {
        return S3Client.builder()
                .endpointOverride(URI.create(settings.s3Endpoint()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(
                        AwsBasicCredentials.create(settings.s3AccessKey(), settings.s3SecretKey())))
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
