package dev.modelstore.support.inbox;

import dev.modelstore.events.EventCodec;
import dev.modelstore.events.ModelstoreEvent;
import java.util.Optional;
import org.jboss.logging.Logger;

/** Reads a Kafka record's payload as an event; a record that is none is logged and skipped, never retried forever. */
public final class IncomingEvents {

    private static final Logger LOG = Logger.getLogger(IncomingEvents.class);

    private IncomingEvents() {
    }

    /** The event in the payload, or empty (with a warning) when it is not a Modelstore event. */
    public static Optional<ModelstoreEvent> decode(String payload) {
        try {
            return Optional.of(EventCodec.fromJson(payload));
        } catch (IllegalArgumentException e) {
            LOG.warnf("skipping a record that is not a Modelstore event: %s", e.getMessage());
            return Optional.empty();
        }
    }
}
