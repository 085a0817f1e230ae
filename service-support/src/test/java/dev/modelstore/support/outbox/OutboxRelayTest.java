package dev.modelstore.support.outbox;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import org.apache.kafka.common.errors.InvalidTopicException;
import org.apache.kafka.common.errors.NetworkException;
import org.apache.kafka.common.errors.NotLeaderOrFollowerException;
import org.apache.kafka.common.errors.RecordTooLargeException;
import org.apache.kafka.common.errors.TimeoutException;
import org.apache.kafka.common.errors.TopicAuthorizationException;
import org.junit.jupiter.api.Test;

/**
 * Which send errors bury an event in the dead letters: only those that say this record can never be
 * taken. A broker that is down, moving leaders or refusing everyone keeps every event waiting.
 */
class OutboxRelayTest {

    @Test
    void onlyErrorsAboutTheRecordItselfAreForGood() {
        assertTrue(OutboxRelay.neverSendable(new RecordTooLargeException("1.2 MB")));
        assertTrue(OutboxRelay.neverSendable(new InvalidTopicException("bad topic")));
        assertFalse(OutboxRelay.neverSendable(new TimeoutException("broker down")));
        assertFalse(OutboxRelay.neverSendable(new NetworkException("connection reset")));
        assertFalse(OutboxRelay.neverSendable(new NotLeaderOrFollowerException("leader moved")));
        assertFalse(OutboxRelay.neverSendable(new TopicAuthorizationException("misconfigured ACL")),
                "a systemic refusal must not bury every event");
    }
}
