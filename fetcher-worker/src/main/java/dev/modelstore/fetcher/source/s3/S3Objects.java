package dev.modelstore.fetcher.source.s3;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.RemoteObject;
import dev.modelstore.fetcher.source.RemoteObjects;
import java.io.InputStream;
import java.util.Optional;
import software.amazon.awssdk.core.exception.SdkClientException;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Exception;

/** One bucket of an S3-compatible store (AWS, Wasabi), read with the AWS SDK; errors say which credential to check. */
public final class S3Objects implements RemoteObjects {

    private final S3Client s3;
    private final String bucket;
    private final String credentialType;

    public S3Objects(S3Client s3, String bucket, String credentialType) {
        this.s3 = s3;
        this.bucket = bucket;
        this.credentialType = credentialType;
    }

    @Override
    public Iterable<RemoteObject> list(String prefix) {
        try {
            return s3.listObjectsV2Paginator(b -> b.bucket(bucket).prefix(prefix)).contents().stream()
                    .map(o -> new RemoteObject(o.key(), o.size(), o.eTag()))
                    .toList();
        } catch (SdkException e) {
            throw failure(e, "s3://" + bucket + "/" + prefix);
        }
    }

    @Override
    public Optional<RemoteObject> stat(String key) {
        try {
            var head = s3.headObject(b -> b.bucket(bucket).key(key));
            return Optional.of(new RemoteObject(key, head.contentLength(), head.eTag()));
        } catch (NoSuchKeyException e) {
            return Optional.empty();
        } catch (S3Exception e) {
            if (e.statusCode() == 404 && !"NoSuchBucket".equals(errorCode(e))) {
                return Optional.empty();
            }
            throw failure(e, "s3://" + bucket + "/" + key);
        } catch (SdkException e) {
            throw failure(e, "s3://" + bucket + "/" + key);
        }
    }

    @Override
    public InputStream open(RemoteObject object) throws ObjectChangedException {
        try {
            return s3.getObject(b -> b.bucket(bucket).key(object.key()).ifMatch(object.version()));
        } catch (S3Exception e) {
            if (e.statusCode() == 412) {
                throw new ObjectChangedException(object.key());
            }
            throw failure(e, "s3://" + bucket + "/" + object.key());
        } catch (SdkException e) {
            throw failure(e, "s3://" + bucket + "/" + object.key());
        }
    }

    @Override
    public void abort(InputStream opened) {
        if (opened instanceof software.amazon.awssdk.core.ResponseInputStream<?> response) {
            response.abort();
        } else {
            RemoteObjects.super.abort(opened);
        }
    }

    @Override
    public void close() {
        s3.close();
    }

    private IngestFailure failure(SdkException e, String where) {
        if (e instanceof S3Exception s3e) {
            int status = s3e.statusCode();
            String code = errorCode(s3e);
            if (status == 403 || "AccessDenied".equals(code) || "InvalidAccessKeyId".equals(code)
                    || "SignatureDoesNotMatch".equals(code)) {
                return new IngestFailure("access denied to " + where + " (" + code + "); check the project's '"
                        + credentialType + "' credential and that it may read this bucket", e);
            }
            if ("NoSuchBucket".equals(code) || (status == 404 && code == null)) {
                return new IngestFailure("the bucket '" + bucket + "' does not exist; check the path", e);
            }
            return new IngestFailure("the store answered " + status + " " + code + " for " + where, e);
        }
        if (e instanceof SdkClientException && e.getCause() instanceof java.net.UnknownHostException host) {
            return new IngestFailure("refused or unknown host for " + where + ": " + host.getMessage(), e);
        }
        return new IngestFailure("could not read " + where + " (" + e.getMessage() + "); check the endpoint is reachable", e);
    }

    private static String errorCode(S3Exception e) {
        return e.awsErrorDetails() == null ? null : e.awsErrorDetails().errorCode();
    }

    @Override
    public int parallelReads() {
        return OBJECT_STORE_PARALLEL_READS;
    }
}
