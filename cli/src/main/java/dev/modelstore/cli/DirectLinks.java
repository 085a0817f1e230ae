package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.net.URI;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Presigned store URLs for the files of one download, asked from the API in batches of
 * {@link #BATCH} ({@code POST /model/{id}/download-links}) when a file of the batch is first
 * wanted, and asked again when they are about to expire: small files are then read from the store
 * itself, as {@code rclone} reads them, instead of one API request each. Where the API offers no
 * links (redirects off), or a link failed once, that file is fetched through the API instead.
 */
final class DirectLinks {

    /** Files per request (the API's own limit). */
    static final int BATCH = 1000;
    /** A link closer than this to its expiry is asked for again. */
    static final Duration MARGIN = Duration.ofSeconds(30);

    /** Asks the API for links to a batch of paths; empty where it offers none. */
    interface Source {
        Optional<JsonNode> links(List<String> paths) throws IOException, InterruptedException;
    }

    /** A batch's links, all valid until {@code expires} (none, never expiring, where none are offered). */
    private record Batch(Map<String, URI> urls, Instant expires) {
        static final Batch NONE = new Batch(Map.of(), Instant.MAX);
    }

    private final Source source;
    private final Clock clock;
    private final Map<String, Integer> batchOf = new HashMap<>();
    private final List<List<String>> batches = new ArrayList<>();
    private final Map<Integer, CompletableFuture<Batch>> asked = new ConcurrentHashMap<>();
    private final Set<String> failed = ConcurrentHashMap.newKeySet();
    private final ExecutorService asker = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "download-links");
        thread.setDaemon(true);
        return thread;
    });
    private volatile boolean offered = true;

    /** Links for {@code paths} (in the order they will be wanted), none asked yet. */
    DirectLinks(List<String> paths, Source source, Clock clock) {
        this.source = source;
        this.clock = clock;
        for (int start = 0; start < paths.size(); start += BATCH) {
            List<String> batch = List.copyOf(paths.subList(start, Math.min(paths.size(), start + BATCH)));
            batch.forEach(path -> batchOf.put(path, batches.size()));
            batches.add(batch);
        }
    }

    /**
     * The store URL to read {@code path} from, or empty to read it through the API. Asks for the
     * path's batch when it has no valid link yet, and for the next batch meanwhile, so that the
     * downloads seldom wait for links.
     */
    Optional<URI> link(String path) throws InterruptedException {
        Integer batch = batchOf.get(path);
        if (!offered || batch == null || failed.contains(path)) {
            return Optional.empty();
        }
        CompletableFuture<Batch> links = ask(batch);
        if (batch + 1 < batches.size()) {
            ask(batch + 1);
        }
        Batch answer;
        try {
            answer = links.get();
        } catch (ExecutionException e) {
            // the API could not hand out links just now: this file goes through the API (the batch is asked again later)
            return Optional.empty();
        }
        return fresh(answer.expires()) ? Optional.ofNullable(answer.urls().get(path)) : Optional.empty();
    }

    /** The link of {@code path} failed: the file is read through the API from now on. */
    void failed(String path) {
        failed.add(path);
    }

    /** Stops asking. */
    void close() {
        asker.shutdownNow();
    }

    /** The batch's links, asked once, and again once they are about to expire or the asking failed. */
    private CompletableFuture<Batch> ask(int batch) {
        return asked.compute(batch, (index, current) -> current != null && !stale(current) ? current
                : CompletableFuture.supplyAsync(() -> fetch(batches.get(index)), asker));
    }

    private boolean stale(CompletableFuture<Batch> links) {
        if (!links.isDone()) {
            return false;
        }
        return links.isCompletedExceptionally() || !fresh(links.join().expires());
    }

    private boolean fresh(Instant expires) {
        return clock.instant().plus(MARGIN).isBefore(expires);
    }

    private Batch fetch(List<String> batch) {
        try {
            Optional<JsonNode> answer = offered ? source.links(batch) : Optional.empty();
            if (answer.isEmpty()) {
                offered = false;
                return Batch.NONE;
            }
            Instant expires = Instant.parse(answer.get().path("expires_at").asText());
            if (!fresh(expires)) {
                // links that live shorter than the margin would be asked for again for every file: not used
                offered = false;
                return Batch.NONE;
            }
            Map<String, URI> urls = new HashMap<>();
            for (JsonNode link : answer.get().path("links")) {
                String path = link.path("path").asText();
                if (batchOf.containsKey(path)) {
                    urls.put(path, URI.create(link.path("url").asText()));
                }
            }
            return new Batch(urls, expires);
        } catch (IOException e) {
            throw new java.io.UncheckedIOException(e);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            throw new IllegalStateException("interrupted while asking for download links", e);
        }
    }
}
