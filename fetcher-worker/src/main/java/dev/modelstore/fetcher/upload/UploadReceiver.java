package dev.modelstore.fetcher.upload;

import dev.modelstore.support.objectstore.StoredObject;
import dev.modelstore.support.objectstore.ObjectUploader;
import dev.modelstore.fetcher.Ingest;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.Upload;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.service.IngestLedger;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.support.auth.ApiTokens;
import dev.modelstore.support.limits.StorageLimitsClient;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ModelObjects;
import dev.modelstore.support.objectstore.ModelStorageLayout;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.rest.ApiException;
import com.fasterxml.jackson.databind.ObjectMapper;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.SequenceInputStream;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Iterator;
import java.util.List;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.jboss.logging.Logger;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * The receiving side of trainML's local upload protocol: chunks appended durably at the expected
 * offset (one object each, under the model's own prefix), then on finalize the whole tar stream is
 * checked against its SHA-512 while it is extracted into the model; a mismatch fails the model and
 * leaves nothing behind.
 */
@ApplicationScoped
public class UploadReceiver {

    private static final Logger LOG = Logger.getLogger(UploadReceiver.class);
    private static final Pattern RANGE = Pattern.compile("bytes (\\d{1,18})-(\\d{1,18})/(\\d{1,18}|\\*)");
    private static final long MAX_CHUNK = 64L * 1024 * 1024;
    /** A finalize claim this old is taken to be of a fetcher that died while finalizing. */
    private static final java.time.Duration STALE_FINALIZE = java.time.Duration.ofHours(1);

    private final UploadRegistry registry;
    private final IngestLedger ledger;
    private final ObjectUploader uploader;
    private final Unpacker unpacker;
    private final ModelObjects objects;
    private final StorageLimitsClient limits;
    private final FetcherConfig config;
    private final S3Client s3;
    private final String bucket;
    private final ObjectMapper json;

    UploadReceiver(UploadRegistry registry, IngestLedger ledger, ObjectUploader uploader, Unpacker unpacker,
            ModelObjects objects, StorageLimitsClient limits, FetcherConfig config, S3Client s3, ObjectStoreConfig store,
            ObjectMapper json) {
        this.registry = registry;
        this.ledger = ledger;
        this.uploader = uploader;
        this.unpacker = unpacker;
        this.objects = objects;
        this.limits = limits;
        this.config = config;
        this.s3 = s3;
        this.bucket = store.bucket();
        this.json = json;
    }

    /** The chunk did not start where the receiver expects; the client resumes from {@code expected}. */
    public static final class WrongOffset extends RuntimeException {
        private final long expected;

        WrongOffset(long expected) {
            super("the upload continues at byte " + expected);
            this.expected = expected;
        }

        public long expected() {
            return expected;
        }
    }

    /** The upload the request's token opens; 401 when there is none (or its model no longer waits). */
    public Upload authenticate(String authorization) {
        String token = ApiTokens.fromHeader(authorization);
        return (token == null ? java.util.Optional.<Upload>empty() : registry.byToken(ApiTokens.hash(token)))
                .orElseThrow(() -> new ApiException(401, "the upload token is not valid, or the model no longer "
                        + "waits for an upload"));
    }

    /** Stores one chunk durably and answers the next offset wanted. */
    public long put(Upload upload, String uploadId, String contentRange, InputStream body) throws IOException {
        if (uploadId == null || uploadId.isBlank()) {
            throw ApiException.badRequest("the Upload-Id header is required");
        }
        Matcher range = contentRange == null ? null : RANGE.matcher(contentRange.trim());
        if (range == null || !range.matches()) {
            throw ApiException.badRequest("Content-Range must be 'bytes <start>-<end>/<total>' with offsets of at most "
                    + "18 digits");
        }
        long start = Long.parseLong(range.group(1));
        long end = Long.parseLong(range.group(2));
        if (end < start || end - start + 1 > MAX_CHUNK) {
            throw ApiException.badRequest("a chunk must hold 1 byte to 64 MiB");
        }
        if (!range.group(3).equals("*") && Long.parseLong(range.group(3)) < end + 1) {
            throw ApiException.badRequest("Content-Range " + range.group(0) + " ends past the total it gives");
        }
        // What waits here counts against the model's limit and the project's quota before it is finalized.
        // Reserved (where the project has a quota), so that other ingests of it cannot take the same headroom.
        StorageLimitsClient.ProjectLimits allowed = allowed(upload, end + 1);
        if (end + 1 > allowed.allowedBytes()) {
            throw new ApiException(413, "the upload is larger than the limit of " + allowed.allowedBytes() + " bytes ("
                    + (end + 1) + " with this chunk), set by " + allowed.reason());
        }
        UploadRegistry.Expected expected = registry.begin(upload.modelId, uploadId);
        if (expected.restart()) {
            deleteChunks(upload.modelId);
        }
        if (start != expected.offset()) {
            throw new WrongOffset(expected.offset());
        }
        StoredObject stored = uploader.put(chunkKey(upload.modelId, start), body, end - start + 1);
        if (stored.size() != end - start + 1) {
            throw ApiException.badRequest("the chunk held " + stored.size() + " bytes, not " + (end - start + 1));
        }
        return registry.acknowledge(upload.modelId, uploadId, start, end + 1);
    }

    /** The next offset wanted for the upload id. */
    public long status(Upload upload, String uploadId) {
        return registry.expected(upload.modelId, uploadId)
                .orElseThrow(() -> new ApiException(404, "no upload " + uploadId + " is being received for this model"));
    }

    /** Checks the whole stream's SHA-512 while extracting it into the model; the model is then ready, or failed. */
    public void finish(Upload upload, String uploadId, String hash) throws IOException {
        long total = status(upload, uploadId);
        if (!registry.claimFinalize(upload.modelId, STALE_FINALIZE)) {
            throw new ApiException(409, "a finalize of this upload is already running; wait for the model to be ready");
        }
        boolean ended = false;
        try {
            finishClaimed(upload, total, hash);
            ended = true;
        } catch (EndedUpload e) {
            ended = true;
            throw e;
        } finally {
            if (!ended) {
                registry.releaseFinalize(upload.modelId);
            }
        }
    }

    /** The finalize, run by the one caller that claimed it; an {@link EndedUpload} ends the upload for good. */
    private void finishClaimed(Upload upload, long total, String hash) throws IOException {
        Ingest ingest = registry.ingest(upload.modelId)
                .orElseThrow(() -> new ApiException(409, "the model no longer waits for an upload"));
        List<S3Object> chunks = chunks(upload.modelId);
        long covered = chunks.stream().mapToLong(S3Object::size).sum();
        if (covered != total || total == 0) {
            throw new ApiException(409, "the receiver holds " + covered + " of " + total + " bytes; resume the upload");
        }
        MessageDigest sha512 = sha512();
        StorageLimitsClient.ProjectLimits allowed = allowed(upload, 0);
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(upload.modelId, uploader, unpacker,
                allowed.allowedBytes(), allowed.reason(), (b, f) -> { }, () -> false);
        try (InputStream in = new DigestInputStream(joined(chunks), sha512)) {
            writer.singleObject("upload.tar", in, total);
            in.transferTo(OutputStream.nullOutputStream());
        } catch (IngestFailure e) {
            fail(upload, ingest, e.reason());
            throw new EndedUpload(400, e.reason());
        }
        String actual = HexFormat.of().formatHex(sha512.digest());
        if (hash == null || !actual.equalsIgnoreCase(hash.trim())) {
            String reason = "the uploaded data does not match its SHA-512 (the upload was damaged); connect again";
            fail(upload, ingest, reason);
            throw new EndedUpload(400, reason);
        }
        deleteChunks(upload.modelId);
        ModelManifest manifest = writer.manifest("local:upload");
        StoredObject stored = uploader.putBytes(ModelStorageLayout.manifestKey(upload.modelId), json.writeValueAsBytes(manifest),
                "application/json");
        if (!ledger.complete(upload.modelId, ingest.requestEventId, ingest.attemptId, manifest, stored.key(), stored.sha256(),
                writer.notes())) {
            objects.deleteAll(upload.modelId);
            throw new EndedUpload(409, "the model no longer waits for an upload (it was deleted)");
        }
        LOG.infof("local model %s uploaded: %d files, %d bytes", upload.modelId, manifest.fileCount(), manifest.sizeBytes());
    }

    /** A refusal after which the upload is over: its finalize claim is kept, so nothing runs it again. */
    private static final class EndedUpload extends ApiException {
        EndedUpload(int status, String message) {
            super(status, message);
        }
    }

    /** The upload's limits; with {@code reserve} > 0, also that much of its project's quota reserved (if it fits). */
    private StorageLimitsClient.ProjectLimits allowed(Upload upload, long reserve) {
        UUID project = registry.ingest(upload.modelId).map(i -> i.projectId).orElse(null);
        return (project == null ? java.util.Optional.<StorageLimitsClient.ProjectLimits>empty()
                : reserve > 0 ? limits.reserve(project, upload.modelId, reserve) : limits.of(project))
                .orElseGet(() -> new StorageLimitsClient.ProjectLimits(config.maxModelBytes(), null, 0, null,
                        "the per-model limit"));
    }

    private void fail(Upload upload, Ingest ingest, String reason) {
        objects.deleteAll(upload.modelId);
        ledger.fail(upload.modelId, ingest.requestEventId, ingest.attemptId, reason);
    }

    private InputStream joined(List<S3Object> chunks) {
        Iterator<S3Object> next = chunks.iterator();
        return new SequenceInputStream(new java.util.Enumeration<InputStream>() {
            @Override
            public boolean hasMoreElements() {
                return next.hasNext();
            }

            @Override
            public InputStream nextElement() {
                String key = next.next().key();
                return s3.getObject(b -> b.bucket(bucket).key(key));
            }
        });
    }

    /** The stored chunks, in offset order (their keys are zero-padded offsets; not every store lists in key order). */
    private List<S3Object> chunks(UUID modelId) {
        return objects.list(chunkPrefix(modelId)).stream().sorted(java.util.Comparator.comparing(S3Object::key)).toList();
    }

    private void deleteChunks(UUID modelId) {
        objects.deleteAll(chunkPrefix(modelId));
    }

    private static String chunkPrefix(UUID modelId) {
        return ModelStorageLayout.modelPrefix(modelId) + "upload/";
    }

    private static String chunkKey(UUID modelId, long start) {
        return chunkPrefix(modelId) + String.format("%020d", start);
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
