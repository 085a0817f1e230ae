package dev.modelstore.api.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.support.limits.StorageLimitsClient.ProjectLimits;
import dev.modelstore.support.rest.ApiException;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class QuotaGateTest {

    private static final ProjectLimits ROOM = new ProjectLimits(100, 1_000L, 900, 100L, "the project's storage quota");
    private static final ProjectLimits FULL = new ProjectLimits(0, 1_000L, 1_000, 0L, "the project's storage quota");

    private final AtomicInteger asked = new AtomicInteger();
    private final AtomicReference<Optional<ProjectLimits>> answer = new AtomicReference<>(Optional.of(ROOM));

    private QuotaGate gate(Duration interval) {
        return new QuotaGate(project -> {
            asked.incrementAndGet();
            return answer.get();
        }, interval);
    }

    @Test
    void aUsedUpQuotaRefusesWith403AndSaysWhatToDo() {
        answer.set(Optional.of(FULL));
        ApiException refused = assertThrows(ApiException.class, () -> gate(Duration.ZERO).check(UUID.randomUUID()));
        assertEquals(403, refused.status());
        assertTrue(refused.getMessage().contains("1000 bytes is used up"), refused.getMessage());
        assertTrue(refused.getMessage().contains("delete models"), refused.getMessage());
    }

    @Test
    void oneAnswerPerProjectServesRequestsWithinTheInterval() {
        QuotaGate gate = gate(Duration.ofMinutes(5));
        UUID project = UUID.randomUUID();
        for (int i = 0; i < 50; i++) {
            gate.check(project);
        }
        assertEquals(1, asked.get());
        answer.set(Optional.of(FULL));
        assertDoesNotThrow(() -> gate.check(project), "within the interval the last answer stands");
        assertThrows(ApiException.class, () -> gate.check(UUID.randomUUID()), "another project is asked for itself");
        assertEquals(2, asked.get());
    }

    @Test
    void aQuotaChangeReachesRequestsOnceTheIntervalHasPassed() throws InterruptedException {
        QuotaGate gate = gate(Duration.ofMillis(50));
        UUID project = UUID.randomUUID();
        gate.check(project);
        answer.set(Optional.of(FULL));
        Thread.sleep(80);
        assertThrows(ApiException.class, () -> gate.check(project));
    }

    @Test
    void withoutAnAnswerFromStorageServiceNothingIsRememberedAndTheModelIsAccepted() {
        answer.set(Optional.empty());
        QuotaGate gate = gate(Duration.ofMinutes(5));
        UUID project = UUID.randomUUID();
        gate.check(project);
        gate.check(project);
        assertEquals(2, asked.get(), "an unavailable storage-service is asked again next time");
    }

    @Test
    void aZeroIntervalAsksEveryTime() {
        QuotaGate gate = gate(Duration.ZERO);
        UUID project = UUID.randomUUID();
        gate.check(project);
        gate.check(project);
        assertEquals(2, asked.get());
    }
}
