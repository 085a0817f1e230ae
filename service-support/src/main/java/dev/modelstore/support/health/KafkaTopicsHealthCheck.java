package dev.modelstore.support.health;

import dev.modelstore.events.Topics;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import org.apache.kafka.clients.admin.Admin;
import org.apache.kafka.clients.admin.AdminClientConfig;
import org.eclipse.microprofile.config.inject.ConfigProperty;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the broker answers and every Modelstore topic exists. */
@Readiness
@ApplicationScoped
public class KafkaTopicsHealthCheck implements HealthCheck {

    private final String bootstrapServers;
    private Admin admin;

    KafkaTopicsHealthCheck(@ConfigProperty(name = "kafka.bootstrap.servers") String bootstrapServers) {
        this.bootstrapServers = bootstrapServers;
    }

    @Override
    public HealthCheckResponse call() {
        var response = HealthCheckResponse.named("kafka-topics");
        try {
            Set<String> missing = new HashSet<>(Topics.ALL);
            missing.removeAll(admin().listTopics().names().get(5, TimeUnit.SECONDS));
            return missing.isEmpty() ? response.up().build() : response.down().withData("missing", missing.toString()).build();
        } catch (Exception e) {
            return response.down().withData("error", String.valueOf(e.getMessage())).build();
        }
    }

    private synchronized Admin admin() {
        if (admin == null) {
            admin = Admin.create(Map.of(AdminClientConfig.BOOTSTRAP_SERVERS_CONFIG, bootstrapServers,
                    AdminClientConfig.REQUEST_TIMEOUT_MS_CONFIG, 5_000,
                    AdminClientConfig.DEFAULT_API_TIMEOUT_MS_CONFIG, 5_000));
        }
        return admin;
    }

    @PreDestroy
    synchronized void close() {
        if (admin != null) {
            admin.close();
        }
    }
}
