package dev.modelstore.support.outbox;

import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.runtime.ShutdownEvent;
import io.quarkus.runtime.StartupEvent;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.event.Observes;
import jakarta.persistence.EntityManager;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Future;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order, then deletes them. Woken right after each commit
 * and polling as a fallback; rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * instances of a service can relay side by side. Delivery is at-least-once: a crash between send
 * and delete sends the event again, which consumers recognise by its id.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;

    private final EntityManager entityManager;
    private final OutboxProducer producerFactory;
    private final String source;
    private final long pollMillis;
    private final ArrayBlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(EntityManager entityManager, OutboxProducer producerFactory,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "modelstore.outbox.poll-millis", defaultValue = "500") long pollMillis) {
        this.entityManager = entityManager;
        this.producerFactory = producerFactory;
        this.source = source;
        this.pollMillis = pollMillis;
    }

    void start(@Observes StartupEvent startup) {
        running = true;
        thread = new Thread(this::run, "outbox-relay");
        thread.setDaemon(true);
        thread.start();
    }

    void stop(@Observes ShutdownEvent shutdown) throws InterruptedException {
        running = false;
        if (thread != null) {
            thread.interrupt();
            thread.join(5_000);
        }
    }

    /** Asks the relay to publish now rather than at its next poll. */
    public void wakeUp() {
        signal.offer(Boolean.TRUE);
    }

    /** The last publishing error, or null once publishing works again. */
    public String lastError() {
        return lastError.get();
    }

    private void run() {
        while (running) {
            try {
                signal.poll(pollMillis, TimeUnit.MILLISECONDS);
                while (running && relayBatch() == BATCH) {
                    // a full batch: there may be more waiting
                }
                lastError.set(null);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                LOG.warnf("outbox relay could not publish (will retry): %s", e.toString());
                sleepQuietly(1_000);
            }
        }
    }

    private int relayBatch() {
        return QuarkusTransaction.requiringNew().timeout(60).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                            "SELECT seq, event_id, topic, record_key, event_type, payload, created_at FROM outbox_event "
                                    + "ORDER BY seq LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                    .getResultList();
            if (rows.isEmpty()) {
                return 0;
            }
            Producer<String, String> producer = producerFactory.producer();
            List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
            List<Long> seqs = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                sent.add(producer.send(record(row)));
                seqs.add(((Number) row[0]).longValue());
            }
            for (Future<RecordMetadata> future : sent) {
                future.get(30, TimeUnit.SECONDS);
            }
            entityManager.createNativeQuery("DELETE FROM outbox_event WHERE seq IN (:seqs)")
                    .setParameter("seqs", seqs)
                    .executeUpdate();
            return rows.size();
        });
    }

    /** A Kafka record with CloudEvents binary-mode headers, so tools can read the event's identity without parsing it. */
    private ProducerRecord<String, String> record(Object[] row) {
        ProducerRecord<String, String> record =
                new ProducerRecord<>((String) row[2], (String) row[3], (String) row[5]);
        header(record, "ce_specversion", "1.0");
        header(record, "ce_id", ((UUID) row[1]).toString());
        header(record, "ce_type", "dev.modelstore." + row[4]);
        header(record, "ce_source", "/modelstore/" + source);
        header(record, "ce_time", toInstant(row[6]).toString());
        header(record, "content-type", "application/json");
        return record;
    }

    private static Instant toInstant(Object value) {
        if (value instanceof Instant instant) {
            return instant;
        } else if (value instanceof java.time.OffsetDateTime offset) {
            return offset.toInstant();
        } else if (value instanceof java.sql.Timestamp timestamp) {
            return timestamp.toInstant();
        }
        return Instant.now();
    }

    private static void header(ProducerRecord<String, String> record, String name, String value) {
        record.headers().add(name, value.getBytes(StandardCharsets.UTF_8));
    }

    private static void sleepQuietly(long millis) {
        try {
            Thread.sleep(millis);
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
        }
    }
}
