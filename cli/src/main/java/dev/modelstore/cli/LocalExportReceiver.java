package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.InputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Duration;
import java.util.Set;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The receiving side of trainML's local download protocol, for a model exporting to this computer:
 * waits for the sender ({@code GET /ping}, every 2 s for up to 8 minutes), asks what it sends
 * ({@code GET /info}: {@code archive} false is a tar extracted into the folder, true one zip saved in
 * it whole), downloads it ({@code GET /download}, retried on 502, 503 and 504) and finalizes
 * ({@code POST /finalize}). Every call carries the export's token as Bearer.
 */
public final class LocalExportReceiver {

    private static final Duration GIVE_UP = Duration.ofMinutes(8);
    private static final Duration PING_EVERY = Duration.ofSeconds(2);
    private static final Set<Integer> UNAVAILABLE = Set.of(502, 503, 504);
    private static final int DOWNLOAD_ATTEMPTS = 3;
    private static final Pattern FILENAME = Pattern.compile("filename\\*?=\\s*(?:UTF-8'')?\"?([^\";]+)\"?",
            Pattern.CASE_INSENSITIVE);

    /** What was received: a folder's files, or one zip. */
    public record Received(long files, long bytes, Path zip) {
    }

    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(10))
            .version(HttpClient.Version.HTTP_1_1).build();
    private final URI base;
    private final String token;
    private final PrintStream progress;
    private final long pauseMillis;

    /** A receiver from {@code hostname} (https:// is added when it has no scheme), reporting progress to {@code progress}. */
    public LocalExportReceiver(String hostname, String token, PrintStream progress) {
        this(hostname, token, progress, PING_EVERY.toMillis());
    }

    LocalExportReceiver(String hostname, String token, PrintStream progress, long pauseMillis) {
        String url = hostname.contains("://") ? hostname : "https://" + hostname;
        this.base = URI.create(url.endsWith("/") ? url : url + "/");
        this.token = token;
        this.progress = progress;
        this.pauseMillis = pauseMillis;
    }

    /** Receives the export into {@code folder} (created when missing) and finalizes it. */
    public Received receive(Path folder) throws IOException, InterruptedException {
        long deadline = System.nanoTime() + GIVE_UP.toNanos();
        waitForSender(deadline);
        HttpResponse<String> info = sendRetrying(request("info").GET(), deadline);
        if (info.statusCode() != 200) {
            throw new ExportRefused("the sender's /info answered " + info.statusCode() + ": " + message(info.body()));
        }
        boolean zip = ApiCommand.JSON.readTree(info.body()).path("archive").asBoolean(false);
        Files.createDirectories(folder);
        Received received = download(folder, zip, fileName(info).orElse(null), deadline);
        finalizeExport(deadline);
        return received;
    }

    private void waitForSender(long deadline) throws InterruptedException {
        String last = "no answer";
        while (true) {
            try {
                HttpResponse<String> ping = send(request("ping").GET());
                if (ping.statusCode() == 200) {
                    return;
                }
                last = "answered " + ping.statusCode();
            } catch (IOException notYet) {
                last = notYet.getMessage() == null ? notYet.getClass().getSimpleName() : notYet.getMessage();
            }
            if (System.nanoTime() > deadline) {
                throw new ExportRefused("gave up waiting for the sender at " + base + " (" + last + ")");
            }
            Thread.sleep(pauseMillis);
        }
    }

    private Received download(Path folder, boolean zip, String infoName, long deadline)
            throws IOException, InterruptedException {
        for (int attempt = 1; ; attempt++) {
            HttpResponse<InputStream> answer;
            try {
                answer = http.send(request("download").timeout(Duration.ofMinutes(5)).GET().build(),
                        HttpResponse.BodyHandlers.ofInputStream());
            } catch (IOException dropped) {
                pauseOrGiveUp(deadline, "the download could not start: " + dropped.getMessage());
                continue;
            }
            if (UNAVAILABLE.contains(answer.statusCode())) {
                answer.body().close();
                pauseOrGiveUp(deadline, "the sender answered " + answer.statusCode());
                continue;
            }
            if (answer.statusCode() != 200) {
                String body;
                try (InputStream in = answer.body()) {
                    body = new String(in.readNBytes(4096), StandardCharsets.UTF_8);
                }
                throw new ExportRefused("the sender's /download answered " + answer.statusCode() + ": " + body);
            }
            try (InputStream body = answer.body()) {
                return zip ? saveZip(body, folder, fileName(answer).orElse(infoName)) : extract(body, folder);
            } catch (SafePaths.Escape escape) {
                throw escape;
            } catch (IOException dropped) {
                if (attempt >= DOWNLOAD_ATTEMPTS) {
                    throw new IOException("the download failed " + attempt + " times; last: " + dropped.getMessage(),
                            dropped);
                }
                progress.printf("%nthe download broke off (%s); starting it again%n", dropped.getMessage());
            }
        }
    }

    private Received extract(InputStream tar, Path folder) throws IOException {
        AtomicLong bytes = new AtomicLong();
        long[] shown = {0};
        TarExtractor.Extracted extracted = TarExtractor.extract(tar, folder, n -> {
            long total = bytes.addAndGet(n);
            show(total, shown);
        });
        progress.printf("\r%-40s%n", "downloaded " + DownloadProgress.size(extracted.bytes()));
        return new Received(extracted.files(), extracted.bytes(), null);
    }

    private Received saveZip(InputStream body, Path folder, String name) throws IOException {
        Path target = folder.resolve(safeName(name));
        Path part = FileFetcher.partOf(target);
        if (Files.isSymbolicLink(part) || Files.isSymbolicLink(target)) {
            throw new IOException("refusing to write the zip through a link at " + target);
        }
        long total = 0;
        long[] shown = {0};
        byte[] buffer = new byte[128 * 1024];
        try (var out = Files.newOutputStream(part, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE, LinkOption.NOFOLLOW_LINKS)) {
            for (int n; (n = body.read(buffer)) > 0; ) {
                out.write(buffer, 0, n);
                total += n;
                show(total, shown);
            }
        }
        Files.move(part, target, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        progress.printf("\r%-40s%n", "downloaded " + DownloadProgress.size(total));
        return new Received(1, total, target);
    }

    private void show(long total, long[] shown) {
        long now = System.nanoTime();
        if (now - shown[0] >= DownloadProgress.INTERVAL_MILLIS * 1_000_000) {
            shown[0] = now;
            progress.printf("\r%-40s", "downloading: " + DownloadProgress.size(total));
        }
    }

    private void finalizeExport(long deadline) throws IOException, InterruptedException {
        HttpResponse<String> answer = sendRetrying(request("finalize").timeout(Duration.ofMinutes(5))
                .POST(HttpRequest.BodyPublishers.noBody()), deadline);
        if (answer.statusCode() != 200) {
            throw new ExportRefused("the sender refused the finalize (" + answer.statusCode() + "): "
                    + message(answer.body()));
        }
    }

    /** Sends the request until it gets an answer other than 502, 503 or 504 (or the deadline passes). */
    private HttpResponse<String> sendRetrying(HttpRequest.Builder request, long deadline)
            throws InterruptedException {
        while (true) {
            try {
                HttpResponse<String> answer = send(request);
                if (!UNAVAILABLE.contains(answer.statusCode())) {
                    return answer;
                }
                pauseOrGiveUp(deadline, "the sender answered " + answer.statusCode() + " to " + request.build().uri());
            } catch (IOException dropped) {
                pauseOrGiveUp(deadline, "no answer from " + request.build().uri() + ": " + dropped.getMessage());
            }
        }
    }

    private void pauseOrGiveUp(long deadline, String why) throws InterruptedException {
        if (System.nanoTime() > deadline) {
            throw new ExportRefused("gave up: " + why);
        }
        Thread.sleep(pauseMillis);
    }

    /** The file name of a {@code Content-Disposition} header, if the answer has one. */
    private static java.util.Optional<String> fileName(HttpResponse<?> answer) {
        return answer.headers().firstValue("Content-Disposition").map(FILENAME::matcher).filter(Matcher::find)
                .map(m -> m.group(1).trim()).filter(name -> !name.isEmpty());
    }

    /** The last name of what the sender called the zip; {@code archive.zip} when it named nothing usable. */
    static String safeName(String name) {
        if (name == null) {
            return "archive.zip";
        }
        String last = name.substring(Math.max(name.lastIndexOf('/'), name.lastIndexOf('\\')) + 1).strip();
        return last.isEmpty() || last.equals(".") || last.equals("..") || last.indexOf('\0') >= 0 ? "archive.zip" : last;
    }

    private static String message(String body) {
        try {
            JsonNode json = ApiCommand.JSON.readTree(body);
            return json != null && json.has("message") ? json.get("message").asText() : body;
        } catch (IOException e) {
            return body;
        }
    }

    private HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(base.resolve(path)).header("Authorization", "Bearer " + token)
                .timeout(Duration.ofSeconds(30));
    }

    private HttpResponse<String> send(HttpRequest.Builder request) throws IOException, InterruptedException {
        return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
    }

    /** The export cannot be received; the message says why. */
    public static final class ExportRefused extends RuntimeException {
        public ExportRefused(String message) {
            super(message);
        }
    }
}
