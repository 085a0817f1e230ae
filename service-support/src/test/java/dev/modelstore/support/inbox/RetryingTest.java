package dev.modelstore.support.inbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

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
    void aLastingFaultIsThrownAfterExactlyTheLastAttempt() {
        AtomicInteger calls = new AtomicInteger();
        IllegalStateException thrown = assertThrows(IllegalStateException.class, () -> Retrying.apply("test event", () -> {
            throw new IllegalStateException("down " + calls.incrementAndGet());
        }, java.time.Duration.ofMillis(1)));
        assertEquals(Retrying.ATTEMPTS, calls.get());
        assertEquals(8, calls.get(), "eight attempts, as documented");
        assertEquals("down 8", thrown.getMessage(), "the last attempt's failure is the one thrown");
    }

    @Test
    void anInterruptedWaitStopsTheRetriesAtOnce() {
        AtomicInteger calls = new AtomicInteger();
        Thread.currentThread().interrupt();
        assertThrows(IllegalStateException.class, () -> Retrying.apply("test event", () -> {
            calls.incrementAndGet();
            throw new IllegalStateException("down");
        }));
        assertEquals(1, calls.get());
        assertTrue(Thread.interrupted(), "the interrupt is kept for the caller");
    }
}
