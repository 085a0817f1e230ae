package dev.modelstore.support.objectstore;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;

/**
 * Streams one object into the store with a fixed memory cost: a known length up to the single-PUT
 * limit goes in one PUT straight from the stream; anything else in parts of one buffer each.
 * The SHA-256 is computed while the bytes pass. Services make one and close it when they stop.
 */
public class ObjectUploader implements ObjectSink, AutoCloseable {

    private final S3Client s3;
    private final String bucket;
    private final int partBytes;
    private final long singlePutMaxBytes;

    /**
     * An uploader with its own client (no retries: a stream cannot be replayed).
     *
     * @param partBytes the size of each multipart part, and of the one buffer an upload holds
     * @param singlePutMaxBytes the largest known-length object sent in one PUT
     */
    public ObjectUploader(ObjectStoreConfig store, int partBytes, long singlePutMaxBytes) {
        this.s3 = S3ClientProducer.build(store, false);
        this.bucket = store.bucket();
        this.partBytes = partBytes;
        this.singlePutMaxBytes = singlePutMaxBytes;
    }

    @Override
    public StoredObject put(String key, InputStream content, long length) throws IOException {
        MessageDigest sha256 = sha256();
        DigestInputStream in = new DigestInputStream(content, sha256);
        long size;
        if (length >= 0 && length <= singlePutMaxBytes) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength(length), RequestBody.fromInputStream(in, length));
            size = length;
        } else {
            size = putInParts(key, in);
        }
        return new StoredObject(key, size, HexFormat.of().formatHex(sha256.digest()));
    }

    @Override
    public void copy(String fromKey, String toKey) {
        s3.copyObject(b -> b.sourceBucket(bucket).sourceKey(fromKey).destinationBucket(bucket).destinationKey(toKey));
    }

    /** Stores small in-memory content, such as the manifest. */
    public StoredObject putBytes(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        return new StoredObject(key, bytes.length, HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    private long putInParts(String key, InputStream in) throws IOException {
        byte[] buffer = new byte[partBytes];
        int filled = in.readNBytes(buffer, 0, buffer.length);
        if (filled < buffer.length) {
            s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) filled), slice(buffer, filled));
            return filled;
        }
        CreateMultipartUploadResponse upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key));
        List<CompletedPart> parts = new ArrayList<>();
        long total = 0;
        try {
            int count = filled;
            while (count > 0) {
                int partNumber = parts.size() + 1;
                int partLength = count;
                String etag = s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId())
                                .partNumber(partNumber).contentLength((long) partLength),
                        slice(buffer, partLength))
                        .eTag();
                parts.add(CompletedPart.builder().partNumber(partNumber).eTag(etag).build());
                total += count;
                count = in.readNBytes(buffer, 0, buffer.length);
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId())
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId()));
            throw e;
        }
    }

    /** The first bytes of the buffer as a request body, without copying them. */
    private static RequestBody slice(byte[] buffer, int length) {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
    }

    @Override
    public void close() {
        s3.close();
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
