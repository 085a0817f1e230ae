package dev.modelstore.fetcher.service;

import dev.modelstore.fetcher.config.FetcherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/**
 * The fetcher's ingest slots, shared fairly between projects: at most
 * {@code modelstore.fetcher.ingests.slots} ingests run at once, one project holds at most
 * {@code slots-per-project} of them (all but one by default), and a freed slot goes to the waiting
 * request whose project runs the fewest ingests (the earliest first among equals). So one project's
 * slow sources never keep another project's model waiting for all of them.
 */
@ApplicationScoped
public class IngestSlots {

    /** A slot held; closing it gives it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private record Waiter(UUID project, long arrival) {
    }

    private final int slots;
    private final int perProject;
    private final Map<UUID, Integer> runningByProject = new HashMap<>();
    private final List<Waiter> waiters = new ArrayList<>();
    private int running;
    private long arrivals;

    @jakarta.inject.Inject
    IngestSlots(FetcherConfig config) {
        this(config.ingests().slots(), config.ingests().slotsPerProject().orElse(config.ingests().slots() - 1));
    }

    /** {@code slots} at once, at most {@code perProject} for one project. */
    public IngestSlots(int slots, int perProject) {
        this.slots = Math.max(1, slots);
        this.perProject = Math.max(1, Math.min(this.slots, perProject));
    }

    /** Waits for a slot the project may take. */
    public Slot acquire(UUID project) throws InterruptedException {
        synchronized (this) {
            Waiter me = new Waiter(project, arrivals++);
            waiters.add(me);
            try {
                while (!me.equals(next())) {
                    wait();
                }
            } finally {
                waiters.remove(me);
            }
            running++;
            runningByProject.merge(project, 1, Integer::sum);
            notifyAll();
        }
        return () -> release(project);
    }

    /** How many ingests run now. */
    public synchronized int running() {
        return running;
    }

    private synchronized void release(UUID project) {
        running--;
        runningByProject.computeIfPresent(project, (p, n) -> n > 1 ? n - 1 : null);
        notifyAll();
    }

    /** The waiter that gets the next free slot, if a slot is free: fewest running for its project, then earliest. */
    private Waiter next() {
        if (running >= slots) {
            return null;
        }
        Waiter best = null;
        int bestRunning = Integer.MAX_VALUE;
        for (Waiter waiter : waiters) {
            int projectRunning = runningByProject.getOrDefault(waiter.project(), 0);
            if (projectRunning < perProject && (projectRunning < bestRunning
                    || (projectRunning == bestRunning && waiter.arrival() < best.arrival()))) {
                best = waiter;
                bestRunning = projectRunning;
            }
        }
        return best;
    }
}
