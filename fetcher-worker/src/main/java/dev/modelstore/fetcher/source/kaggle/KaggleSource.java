package dev.modelstore.fetcher.source.kaggle;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.HttpResponses;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.ModelWriter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Locale;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.Header;

/**
 * {@code kaggle}: a competition's files, a dataset (optionally one version) or a kernel's output,
 * through the Kaggle API v1 with the project's {@code kaggle} credential (the username and key of
 * {@code kaggle.json}, sent as Basic auth to the API host only). Redirects to the storage URL are
 * followed without the credential; zips are extracted; a rate limit (429) is waited out.
 */
@ApplicationScoped
public class KaggleSource implements ModelSource {

    private static final int MAX_ATTEMPTS = 4;
    private static final int MAX_REDIRECTS = 5;
    private static final long MAX_RETRY_WAIT_SECONDS = 60;

    private final CloseableHttpClient http;
    /** The requests of the ingest running on this thread, so that stopping it can cancel them. */
    private final ThreadLocal<java.util.List<HttpGet>> requests =
            ThreadLocal.withInitial(java.util.concurrent.CopyOnWriteArrayList::new);
    private final URI base;
    private final ObjectMapper json = new ObjectMapper();

    @Inject
    KaggleSource(NetworkGuard guard, FetcherConfig config) {
        this(guard, config, config.sources().kaggleUrl(), null);
    }

    KaggleSource(NetworkGuard guard, FetcherConfig config, String baseUrl, SSLContext tls) {
        this.http = guard.httpClient(config, tls);
        this.base = URI.create(baseUrl.endsWith("/") ? baseUrl : baseUrl + "/");
    }

    @Override
    public SourceType type() {
        return SourceType.KAGGLE;
    }

    @Override
    public void fetch(SourceRequest request, ModelWriter writer) throws IOException {
        SourceCredential credential = request.credential().orElseThrow(() -> new IngestFailure(
                "Kaggle needs the project's 'kaggle' credential: the username as key_id and the key as secret, from kaggle.json"));
        String name = request.uri().trim();
        String type = request.options().getOrDefault("type", "").toLowerCase(Locale.ROOT);
        // Stopping the ingest cancels every request of it: connections are shut, never drained.
        java.util.List<HttpGet> mine = requests.get();
        try (AutoCloseable abort = writer.whileReading(() -> mine.forEach(HttpGet::cancel))) {
            fetch(name, type, credential, request, writer);
        } catch (IOException | RuntimeException e) {
            mine.forEach(HttpGet::cancel);
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        } finally {
            requests.remove();
        }
    }

    private void fetch(String name, String type, SourceCredential credential, SourceRequest request, ModelWriter writer)
            throws IOException {
        switch (type) {
            case "competition" -> download(api("api/v1/competitions/data/download-all/" + path(name)), credential,
                    lastSegment(name) + ".zip", writer);
            case "dataset" -> {
                String version = request.options().get("version");
                download(api("api/v1/datasets/download/" + path(ownerSlug(name))
                                + (version == null ? "" : "?datasetVersionNumber=" + query(version))),
                        credential, lastSegment(name) + ".zip", writer);
            }
            case "kernel" -> kernelOutput(ownerSlug(name), credential, writer);
            default -> throw new IngestFailure("source_options.type must be competition, dataset or kernel for kaggle sources");
        }
    }

    private void kernelOutput(String name, SourceCredential credential, ModelWriter writer) throws IOException {
        String[] parts = name.split("/", 2);
        URI listing = api("api/v1/kernels/output?userName=" + query(parts[0]) + "&kernelSlug=" + query(parts[1]));
        JsonNode files;
        try (ClassicHttpResponse response = send(listing, credential, "kernel " + name)) {
            files = json.readTree(response.getEntity().getContent()).path("files");
        }
        if (!files.isArray() || files.isEmpty()) {
            throw new IngestFailure("the Kaggle kernel " + name + " has no output files; run it on Kaggle first");
        }
        for (JsonNode file : files) {
            String fileName = file.path("fileName").asText();
            ClassicHttpResponse response = send(URI.create(file.path("url").asText()), null, "kernel output " + fileName);
            HttpResponses.read(lastRequest(), response, r -> {
                InputStream in = r.getEntity().getContent();
                writer.file(fileName, in, r.getEntity().getContentLength());
                in.close();
            });
        }
    }

    private void download(URI uri, SourceCredential credential, String name, ModelWriter writer) throws IOException {
        ClassicHttpResponse response = send(uri, credential, name);
        HttpResponses.read(lastRequest(), response, r -> {
            long length = r.getEntity().getContentLength();
            if (length >= 0) {
                writer.expectTotal(length);
            }
            InputStream in = r.getEntity().getContent();
            writer.singleObject(name, in, length);
            in.close();
        });
    }

    /** The request {@link #send} made last on this thread: the one whose response is being read. */
    private HttpGet lastRequest() {
        java.util.List<HttpGet> sent = requests.get();
        return sent.get(sent.size() - 1);
    }

    /** GETs the URI (Basic auth only when a credential is given), follows redirects without it, waits out 429s. */
    private ClassicHttpResponse send(URI uri, SourceCredential credential, String what) throws IOException {
        URI current = uri;
        SourceCredential auth = credential;
        for (int attempt = 1, redirects = 0; ; ) {
            HttpGet get = new HttpGet(current);
            requests.get().add(get);
            get.setConfig(RequestConfig.custom().setRedirectsEnabled(false).build());
            if (auth != null) {
                get.setHeader("Authorization", "Basic " + Base64.getEncoder().encodeToString(
                        (auth.keyId() + ":" + auth.secret()).getBytes(StandardCharsets.UTF_8)));
            }
            ClassicHttpResponse response = http.executeOpen(null, get, null);
            int status = response.getCode();
            if (status == 200) {
                return response;
            }
            Header location = response.getFirstHeader("Location");
            Header retryAfter = response.getFirstHeader("Retry-After");
            response.close();
            if (status >= 300 && status < 400 && location != null && ++redirects <= MAX_REDIRECTS) {
                URI next = current.resolve(location.getValue());
                auth = next.getHost() != null && next.getHost().equalsIgnoreCase(base.getHost()) ? auth : null;
                current = next;
            } else if (status == 429 && attempt++ < MAX_ATTEMPTS) {
                sleep(retryAfter == null ? 5 : Math.min(MAX_RETRY_WAIT_SECONDS, parseSeconds(retryAfter.getValue())));
            } else {
                throw failure(status, what);
            }
        }
    }

    private static IngestFailure failure(int status, String what) {
        return switch (status) {
            case 401 -> new IngestFailure("access denied by Kaggle (401) for " + what + "; check the project's 'kaggle' "
                    + "credential (username as key_id, key as secret)");
            case 403 -> new IngestFailure("access denied by Kaggle (403) for " + what + "; accept the competition's rules "
                    + "on kaggle.com, or check the project's 'kaggle' credential may read it");
            case 404 -> new IngestFailure("Kaggle has no " + what + " (404); check the name and source_options.type");
            case 429 -> new IngestFailure("Kaggle kept refusing requests (429 rate limit) for " + what + "; try again later");
            default -> new IngestFailure("Kaggle answered " + status + " for " + what + "; try again later");
        };
    }

    /** One segment of a Kaggle short name: never '.', '..' or anything else that starts with a dot. */
    private static final String SEGMENT = "[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*";

    private URI api(String path) {
        return base.resolve(path);
    }

    private static String ownerSlug(String name) {
        if (!name.matches(SEGMENT + "/" + SEGMENT)) {
            throw new IngestFailure("'" + name + "' is not an owner/name Kaggle reference");
        }
        return name;
    }

    private static String path(String name) {
        if (!name.matches(SEGMENT + "(/" + SEGMENT + ")?")) {
            throw new IngestFailure("'" + name + "' is not a Kaggle short name");
        }
        return name;
    }

    private static String lastSegment(String name) {
        return name.substring(name.lastIndexOf('/') + 1);
    }

    private static String query(String value) {
        return URLEncoder.encode(value, StandardCharsets.UTF_8);
    }

    private static long parseSeconds(String value) {
        try {
            return Math.max(0, Long.parseLong(value.trim()));
        } catch (NumberFormatException e) {
            return 5;
        }
    }

    private static void sleep(long seconds) {
        try {
            Thread.sleep(seconds * 1000);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IngestFailure("interrupted while waiting out Kaggle's rate limit");
        }
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }
}
