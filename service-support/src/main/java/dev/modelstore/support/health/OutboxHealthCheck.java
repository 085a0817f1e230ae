package dev.modelstore.support.health;

import dev.modelstore.support.outbox.OutboxDeadLetters;
import dev.modelstore.support.outbox.OutboxRelay;
import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * The outbox in {@code /q/health} ({@code /q/health/well}): how many events Kafka refused for good
 * (they are in {@code outbox_dead_letter}; also the metric {@code modelstore_outbox_dead_letters}) and
 * the last publishing error. It stays UP: a dead letter holds nothing up, it needs an operator's look.
 */
@Wellness
@ApplicationScoped
public class OutboxHealthCheck implements HealthCheck {

    private final OutboxRelay relay;
    private final OutboxDeadLetters deadLetters;

    OutboxHealthCheck(OutboxRelay relay, OutboxDeadLetters deadLetters) {
        this.relay = relay;
        this.deadLetters = deadLetters;
    }

    @Override
    public HealthCheckResponse call() {
        String error = relay.lastError();
        return HealthCheckResponse.named("outbox").up()
                .withData("dead_letters", deadLetters.count())
                .withData("last_error", error == null ? "none" : error)
                .build();
    }
}
