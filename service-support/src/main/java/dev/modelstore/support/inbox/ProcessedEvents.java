package dev.modelstore.support.inbox;

import dev.modelstore.events.ModelstoreEvent;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Transactional;
import java.util.UUID;

/**
 * The inbox that makes consumers idempotent: a consumer claims an event id in the same transaction
 * as the event's effect; a redelivered event finds its id taken and is skipped.
 */
@ApplicationScoped
public class ProcessedEvents {

    private final EntityManager entityManager;

    ProcessedEvents(EntityManager entityManager) {
        this.entityManager = entityManager;
    }

    /**
     * Claims the event for this consumer in the caller's transaction.
     *
     * @return true the first time, false when the event was already applied
     */
    @Transactional(Transactional.TxType.MANDATORY)
    public boolean claim(String consumer, UUID eventId) {
        return entityManager.createNativeQuery("INSERT INTO processed_event (consumer, event_id) VALUES (?1, ?2) "
                        + "ON CONFLICT DO NOTHING")
                .setParameter(1, consumer)
                .setParameter(2, eventId)
                .executeUpdate() == 1;
    }

    /**
     * Applies the event's effect once for this consumer: the claim and the effect commit in one new
     * transaction, retried with backoff ({@link Retrying}) when the database is briefly unavailable.
     */
    public void applyOnce(String consumer, ModelstoreEvent event, Runnable effect) {
        Retrying.apply(event.getClass().getSimpleName() + " " + event.eventId(), () ->
                QuarkusTransaction.requiringNew().run(() -> {
                    if (claim(consumer, event.eventId())) {
                        effect.run();
                    }
                }));
    }
}
