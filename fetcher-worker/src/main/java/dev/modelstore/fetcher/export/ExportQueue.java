package dev.modelstore.fetcher.export;

import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelExportCompleted;
import dev.modelstore.events.ModelExportFailed;
import dev.modelstore.events.ModelExportProgressed;
import dev.modelstore.events.ModelExportRequested;
import dev.modelstore.events.ModelExportStarted;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.persistence.LockModeType;
import jakarta.transaction.Transactional;
import java.time.Duration;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.UUID;

/**
 * The fleet's exports, in PostgreSQL: a request is stored (a redelivered one changes nothing), a
 * store export claimed by one fetcher with {@code SKIP LOCKED} and owned by its attempt while its
 * heartbeat beats, queued again when it stops; every change of state commits with its event.
 * An outcome is recorded only by the attempt that owns the export, so a taken-over export ends once.
 */
@ApplicationScoped
public class ExportQueue {

    /** An export this fetcher now runs. */
    public record Claimed(ModelExportRequested request, UUID attemptId, boolean clashChecked) {
    }

    private final EntityManager entityManager;
    private final Outbox outbox;

    ExportQueue(EntityManager entityManager, Outbox outbox) {
        this.entityManager = entityManager;
        this.outbox = outbox;
    }

    /**
     * Stores the request; a local export is running at once (it waits for the user's client, on no
     * thread). Answers whether it was new.
     */
    @Transactional
    public boolean enqueue(ModelExportRequested request, String worker) {
        if (entityManager.find(Export.class, request.exportId()) != null) {
            return false;
        }
        Export export = new Export();
        export.id = request.exportId();
        export.modelId = request.modelId();
        export.projectId = request.projectId();
        export.outputType = request.outputType();
        export.request = EventCodec.toJson(request);
        export.queuedAt = now();
        if (request.outputType().equals("local")) {
            export.status = Export.State.RUNNING;
            export.tokenHash = request.tokenSha256();
            export.startedAt = export.queuedAt;
            export.worker = worker;
            outbox.append(new ModelExportStarted(UUID.randomUUID(), export.startedAt, export.id, export.modelId,
                    export.projectId, worker));
        } else {
            export.status = Export.State.QUEUED;
        }
        entityManager.persist(export);
        return true;
    }

    /**
     * Claims the next queued store export, fairly: of the projects running fewer than
     * {@code perProject} store exports across the fleet, the one running the fewest, its oldest
     * request first. It is running from now on, announced with {@link ModelExportStarted}.
     */
    @Transactional
    public Optional<Claimed> claimNext(String worker, int perProject) {
        String running = "(SELECT count(*) FROM export r WHERE r.project_id = q.project_id AND r.status = 'RUNNING' "
                + "AND r.output_type <> 'local')";
        @SuppressWarnings("unchecked")
        List<UUID> next = entityManager.createNativeQuery("SELECT q.id FROM export q WHERE q.status = 'QUEUED' AND "
                        + running + " < :perProject ORDER BY " + running + ", q.queued_at LIMIT 1 FOR UPDATE SKIP LOCKED",
                        UUID.class)
                .setParameter("perProject", perProject).getResultList();
        if (next.isEmpty()) {
            return Optional.empty();
        }
        Export export = entityManager.find(Export.class, next.get(0));
        export.attemptId = UUID.randomUUID();
        export.status = Export.State.RUNNING;
        export.worker = worker;
        export.startedAt = now();
        export.heartbeatAt = export.startedAt;
        outbox.append(new ModelExportStarted(UUID.randomUUID(), export.startedAt, export.id, export.modelId,
                export.projectId, worker));
        return Optional.of(new Claimed((ModelExportRequested) EventCodec.fromJson(export.request), export.attemptId,
                export.clashChecked));
    }

    /** The target had no clash: a later attempt of the same export need not look again (the objects there are its own). */
    @Transactional
    public void clashChecked(UUID exportId, UUID attemptId) {
        owned(exportId, attemptId).ifPresent(export -> export.clashChecked = true);
    }

    /** How far the export has got, announced. */
    @Transactional
    public void progressed(UUID exportId, UUID attemptId, long bytes, long files, long totalBytes, long totalFiles) {
        owned(exportId, attemptId).ifPresent(export -> {
            export.bytes = bytes;
            export.files = files;
            outbox.append(new ModelExportProgressed(UUID.randomUUID(), now(), export.id, export.modelId, export.projectId,
                    bytes, files, totalBytes, totalFiles));
        });
    }

    /** The export completed; false when this attempt no longer owns it (it was cancelled or taken over). */
    @Transactional
    public boolean complete(UUID exportId, UUID attemptId, long bytes, long files, String note) {
        return owned(exportId, attemptId).map(export -> {
            export.status = Export.State.COMPLETED;
            export.bytes = bytes;
            export.files = files;
            export.finishedAt = now();
            export.tokenHash = null;
            outbox.append(new ModelExportCompleted(UUID.randomUUID(), export.finishedAt, export.id, export.modelId,
                    export.projectId, bytes, files, note));
            return true;
        }).orElse(false);
    }

    /** The export failed with a reason for the person who asked; false when this attempt no longer owns it. */
    @Transactional
    public boolean fail(UUID exportId, UUID attemptId, String reason) {
        return owned(exportId, attemptId).map(export -> {
            export.status = Export.State.FAILED;
            export.reason = reason;
            export.finishedAt = now();
            export.tokenHash = null;
            outbox.append(new ModelExportFailed(UUID.randomUUID(), export.finishedAt, export.id, export.modelId,
                    export.projectId, reason));
            return true;
        }).orElse(false);
    }

    /** The model was deleted: its exports end without an outcome (model-api has removed them). */
    @Transactional
    public List<UUID> cancel(UUID modelId) {
        List<Export> active = entityManager.createQuery("from Export where modelId = ?1 and status in ?2", Export.class)
                .setParameter(1, modelId).setParameter(2, List.of(Export.State.QUEUED, Export.State.RUNNING))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Export export : active) {
            export.status = Export.State.CANCELLED;
            export.finishedAt = now();
            export.tokenHash = null;
        }
        return active.stream().map(e -> e.id).toList();
    }

    /** A local export's archive was sent in full. */
    @Transactional
    public void downloaded(UUID exportId) {
        owned(exportId, null).ifPresent(export -> export.downloaded = true);
    }

    /** Whether a local export's archive was sent in full. */
    @Transactional
    public boolean wasDownloaded(UUID exportId) {
        Export export = entityManager.find(Export.class, exportId);
        return export != null && export.downloaded;
    }

    /** Whether the export still runs. */
    @Transactional
    public boolean isRunning(UUID exportId) {
        Export export = entityManager.find(Export.class, exportId);
        if (export != null) {
            entityManager.refresh(export);
        }
        return export != null && export.status == Export.State.RUNNING;
    }

    /** The running local export a download token belongs to. */
    @Transactional
    public Optional<Export> localByToken(String tokenHash) {
        return entityManager.createQuery("from Export where tokenHash = ?1 and status = ?2", Export.class)
                .setParameter(1, tokenHash).setParameter(2, Export.State.RUNNING).getResultStream().findFirst();
    }

    /** Says the fetcher still runs these exports. */
    @Transactional
    public void heartbeat(String worker, Collection<UUID> exports) {
        if (exports.isEmpty()) {
            return;
        }
        entityManager.createNativeQuery("UPDATE export SET heartbeat_at = now() WHERE status = 'RUNNING' AND worker = :worker "
                        + "AND id IN (:ids)")
                .setParameter("worker", worker).setParameter("ids", List.copyOf(exports)).executeUpdate();
    }

    /**
     * Queues again the running store exports whose fetcher stopped beating for {@code silence}, and at
     * a fetcher's start those its earlier life left running.
     */
    @Transactional
    public int requeueAbandoned(Duration silence, String restartedWorker) {
        return entityManager.createNativeQuery("UPDATE export SET status = 'QUEUED', queued_at = now(), attempt_id = NULL "
                        + "WHERE status = 'RUNNING' AND output_type <> 'local' AND (heartbeat_at < ?1 OR worker = ?2)")
                .setParameter(1, Instant.now().minus(silence))
                .setParameter(2, restartedWorker == null ? "" : restartedWorker)
                .executeUpdate();
    }

    /** Fails the local exports whose client has not finished them within {@code wait}. */
    @Transactional
    public int expireLocal(Duration wait) {
        List<Export> expired = entityManager.createQuery("from Export where outputType = 'local' and status = ?1 "
                        + "and startedAt < ?2", Export.class)
                .setParameter(1, Export.State.RUNNING).setParameter(2, Instant.now().minus(wait))
                .setLockMode(LockModeType.PESSIMISTIC_WRITE).getResultList();
        for (Export export : expired) {
            export.status = Export.State.FAILED;
            export.reason = "no client downloaded and finalized this export within " + wait.toMinutes() + " minutes of "
                    + "its start; export the model again and run the connect command while it exports";
            export.finishedAt = now();
            export.tokenHash = null;
            outbox.append(new ModelExportFailed(UUID.randomUUID(), export.finishedAt, export.id, export.modelId,
                    export.projectId, export.reason));
        }
        return expired.size();
    }

    /** The export, locked, if {@code attemptId} still owns it and it runs. */
    private Optional<Export> owned(UUID exportId, UUID attemptId) {
        Export export = entityManager.find(Export.class, exportId, LockModeType.PESSIMISTIC_WRITE);
        if (export == null || export.status != Export.State.RUNNING || !java.util.Objects.equals(export.attemptId, attemptId)) {
            return Optional.empty();
        }
        return Optional.of(export);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
