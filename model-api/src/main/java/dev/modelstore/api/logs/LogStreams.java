package dev.modelstore.api.logs;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.api.service.TokenService;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.jboss.logging.Logger;

/**
 * The open log streams of this instance and the two threads that poll them. Each stream looks for
 * new lines every {@code poll-interval}; a project may hold {@code max-per-project} streams and the
 * instance {@code max-open}, so one tenant's streams cannot crowd out the others'. A stream whose
 * token is revoked is dropped; none lives longer than {@link #MAX_LIFE} (the client reconnects).
 */
@ApplicationScoped
public class LogStreams {

    private static final Logger LOG = Logger.getLogger(LogStreams.class);
    /** The longest a stream stays open; trainML's clients reconnect and subscribe again. */
    static final Duration MAX_LIFE = Duration.ofHours(24);
    /** Polls in a row that may fail (the database is away) before a stream is dropped; the client reconnects. */
    static final int MAX_FAILURES = 20;
    /** How long a connection may stay open without asking for a log. */
    static final Duration IDLE = Duration.ofSeconds(30);

    private final ModelApiConfig config;
    private final TokenService tokens;
    private final ScheduledExecutorService poller = Executors.newScheduledThreadPool(2, runnable -> {
        Thread thread = new Thread(runnable, "log-streams");
        thread.setDaemon(true);
        return thread;
    });
    /** Every open connection (whether or not it streams yet) and its project: the limits count these. */
    private final Map<String, UUID> connections = new ConcurrentHashMap<>();
    private final Map<String, ScheduledFuture<?>> polling = new ConcurrentHashMap<>();
    private final Map<UUID, AtomicInteger> perProject = new ConcurrentHashMap<>();

    LogStreams(ModelApiConfig config, TokenService tokens) {
        this.config = config;
        this.tokens = tokens;
    }

    /** Whether the project (or this instance) has as many streams open as it may. */
    public boolean full(UUID projectId) {
        return connections.size() >= config.logStreams().maxOpen()
                || perProject.getOrDefault(projectId, new AtomicInteger()).get() >= config.logStreams().maxPerProject();
    }

    /**
     * Counts an open connection against its project's and this instance's limits; false (and not
     * counted) when either is reached. A connection that has not asked for a log within
     * {@link #IDLE} is closed by {@code onIdle}.
     */
    boolean open(String connectionId, UUID projectId, Runnable onIdle) {
        AtomicInteger count = perProject.computeIfAbsent(projectId, project -> new AtomicInteger());
        if (connections.size() >= config.logStreams().maxOpen() || count.incrementAndGet() > config.logStreams().maxPerProject()) {
            count.decrementAndGet();
            return false;
        }
        connections.put(connectionId, projectId);
        poller.schedule(() -> {
            if (connections.containsKey(connectionId) && !polling.containsKey(connectionId)) {
                onIdle.run();
            }
        }, IDLE.toMillis(), TimeUnit.MILLISECONDS);
        return true;
    }

    /** The connection closed: it no longer counts, and its stream is no longer polled. */
    void close(String connectionId) {
        ScheduledFuture<?> task = polling.remove(connectionId);
        if (task != null) {
            task.cancel(false);
        }
        UUID projectId = connections.remove(connectionId);
        if (projectId != null) {
            perProject.computeIfPresent(projectId, (project, count) -> count.decrementAndGet() <= 0 ? null : count);
        }
    }

    /** Starts polling the stream of an open connection. */
    void start(String connectionId, LogStream stream) {
        Instant until = Instant.now().plus(MAX_LIFE);
        long every = Math.max(50, config.logStreams().pollInterval().toMillis());
        AtomicInteger failures = new AtomicInteger();
        Runnable round = () -> {
            try {
                if (!poll(stream, until)) {
                    stopPolling(connectionId);
                }
                failures.set(0);
            } catch (RuntimeException e) {
                LOG.warnf("log stream of %s %s failed a poll: %s", stream.entity, stream.id, e.toString());
                if (failures.incrementAndGet() >= MAX_FAILURES) {
                    stopPolling(connectionId);
                    stream.drop(1011, "the log cannot be read right now; attach again shortly");
                }
            }
        };
        polling.put(connectionId, poller.scheduleWithFixedDelay(round, 0, every, TimeUnit.MILLISECONDS));
    }

    private void stopPolling(String connectionId) {
        ScheduledFuture<?> task = polling.get(connectionId);
        if (task != null) {
            task.cancel(false);
        }
    }

    private boolean poll(LogStream stream, Instant until) {
        if (stream.tokenCheckDue(config.feedTokenCheckInterval())
                && !QuarkusTransaction.requiringNew().call(() -> tokens.isActive(stream.tokenId))) {
            stream.drop(1008, "the API token was revoked");
            return false;
        }
        if (Instant.now().isAfter(until)) {
            stream.drop(1001, "open for " + MAX_LIFE.toHours() + " hours; reconnect to go on");
            return false;
        }
        return stream.poll();
    }

    @PreDestroy
    void shutdown() {
        poller.shutdownNow();
    }
}
