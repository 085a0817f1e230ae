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
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.Future;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerRecord;
import org.apache.kafka.clients.producer.RecordMetadata;
import org.apache.kafka.common.InvalidRecordException;
import org.apache.kafka.common.KafkaException;
import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.RecordBatchTooLargeException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.SerializationException;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.jboss.logging.Logger;

/**
 * Publishes outbox rows to Kafka in commit order, then deletes them. Woken right after each commit
 * and polling as a fallback; rows are claimed with {@code FOR UPDATE SKIP LOCKED}, so several
 * instances of a service can relay side by side. Delivery is at-least-once: a crash between send
 * and delete sends the event again, which consumers recognise by its id. A row Kafka can never take
 * (too large, an invalid topic) goes to the dead letters ({@link OutboxDeadLetters}) with its error
 * and the rows behind it go on; while Kafka is unreachable every row waits and is retried.
 */
@ApplicationScoped
public class OutboxRelay {

    private static final Logger LOG = Logger.getLogger(OutboxRelay.class);
    private static final int BATCH = 200;
    private static final long MAX_BACKOFF_MILLIS = 30_000;

    private final EntityManager entityManager;
    private final OutboxProducer producerFactory;
    private final OutboxDeadLetters deadLetters;
    private final String source;
    private final long pollMillis;
    private final ArrayBlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private final AtomicReference<String> lastError = new AtomicReference<>();
    private volatile boolean running;
    private Thread thread;

    OutboxRelay(EntityManager entityManager, OutboxProducer producerFactory, OutboxDeadLetters deadLetters,
            @ConfigProperty(name = "quarkus.application.name") String source,
            @ConfigProperty(name = "modelstore.outbox.poll-millis", defaultValue = "500") long pollMillis) {
        this.entityManager = entityManager;
        this.producerFactory = producerFactory;
        this.deadLetters = deadLetters;
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
        long backoff = 1_000;
        while (running) {
            try {
                signal.poll(pollMillis, TimeUnit.MILLISECONDS);
                Batch batch;
                do {
                    batch = relayBatch();
                } while (running && batch.full() && !batch.waiting());
                deadLetters.notifyUnhandled();
                deadLetters.refreshCount();
                if (batch.waiting()) {
                    sleepQuietly(backoff);
                    backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
                } else {
                    lastError.set(null);
                    backoff = 1_000;
                }
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                lastError.set(e.getClass().getSimpleName() + ": " + e.getMessage());
                LOG.warnf("outbox relay could not publish (will retry): %s", e.toString());
                sleepQuietly(backoff);
                backoff = Math.min(MAX_BACKOFF_MILLIS, backoff * 2);
            }
        }
    }

    /**
     * What one round did.
     *
     * @param full whether the batch was full (more rows may wait)
     * @param waiting whether some row could not be sent for now (Kafka unreachable): back off
     */
    private record Batch(boolean full, boolean waiting) {
    }

    private Batch relayBatch() {
        return QuarkusTransaction.requiringNew().timeout(120).call(() -> {
            @SuppressWarnings("unchecked")
            List<Object[]> rows = entityManager.createNativeQuery(
                            "SELECT seq, event_id, topic, record_key, event_type, payload, created_at FROM outbox_event "
                                    + "ORDER BY seq LIMIT " + BATCH + " FOR UPDATE SKIP LOCKED")
                    .getResultList();
            if (rows.isEmpty()) {
                return new Batch(false, false);
            }
            Producer<String, String> producer = producerFactory.producer();
            List<Future<RecordMetadata>> sent = new ArrayList<>(rows.size());
            for (Object[] row : rows) {
                sent.add(send(producer, row));
            }
            List<Long> published = new ArrayList<>(rows.size());
            boolean waiting = false;
            for (int i = 0; i < rows.size(); i++) {
                long seq = ((Number) rows.get(i)[0]).longValue();
                try {
                    sent.get(i).get(30, TimeUnit.SECONDS);
                    published.add(seq);
                } catch (ExecutionException e) {
                    Throwable cause = e.getCause() == null ? e : e.getCause();
                    if (neverSendable(cause)) {
                        deadLetters.bury(seq, cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    } else {
                        waiting = true;
                        lastError.set(cause.getClass().getSimpleName() + ": " + cause.getMessage());
                    }
                } catch (java.util.concurrent.TimeoutException e) {
                    waiting = true;
                    lastError.set("Kafka did not acknowledge an event within 30 s");
                }
            }
            if (!published.isEmpty()) {
                entityManager.createNativeQuery("DELETE FROM outbox_event WHERE seq IN (:seqs)")
                        .setParameter("seqs", published)
                        .executeUpdate();
            }
            if (waiting) {
                LOG.warnf("outbox relay: some of %d events wait for Kafka (will retry): %s", rows.size(), lastError.get());
            }
            return new Batch(rows.size() == BATCH, waiting);
        });
    }

    /** Sends one row; a record the producer refuses at once comes back as a failed future. */
    private Future<RecordMetadata> send(Producer<String, String> producer, Object[] row) {
        try {
            return producer.send(record(row));
        } catch (KafkaException e) {
            CompletableFuture<RecordMetadata> failed = new CompletableFuture<>();
            failed.completeExceptionally(e);
            return failed;
        }
    }

    /** Errors that say this record will never be accepted, however often it is sent again. */
    static boolean neverSendable(Throwable error) {
        return error instanceof RecordTooLargeException || error instanceof RecordBatchTooLargeException
                || error instanceof InvalidTopicException || error instanceof SerializationException
                || error instanceof InvalidRecordException;
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
