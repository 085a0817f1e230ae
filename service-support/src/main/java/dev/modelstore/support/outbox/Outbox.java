package dev.modelstore.support.outbox;

import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelstoreEvent;
import dev.modelstore.events.Topics;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.persistence.EntityManager;
import jakarta.transaction.Status;
import jakarta.transaction.Synchronization;
import jakarta.transaction.TransactionSynchronizationRegistry;
import jakarta.transaction.Transactional;

/**
 * The transactional outbox: an event appended here is committed with the caller's state change, or
 * not at all. After the commit the {@link OutboxRelay} publishes it to Kafka.
 */
@ApplicationScoped
public class Outbox {

    private final EntityManager entityManager;
    private final TransactionSynchronizationRegistry transactions;
    private final OutboxRelay relay;

    Outbox(EntityManager entityManager, TransactionSynchronizationRegistry transactions, OutboxRelay relay) {
        this.entityManager = entityManager;
        this.transactions = transactions;
        this.relay = relay;
    }

    /** Records the event in the caller's transaction (there must be one). */
    @Transactional(Transactional.TxType.MANDATORY)
    public void append(ModelstoreEvent event) {
        entityManager.createNativeQuery("INSERT INTO outbox_event (event_id, topic, record_key, event_type, payload) "
                        + "VALUES (?1, ?2, ?3, ?4, ?5)")
                .setParameter(1, event.eventId())
                .setParameter(2, Topics.of(event))
                .setParameter(3, event.key())
                .setParameter(4, event.getClass().getSimpleName())
                .setParameter(5, EventCodec.toJson(event))
                .executeUpdate();
        transactions.registerInterposedSynchronization(new Synchronization() {
            @Override
            public void beforeCompletion() {
            }

            @Override
            public void afterCompletion(int status) {
                if (status == Status.STATUS_COMMITTED) {
                    relay.wakeUp();
                }
            }
        });
    }
}
