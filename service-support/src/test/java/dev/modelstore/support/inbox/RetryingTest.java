package dev.modelstore.support.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

class RetryingTest {

    @Test
    void aPassingFaultIsRetriedUntilItWorks() {
        AtomicInteger calls = new AtomicInteger();
        Retrying.apply("test event", () -> {
            if (calls.incrementAndGet() < 3) {
                throw new IllegalStateException("database restarting");
            }
        });
        assertEquals(3, calls.get());
    }

    @Test
    void aLastingFaultIsThrownAfterTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt(); // no waiting in the test: the first sleep is interrupted
        assertThrows(IllegalStateException.class, () -> Retrying.apply("test event", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }));
        assertEquals(1, calls.get());
        Thread.interrupted();
    }
}
