package dev.modelstore.fetcher.service;

import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelIngestStarted;
import dev.modelstore.events.ModelRequested;
import dev.modelstore.fetcher.Ingest;
import dev.modelstore.fetcher.IngestStatus;
import dev.modelstore.fetcher.repository.IngestRepository;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * The durable queue of requested ingests, in PostgreSQL, shared by the fetcher fleet: a request is
 * stored {@code QUEUED} and its Kafka record acknowledged at once (so no thread waits for a slot);
 * fetchers claim queued ingests with {@code FOR UPDATE SKIP LOCKED}, the project that runs the
 * fewest first; a running ingest's heartbeat keeps it its fetcher's, and one whose heartbeat stops
 * (its fetcher died) is queued again for another to take over.
 */
@ApplicationScoped
public class IngestQueue {

    /** An ingest this fetcher now runs: its request, and whether an earlier attempt may have left objects. */
    public record Claimed(ModelRequested request, IngestLedger.Attempt attempt) {
    }

    private final IngestRepository ingests;
    private final EntityManager entityManager;
    private final Outbox outbox;

    IngestQueue(IngestRepository ingests, EntityManager entityManager, Outbox outbox) {
        this.ingests = ingests;
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /** Queues the request; a redelivered request of a queued, running or finished ingest changes nothing. */
    @Transactional
    public boolean enqueue(ModelRequested request) {
        if (ingests.findForUpdate(request.modelId()).isPresent()) {
            return false;
        }
        Ingest ingest = new Ingest();
        ingest.modelId = request.modelId();
        ingest.projectId = request.projectId();
        ingest.requestEventId = request.eventId();
        ingest.status = IngestStatus.QUEUED;
        ingest.request = EventCodec.toJson(request);
        ingest.queuedAt = now();
        ingests.persist(ingest);
        return true;
    }

    /**
     * Claims the next queued ingest for this fetcher: of the projects not in {@code capped}, the one
     * that runs the fewest ingests across the fleet, its oldest request first. It is running from now
     * on, announced with {@link ModelIngestStarted}.
     */
    @Transactional
    public Optional<Claimed> claimNext(String worker, Collection<UUID> capped) {
        Set<UUID> excluded = capped.isEmpty() ? Set.of(new UUID(0, 0)) : Set.copyOf(capped);
        @SuppressWarnings("unchecked")
        List<UUID> next = entityManager.createNativeQuery("SELECT q.model_id FROM ingest q WHERE q.status = 'QUEUED' "
                        + "AND q.request IS NOT NULL AND q.project_id NOT IN (:capped) ORDER BY (SELECT count(*) FROM ingest r "
                        + "WHERE r.project_id = q.project_id AND r.status = 'RUNNING' AND r.request IS NOT NULL), q.queued_at "
                        + "LIMIT 1 FOR UPDATE SKIP LOCKED", UUID.class)
                .setParameter("capped", excluded)
                .getResultList();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Ingest ingest = ingests.findById(next.get(0));
        boolean takeOver = ingest.attemptId != null;
        ingest.attemptId = UUID.randomUUID();
        ingest.status = IngestStatus.RUNNING;
        ingest.worker = worker;
        ingest.startedAt = now();
        ingest.heartbeatAt = ingest.startedAt;
        outbox.append(new ModelIngestStarted(UUID.randomUUID(), ingest.startedAt, ingest.modelId, ingest.projectId, worker));
        ModelRequested request = (ModelRequested) EventCodec.fromJson(ingest.request);
        return Optional.of(new Claimed(request, new IngestLedger.Attempt(ingest.attemptId, takeOver)));
    }

    /** Says the fetcher still runs these ingests. */
    @Transactional
    public void heartbeat(String worker, Collection<UUID> models) {
        if (models.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("UPDATE ingest SET heartbeat_at = now() WHERE status = 'RUNNING' AND worker = :worker "
                        + "AND model_id IN (:models)")
                .setParameter("worker", worker).setParameter("models", List.copyOf(models)).executeUpdate();
    }

    /**
     * Queues again the running ingests whose fetcher stopped beating for {@code silence}, and, at a
     * fetcher's start, those its earlier life left running ({@code restartedWorker}, or null).
     *
     * @return how many were queued again
     */
    @Transactional
    public int requeueAbandoned(Duration silence, String restartedWorker) {
        return entityManager.createNativeQuery("UPDATE ingest SET status = 'QUEUED', queued_at = now() WHERE status = 'RUNNING' "
                        + "AND request IS NOT NULL AND (heartbeat_at < ?1 OR worker = ?2)")
                .setParameter(1, Instant.now().minus(silence))
                .setParameter(2, restartedWorker == null ? "" : restartedWorker)
                .executeUpdate();
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
