package dev.modelstore.support.outbox;

import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Duration;
import java.util.Properties;
import org.apache.kafka.clients.producer.KafkaProducer;
import org.apache.kafka.clients.producer.Producer;
import org.apache.kafka.clients.producer.ProducerConfig;
import org.apache.kafka.common.serialization.StringSerializer;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/** The idempotent Kafka producer the outbox relay publishes with, created on first use. */
@ApplicationScoped
public class OutboxProducer {

    private final String bootstrapServers;
    private final String clientId;
    private volatile Producer<String, String> producer;

    OutboxProducer(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers,
            @ConfigProperty(name = "quarkus.application.name") String clientId) {
        this.bootstrapServers = bootstrapServers;
        this.clientId = clientId;
    }

    synchronized Producer<String, String> producer() {
        if (producer == null) {
            Properties props = new Properties();
            props.put(ProducerConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers);
            props.put(ProducerConfig.CLIENT_ID_CONFIG, clientId + "-outbox");
            props.put(ProducerConfig.ACKS_CONFIG, "all");
            props.put(ProducerConfig.ENABLE_IDEMPOTENCE_CONFIG, true);
            props.put(ProducerConfig.LINGER_MS_CONFIG, 0);
            props.put(ProducerConfig.DELIVERY_TIMEOUT_MS_CONFIG, 30_000);
            props.put(ProducerConfig.REQUEST_TIMEOUT_MS_CONFIG, 15_000);
            props.put(ProducerConfig.MAX_BLOCK_MS_CONFIG, 15_000);
            producer = new KafkaProducer<>(props, new StringSerializer(), new StringSerializer());
        }
        return producer;
    }

    @PreDestroy
    synchronized void close() {
        if (producer != null) {
            producer.close(Duration.ofSeconds(5));
        }
    }
}
