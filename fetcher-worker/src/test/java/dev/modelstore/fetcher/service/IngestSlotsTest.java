package dev.modelstore.fetcher.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A fetcher's slots: one project never holds every slot, so another project's ingest always finds one. */
class IngestSlotsTest {

    private final UUID projectA = UUID.randomUUID();
    private final UUID projectB = UUID.randomUUID();

    @Test
    void oneProjectHoldsAllButOneSlotAndAnotherProjectGetsTheLast() {
        IngestSlots slots = new IngestSlots(4, 3);
        IngestSlots.Slot a1 = slots.tryAcquire(projectA).orElseThrow();
        slots.tryAcquire(projectA).orElseThrow();
        slots.tryAcquire(projectA).orElseThrow();
        assertTrue(slots.tryAcquire(projectA).isEmpty(), "a project never holds every slot");
        assertEquals(Set.of(projectA), slots.capped(), "the queue passes the capped project's requests over");
        assertFalse(slots.full());
        IngestSlots.Slot b1 = slots.tryAcquire(projectB).orElseThrow();
        assertTrue(slots.full());
        assertTrue(slots.tryAcquire(projectB).isEmpty());
        b1.close();
        a1.close();
        assertEquals(2, slots.running());
        assertEquals(Set.of(), slots.capped());
    }
}
