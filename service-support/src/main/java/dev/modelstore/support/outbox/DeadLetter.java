package dev.modelstore.support.outbox;

import java.util.UUID;

/**
 * An outbox event Kafka refused for good, fired (as a CDI event, in its own transaction) after it
 * moved to {@code outbox_dead_letter}, so that the service that wrote it can apply the consequence —
 * fail the model it concerns, say — instead of leaving it waiting for an event that never comes.
 *
 * @param key the record key: the model, job or project the event concerns
 * @param eventType the event's simple class name ({@code ModelRequested}, …)
 * @param error why Kafka refused it
 */
public record DeadLetter(UUID eventId, String topic, String key, String eventType, String error) {

    /** The key as the id it is for model, job and project events; empty for any other key. */
    public java.util.Optional<UUID> keyId() {
        try {
            return java.util.Optional.of(UUID.fromString(key));
        } catch (IllegalArgumentException e) {
            return java.util.Optional.empty();
        }
    }
}
