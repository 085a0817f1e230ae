package dev.modelstore.fetcher.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** Ingest slots shared fairly: one project's ingests never take every slot while another project waits. */
class IngestSlotsTest {

    private final UUID projectA = UUID.randomUUID();
    private final UUID projectB = UUID.randomUUID();

    @Test
    void oneProjectHoldsAllButOneSlotAndAnotherProjectGetsTheLastAtOnce() throws Exception {
        IngestSlots slots = new IngestSlots(4, 3);
        IngestSlots.Slot a1 = slots.acquire(projectA);
        IngestSlots.Slot a2 = slots.acquire(projectA);
        IngestSlots.Slot a3 = slots.acquire(projectA);
        CompletableFuture<IngestSlots.Slot> a4 = acquireLater(slots, projectA);
        Thread.sleep(200);
        assertFalse(a4.isDone(), "a project never holds every slot");
        IngestSlots.Slot b1 = acquireLater(slots, projectB).get(2, TimeUnit.SECONDS);
        assertEquals(4, slots.running());
        b1.close();
        // B gave its slot back: A's fourth request may now take it (no one else waits).
        assertFalse(a4.isDone());
        a1.close();
        assertTrue(a4.get(2, TimeUnit.SECONDS) != null);
        a2.close();
        a3.close();
        a4.get().close();
        assertEquals(0, slots.running());
    }

    @Test
    void aFreedSlotGoesToTheProjectRunningFewestEvenIfItAskedLater() throws Exception {
        IngestSlots slots = new IngestSlots(2, 2);
        IngestSlots.Slot a1 = slots.acquire(projectA);
        IngestSlots.Slot a2 = slots.acquire(projectA);
        CompletableFuture<IngestSlots.Slot> a3 = acquireLater(slots, projectA);
        Thread.sleep(100);
        CompletableFuture<IngestSlots.Slot> b1 = acquireLater(slots, projectB);
        Thread.sleep(100);
        a1.close();
        assertTrue(b1.get(2, TimeUnit.SECONDS) != null, "B runs none, A runs one: B goes first");
        assertFalse(a3.isDone());
        a2.close();
        a3.get(2, TimeUnit.SECONDS).close();
        b1.get().close();
    }

    private static CompletableFuture<IngestSlots.Slot> acquireLater(IngestSlots slots, UUID project) throws InterruptedException {
        CompletableFuture<IngestSlots.Slot> slot = new CompletableFuture<>();
        CountDownLatch started = new CountDownLatch(1);
        Thread thread = new Thread(() -> {
            started.countDown();
            try {
                slot.complete(slots.acquire(project));
            } catch (InterruptedException e) {
                slot.completeExceptionally(e);
            }
        });
        thread.setDaemon(true);
        thread.start();
        started.await();
        return slot;
    }
}
