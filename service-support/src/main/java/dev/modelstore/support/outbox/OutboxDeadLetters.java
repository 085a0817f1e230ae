package dev.modelstore.support.outbox;

import dev.modelstore.support.input.Texts;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import io.quarkus.narayana.jta.QuarkusTransaction;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Event;
import jakarta.persistence.EntityManager;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicLong;
import org.jboss.logging.Logger;

/**
 * The dead-letter side of the outbox: moves a row Kafka refused for good to
 * {@code outbox_dead_letter} (in the relay's transaction), then tells the owning service through a
 * {@link DeadLetter} CDI event in a transaction of its own, retried on the relay's next rounds until
 * an observer has handled it. Counted in {@code modelstore_outbox_dead_letters}.
 */
@ApplicationScoped
public class OutboxDeadLetters {

    private static final Logger LOG = Logger.getLogger(OutboxDeadLetters.class);
    private static final int MAX_ERROR = 2000;

    private final EntityManager entityManager;
    private final Event<DeadLetter> observers;
    private final AtomicLong count = new AtomicLong(-1);
    private volatile boolean maybeUnhandled = true;

    OutboxDeadLetters(EntityManager entityManager, Event<DeadLetter> observers, MeterRegistry registry) {
        this.entityManager = entityManager;
        this.observers = observers;
        Gauge.builder("modelstore.outbox.dead.letters", this, OutboxDeadLetters::count)
                .description("Outbox events Kafka refused for good (see table outbox_dead_letter)")
                .register(registry);
    }

    /** Moves the outbox row to the dead letters, in the caller's transaction. */
    void bury(long seq, String error) {
        entityManager.createNativeQuery("INSERT INTO outbox_dead_letter (seq, event_id, topic, record_key, event_type, "
                        + "payload, created_at, error) SELECT seq, event_id, topic, record_key, event_type, payload, "
                        + "created_at, ?1 FROM outbox_event WHERE seq = ?2 ON CONFLICT DO NOTHING")
                .setParameter(1, Texts.bounded(error, MAX_ERROR))
                .setParameter(2, seq)
                .executeUpdate();
        entityManager.createNativeQuery("DELETE FROM outbox_event WHERE seq = ?1").setParameter(1, seq).executeUpdate();
        count.set(-1);
        maybeUnhandled = true;
    }

    /** Tells the observers of every dead letter not handled yet; each in its own transaction. */
    void notifyUnhandled() {
        if (!maybeUnhandled) {
            return;
        }
        List<Object[]> rows = QuarkusTransaction.requiringNew().call(() -> rows(
                "SELECT seq, event_id, topic, record_key, event_type, error FROM outbox_dead_letter "
                        + "WHERE handled_at IS NULL ORDER BY seq LIMIT 50"));
        maybeUnhandled = !rows.isEmpty();
        for (Object[] row : rows) {
            long seq = ((Number) row[0]).longValue();
            DeadLetter letter = new DeadLetter((UUID) row[1], (String) row[2], (String) row[3], (String) row[4],
                    (String) row[5]);
            try {
                QuarkusTransaction.requiringNew().run(() -> {
                    observers.fire(letter);
                    entityManager.createNativeQuery("UPDATE outbox_dead_letter SET handled_at = now() WHERE seq = ?1")
                            .setParameter(1, seq).executeUpdate();
                });
                LOG.errorf("outbox event %s (%s, key %s) was refused by Kafka for good and moved to outbox_dead_letter: %s",
                        letter.eventId(), letter.eventType(), letter.key(), letter.error());
            } catch (RuntimeException e) {
                LOG.warnf("the dead letter of outbox event %s could not be handled yet (will retry): %s", letter.eventId(),
                        e.toString());
            }
        }
    }

    /** How many events are in the dead letters, as last counted by {@link #refreshCount()}. */
    public long count() {
        return Math.max(0, count.get());
    }

    /** Counts the dead letters again when one was added since the last count (on the relay's thread). */
    void refreshCount() {
        if (count.get() >= 0) {
            return;
        }
        try {
            count.set(QuarkusTransaction.requiringNew().call(() -> ((Number) entityManager
                    .createNativeQuery("SELECT count(*) FROM outbox_dead_letter").getSingleResult()).longValue()));
        } catch (RuntimeException e) {
            LOG.debugf("could not count the outbox's dead letters: %s", e.toString());
        }
    }

    @SuppressWarnings("unchecked")
    private List<Object[]> rows(String sql) {
        return entityManager.createNativeQuery(sql).getResultList();
    }
}
