package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.UUID;
import java.util.function.LongConsumer;

/**
 * The sending side of trainML's local upload protocol: waits for the receiver ({@code /ping}),
 * streams a tar of the folder in 5 MiB chunks ({@code PUT /upload} with {@code Content-Range} and
 * {@code Upload-Id}), resumes from the receiver's offset after a dropped connection, a 409 or a
 * receiver restart, and finalizes with the SHA-512 of the whole stream.
 */
public final class LocalUploader {

    /** Chunk size of trainML's client. */
    public static final int CHUNK = 5 * 1024 * 1024;
    /** How long the receiver may stay away (at the start, and after each dropped connection). */
    private static final Duration GIVE_UP = Duration.ofMinutes(8);
    /** Resumes in a row that moved no byte before the upload is given up. */
    static final int RESUMES_WITHOUT_PROGRESS = 10;

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final ObjectMapper json = new ObjectMapper();
    private final URI base;
    private final String token;
    private final PrintStream progress;
    private final LongConsumer sent;

    /** An uploader to {@code hostname} (https:// is added when it has no scheme), reporting progress to {@code progress}. */
    public LocalUploader(String hostname, String token, PrintStream progress, LongConsumer sent) {
        String url = hostname.contains("://") ? hostname : "https://" + hostname;
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = token;
        this.progress = progress;
        this.sent = sent;
    }

    /** Uploads the folder or file; answers the bytes of the tar stream. */
    public long upload(Path source) throws IOException, InterruptedException {
        if (!java.nio.file.Files.isReadable(source)) {
            throw new UploadRefused("cannot read " + source + ": no such folder or file here (or it is not readable)");
        }
        waitUntil(System.nanoTime() + GIVE_UP.toNanos(), () -> send(get("ping")).statusCode() == 200,
                "the receiver to answer");
        String uploadId = UUID.randomUUID().toString();
        long offset = 0;
        int stalled = 0;
        while (true) {
            MessageDigest sha512 = sha512();
            long from = offset;
            try (InputStream tar = TarStream.of(source)) {
                skip(tar, offset, sha512);
                long total = sendFrom(tar, offset, uploadId, sha512);
                if (total >= 0) {
                    finalizeUpload(uploadId, HexFormat.of().formatHex(sha512.digest()));
                    progress.printf("%nuploaded %.1f MB%n", total / 1e6);
                    return total;
                }
            } catch (TarStream.Unreadable unreadable) {
                throw new UploadRefused(unreadable.getMessage());
            } catch (IOException dropped) {
                progress.printf("%nconnection lost (%s); resuming%n", dropped.getMessage());
            }
            offset = resumeOffset(uploadId, System.nanoTime() + GIVE_UP.toNanos());
            stalled = offset > from ? 0 : stalled + 1;
            if (stalled >= RESUMES_WITHOUT_PROGRESS) {
                throw new UploadRefused("gave up after " + stalled + " attempts in a row that moved no byte past "
                        + offset + "; run the same command again to resume");
            }
        }
    }

    /** Sends chunks from {@code offset}; answers the total, or -1 when the receiver wants another offset. */
    private long sendFrom(InputStream tar, long offset, String uploadId, MessageDigest sha512)
            throws IOException, InterruptedException {
        byte[] buffer = new byte[CHUNK];
        while (true) {
            int n = tar.readNBytes(buffer, 0, CHUNK);
            if (n == 0) {
                return offset;
            }
            HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("upload"))
                    .header("Authorization", "Bearer " + token)
                    .header("Upload-Id", uploadId)
                    .header("Content-Range", "bytes " + offset + "-" + (offset + n - 1) + "/" + (offset + n))
                    .timeout(Duration.ofMinutes(2))
                    .PUT(HttpRequest.BodyPublishers.ofByteArray(buffer, 0, n)));
            if (answer.statusCode() == 200) {
                sha512.update(buffer, 0, n);
                offset = json.readTree(answer.body()).get("expected_offset").asLong();
                sent.accept(offset);
                progress.printf("\ruploading: %.1f MB", offset / 1e6);
            } else if (answer.statusCode() == 409 || answer.statusCode() >= 502 && answer.statusCode() <= 504) {
                return -1;
            } else {
                throw new UploadRefused("the receiver refused a chunk (" + answer.statusCode() + "): " + answer.body());
            }
        }
    }

    private long resumeOffset(String uploadId, long deadline) throws InterruptedException {
        long[] offset = {0};
        waitUntil(deadline, () -> {
            HttpResponse<String> status = send(get("upload/status?upload_id=" + uploadId));
            if (status.statusCode() != 200) {
                return false;
            }
            offset[0] = json.readTree(status.body()).get("expected_offset").asLong();
            return true;
        }, "the receiver to say where to resume");
        return offset[0];
    }

    private void finalizeUpload(String uploadId, String hash) throws IOException, InterruptedException {
        HttpResponse<String> answer = send(HttpRequest.newBuilder(base.resolve("finalize"))
                .header("Authorization", "Bearer " + token)
                .header("Upload-Id", uploadId)
                .header("Content-Type", "application/json")
                .timeout(Duration.ofMinutes(30))
                .POST(HttpRequest.BodyPublishers.ofString(json.writeValueAsString(java.util.Map.of("hash", hash)))));
        if (answer.statusCode() != 200) {
            JsonNode body = answer.body().isBlank() ? null : json.readTree(answer.body());
            throw new UploadRefused("the upload was refused: " + (body != null && body.has("message")
                    ? body.get("message").asText() : answer.statusCode()));
        }
    }

    private static void skip(InputStream tar, long offset, MessageDigest sha512) throws IOException {
        byte[] buffer = new byte[1 << 16];
        long left = offset;
        while (left > 0) {
            int n = tar.read(buffer, 0, (int) Math.min(buffer.length, left));
            if (n < 0) {
                throw new TarStream.Unreadable("the folder changed during the upload: it is shorter than before; "
                        + "run the command again", null);
            }
            sha512.update(buffer, 0, n);
            left -= n;
        }
    }

    private HttpRequest.Builder get(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30)).GET();
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    private interface Check {
        boolean done() throws IOException, InterruptedException;
    }

    private static void waitUntil(long deadline, Check check, String what) throws InterruptedException {
        long wait = 500;
        while (true) {
            try {
                if (check.done()) {
                    return;
                }
            } catch (IOException notYet) {
                // the receiver is down or restarting
            }
            if (System.nanoTime() > deadline) {
                throw new UploadRefused("gave up waiting for " + what);
            }
            Thread.sleep(wait);
            wait = Math.min(wait * 2, 5_000);
        }
    }

    private static MessageDigest sha512() {
        try {
            return MessageDigest.getInstance("SHA-512");
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    /** The upload cannot succeed; the message says why. */
    public static final class UploadRefused extends RuntimeException {
        public UploadRefused(String message) {
            super(message);
        }
    }
}
