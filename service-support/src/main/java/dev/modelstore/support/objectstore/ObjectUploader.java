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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.CompletedPart;
import software.amazon.awssdk.services.s3.model.CreateMultipartUploadResponse;

/**
 * Streams one object into the store with a fixed memory cost. A known length up to the single-PUT
 * limit goes in one PUT straight from the stream; anything else in parts: the reading thread fills
 * part-sized buffers from a shared, bounded pool ({@link PartBuffers}) while up to
 * {@code partConcurrency} parts are sent at once, so reading (and hashing) overlaps with writing.
 * A part in memory can be sent again, so each part is retried a few times; the stream itself is
 * never replayed. The SHA-256 is computed while the bytes pass. Services make one and close it when
 * they stop.
 */
public class ObjectUploader implements ObjectSink, AutoCloseable {

    private static final int PART_ATTEMPTS = 3;

    private final S3Client s3;
    private final String bucket;
    private final long singlePutMaxBytes;
    private final PartBuffers buffers;
    private final ExecutorService partSenders;
    /** An uploader made by {@link #into}: its client, buffers and senders belong to others. */
    private final boolean borrowed;

    /**
     * An uploader with its own client (no retries of whole streams) sending one part at a time.
     *
     * @param partBytes the size of each multipart part
     * @param singlePutMaxBytes the largest known-length object sent in one PUT
     */
    public ObjectUploader(ObjectStoreConfig store, int partBytes, long singlePutMaxBytes) {
        this(store, partBytes, singlePutMaxBytes, 1, 2);
    }

    /**
     * An uploader sending several parts at once.
     *
     * @param partConcurrency how many parts are sent at once, over all uploads
     * @param bufferCount the upload memory, over all uploads, in part buffers (at least 2)
     */
    public ObjectUploader(ObjectStoreConfig store, int partBytes, long singlePutMaxBytes, int partConcurrency,
            int bufferCount) {
        this.s3 = S3ClientProducer.build(store, false);
        this.bucket = store.bucket();
        this.singlePutMaxBytes = singlePutMaxBytes;
        this.buffers = new PartBuffers(Math.max(bufferCount, 2), partBytes);
        this.partSenders = Executors.newFixedThreadPool(partConcurrency, runnable -> {
            Thread thread = new Thread(runnable, "part-sender");
            thread.setDaemon(true);
            return thread;
        });
        this.borrowed = false;
    }

    private ObjectUploader(S3Client s3, String bucket, long singlePutMaxBytes, PartBuffers buffers,
            ExecutorService partSenders) {
        this.s3 = s3;
        this.bucket = bucket;
        this.singlePutMaxBytes = singlePutMaxBytes;
        this.buffers = buffers;
        this.partSenders = partSenders;
        this.borrowed = true;
    }

    /**
     * An uploader into another bucket, through another client (another store, such as an export's
     * target), that shares this uploader's memory budget and part senders. Closing it closes none of
     * them: the caller closes its client, this uploader its own resources.
     */
    public ObjectUploader into(S3Client client, String otherBucket) {
        return new ObjectUploader(client, otherBucket, singlePutMaxBytes, buffers, partSenders);
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

    /**
     * A known length up to one part is read into a shared buffer here (hashed on the way) and sent
     * by a part sender, so the caller can read its next file meanwhile; anything else is stored at once.
     */
    @Override
    public CompletableFuture<StoredObject> putAsync(String key, InputStream content, long length) throws IOException {
        if (length <= 0 || length > buffers.size()) {
            return CompletableFuture.completedFuture(put(key, content, length));
        }
        byte[] buffer = take((int) length);
        try {
            int read = content.readNBytes(buffer, 0, (int) length);
            if (read != length || content.read() != -1) {
                throw new IOException("'" + key + "' does not have the " + length + " bytes its source announced");
            }
        } catch (IOException | RuntimeException e) {
            buffers.release(buffer);
            throw e;
        }
        MessageDigest sha256 = sha256();
        sha256.update(buffer, 0, (int) length);
        String digest = HexFormat.of().formatHex(sha256.digest());
        try {
            return CompletableFuture.supplyAsync(() -> {
                try {
                    retried(() -> s3.putObject(b -> b.bucket(bucket).key(key).contentLength(length),
                            slice(buffer, (int) length)));
                    return new StoredObject(key, length, digest);
                } finally {
                    buffers.release(buffer);
                }
            }, partSenders);
        } catch (RuntimeException e) {
            buffers.release(buffer);
            throw e;
        }
    }

    /** Stores small in-memory content, such as the manifest. */
    public StoredObject putBytes(String key, byte[] bytes, String contentType) {
        s3.putObject(b -> b.bucket(bucket).key(key).contentType(contentType), RequestBody.fromBytes(bytes));
        return new StoredObject(key, bytes.length, HexFormat.of().formatHex(sha256().digest(bytes)));
    }

    private long putInParts(String key, InputStream in) throws IOException {
        byte[] first = take();
        int filled = fill(first, in);
        if (filled < first.length) {
            try {
                s3.putObject(b -> b.bucket(bucket).key(key).contentLength((long) filled), slice(first, filled));
                return filled;
            } finally {
                buffers.release(first);
            }
        }
        CreateMultipartUploadResponse upload = s3.createMultipartUpload(b -> b.bucket(bucket).key(key));
        List<Future<CompletedPart>> sent = new ArrayList<>();
        long total = 0;
        try {
            byte[] buffer = first;
            int count = filled;
            while (count > 0) {
                int partNumber = sent.size() + 1;
                byte[] part = buffer;
                int partLength = count;
                sent.add(partSenders.submit(() -> sendPart(key, upload.uploadId(), partNumber, part, partLength)));
                total += count;
                failFast(sent);
                buffer = take();
                count = fill(buffer, in);
                if (count == 0) {
                    buffers.release(buffer);
                }
            }
            List<CompletedPart> parts = new ArrayList<>();
            for (Future<CompletedPart> part : sent) {
                parts.add(result(part));
            }
            s3.completeMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId())
                    .multipartUpload(m -> m.parts(parts)));
            return total;
        } catch (IOException | RuntimeException e) {
            sent.forEach(part -> part.cancel(true));
            sent.forEach(part -> {
                try {
                    part.get();
                } catch (Exception ignored) {
                    // waiting only so no part is still being sent when the upload is aborted
                }
            });
            s3.abortMultipartUpload(b -> b.bucket(bucket).key(key).uploadId(upload.uploadId()));
            throw e;
        }
    }

    /** Sends one part from its buffer (retrying: the bytes are in memory), then gives the buffer back. */
    private CompletedPart sendPart(String key, String uploadId, int partNumber, byte[] buffer, int length) {
        try {
            String etag = retried(() -> s3.uploadPart(b -> b.bucket(bucket).key(key).uploadId(uploadId)
                    .partNumber(partNumber).contentLength((long) length), slice(buffer, length)).eTag());
            return CompletedPart.builder().partNumber(partNumber).eTag(etag).build();
        } finally {
            buffers.release(buffer);
        }
    }

    /** Sends a request whose body is in memory, again after a failure (a dropped connection), a few times. */
    private static <T> T retried(java.util.function.Supplier<T> request) {
        SdkException last = null;
        for (int attempt = 1; attempt <= PART_ATTEMPTS; attempt++) {
            try {
                return request.get();
            } catch (SdkException e) {
                last = e;
            }
        }
        throw last;
    }

    /** Stops reading as soon as a part has failed. */
    private static void failFast(List<Future<CompletedPart>> sent) {
        for (Future<CompletedPart> part : sent) {
            if (part.isDone()) {
                result(part);
            }
        }
    }

    private static CompletedPart result(Future<CompletedPart> part) {
        try {
            return part.get();
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while sending parts", e);
        } catch (ExecutionException e) {
            if (e.getCause() instanceof RuntimeException runtime) {
                throw runtime;
            }
            throw new IllegalStateException(e.getCause());
        }
    }

    /** Fills a part buffer from the stream (fewer bytes only at its end); on a failure the buffer goes back. */
    private int fill(byte[] buffer, InputStream in) throws IOException {
        try {
            return in.readNBytes(buffer, 0, buffer.length);
        } catch (IOException | RuntimeException e) {
            buffers.release(buffer);
            throw e;
        }
    }

    private byte[] take() throws IOException {
        return take(buffers.size());
    }

    private byte[] take(int bytes) throws IOException {
        try {
            return buffers.take(bytes);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new java.io.InterruptedIOException("interrupted while waiting for an upload buffer");
        }
    }

    /** The first bytes of the buffer as a request body, without copying them. */
    private static RequestBody slice(byte[] buffer, int length) {
        return RequestBody.fromInputStream(new ByteArrayInputStream(buffer, 0, length), length);
    }

    @Override
    public void close() {
        if (!borrowed) {
            partSenders.shutdownNow();
            s3.close();
        }
    }

    private static MessageDigest sha256() {
        try {
            return MessageDigest.getInstance("SHA-256");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JDK has no SHA-256", e);
        }
    }
}
