package dev.modelstore.fetcher.export.targets;

import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.export.ExportFailure;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.s3.S3Connector;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.objectstore.ObjectUploader;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.util.Collection;
import java.util.HashSet;
import java.util.Optional;
import java.util.Set;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Request;
import software.amazon.awssdk.services.s3.model.ListObjectsV2Response;
import software.amazon.awssdk.services.s3.model.S3Exception;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * {@code aws} and {@code wasabi} exports: {@code s3://bucket/prefix/}, written with the project's key
 * through the guarded HTTP client (one of its own per export, so that a stalled one can be ended);
 * files above one part go up as multipart uploads whose parts are sent in parallel, from upload
 * memory and part senders the exports share apart from the ingests'. Wasabi's endpoint comes from
 * {@code output_options.endpoint_url} and is checked by the network guard.
 */
@ApplicationScoped
public class S3Target implements ExportTarget {

    /** Files up to this size go in one PUT; larger ones in parts. */
    static final long SINGLE_PUT_BYTES = 16L * 1024 * 1024;
    /** The part size of export uploads; files up to it are held in memory and sent in one PUT. */
    static final int PART_BYTES = 8 * 1024 * 1024;
    /** Parts sent at once over all S3 exports of this fetcher. */
    static final int EXPORT_PART_SENDERS = 8;
    /** The exports' part memory, in part buffers (8 MiB each): 64 MiB, apart from the ingests'. */
    static final int EXPORT_PART_BUFFERS = 8;

    private final S3Connector connector;
    private final NetworkGuard guard;
    private final FetcherConfig.Sources sources;
    private final ObjectUploader uploader;

    S3Target(S3Connector connector, NetworkGuard guard, FetcherConfig config, ObjectStoreConfig store) {
        this.connector = connector;
        this.guard = guard;
        this.sources = config.sources();
        // Exports' own upload memory and part senders: a target that stops reading holds these, never the ingests'.
        this.uploader = new ObjectUploader(store, PART_BYTES, SINGLE_PUT_BYTES, EXPORT_PART_SENDERS, EXPORT_PART_BUFFERS);
    }

    @jakarta.annotation.PreDestroy
    void close() {
        uploader.close();
    }

    @Override
    public Set<String> types() {
        return Set.of("aws", "wasabi");
    }

    @Override
    public Session open(ModelExportRequested request, Optional<SourceCredential> credential) {
        String uri = request.outputUri();
        String rest = uri.substring("s3://".length());
        int slash = rest.indexOf('/');
        String bucket = slash < 0 ? rest : rest.substring(0, slash);
        String prefix = ExportTarget.folder(slash < 0 ? "" : rest.substring(slash + 1));
        Optional<URI> endpoint = sources.awsEndpoint();
        if (request.outputType().equals("wasabi")) {
            URI wasabi = URI.create(request.outputOptions().get("endpoint_url"));
            guard.checkedAddress(wasabi.getHost(), "wasabi endpoint " + wasabi);
            endpoint = Optional.of(wasabi);
        }
        if (connector.isPlatformBucket(bucket, endpoint)) {
            throw new ExportFailure("the bucket " + bucket + " is where Modelstore keeps its own models; export elsewhere");
        }
        String region = request.outputOptions().getOrDefault("region", sources.defaultRegion());
        software.amazon.awssdk.http.SdkHttpClient http = connector.ownHttpClient();
        S3Client client = connector.client(http, endpoint, region, credential);
        return new S3Session(http, client, uploader.into(client, bucket), bucket, prefix, request.outputType());
    }

    private static final class S3Session implements Session {

        private final software.amazon.awssdk.http.SdkHttpClient http;
        private final S3Client s3;
        private final ObjectUploader uploader;
        private final String bucket;
        private final String prefix;
        private final String credentialType;

        S3Session(software.amazon.awssdk.http.SdkHttpClient http, S3Client s3, ObjectUploader uploader, String bucket,
                String prefix, String credentialType) {
            this.http = http;
            this.s3 = s3;
            this.uploader = uploader;
            this.bucket = bucket;
            this.prefix = prefix;
            this.credentialType = credentialType;
        }

        @Override
        public String display(String path) {
            return "s3://" + bucket + "/" + prefix + path;
        }

        @Override
        public Set<String> existing(Collection<String> paths) {
            Set<String> wanted = new HashSet<>(paths);
            Set<String> found = new HashSet<>();
            String token = null;
            try {
                do {
                    ListObjectsV2Response page = s3.listObjectsV2(ListObjectsV2Request.builder().bucket(bucket)
                            .prefix(prefix).continuationToken(token).build());
                    for (S3Object object : page.contents()) {
                        String path = object.key().substring(prefix.length());
                        if (wanted.contains(path)) {
                            found.add(path);
                        }
                    }
                    token = Boolean.TRUE.equals(page.isTruncated()) ? page.nextContinuationToken() : null;
                } while (token != null);
            } catch (SdkException e) {
                throw failure(e, "s3://" + bucket + "/" + prefix);
            }
            return found;
        }

        @Override
        public void write(String path, InputStream content, long size) throws IOException {
            try {
                if (size <= PART_BYTES) {
                    // held in memory (the exports' own budget) and retried from there if the store fails a PUT
                    uploader.putAsync(prefix + path, content, size).get();
                } else {
                    uploader.put(prefix + path, content, -1);
                }
            } catch (SdkException e) {
                throw failure(e, display(path));
            } catch (java.util.concurrent.ExecutionException e) {
                if (e.getCause() instanceof SdkException sdk) {
                    throw failure(sdk, display(path));
                }
                throw new IOException("cannot write " + display(path) + ": " + e.getCause(), e.getCause());
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                throw new java.io.InterruptedIOException("interrupted while writing " + display(path));
            }
        }

        @Override
        public void delete(String path) {
            try {
                s3.deleteObject(b -> b.bucket(bucket).key(prefix + path));
            } catch (SdkException e) {
                throw failure(e, display(path));
            }
        }

        @Override
        public void abort() {
            http.close();
        }

        @Override
        public void close() {
            s3.close();
            http.close();
        }

        private ExportFailure failure(SdkException e, String where) {
            if (e instanceof S3Exception s3e) {
                String code = s3e.awsErrorDetails() == null ? "" : s3e.awsErrorDetails().errorCode();
                if (s3e.statusCode() == 404 && "NoSuchBucket".equals(code)) {
                    return new ExportFailure("the bucket " + bucket + " does not exist; create it or check output_uri", e);
                }
                if (s3e.statusCode() == 403 || s3e.statusCode() == 401) {
                    return new ExportFailure("the project's " + credentialType + " credential may not write to " + where
                            + " (" + s3e.statusCode() + " " + code + "); check the key and its permissions", e);
                }
                return new ExportFailure("the store refused " + where + ": " + s3e.statusCode() + " " + code, e);
            }
            return new ExportFailure("cannot reach the store for " + where + ": " + e.getMessage(), e);
        }
    }
}
