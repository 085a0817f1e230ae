package dev.modelstore.fetcher.service;

import dev.modelstore.fetcher.config.FetcherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/**
 * This fetcher's ingest slots: at most {@code modelstore.fetcher.ingests.slots} ingests run at once,
 * and one project holds at most {@code slots-per-project} of them (all but one by default), so one
 * project's slow sources never take every slot; the {@link IngestQueue} hands the next free slot to
 * the project that runs the fewest ingests.
 */
@ApplicationScoped
public class IngestSlots {

    /** A slot held; closing it gives it back. */
    public interface Slot extends AutoCloseable {
        @Override
        void close();
    }

    private final int slots;
    private final int perProject;
    private final Map<UUID, Integer> runningByProject = new HashMap<>();
    private int running;

    @Inject
    IngestSlots(FetcherConfig config) {
        this(config.ingests().slots(), config.ingests().slotsPerProject().orElse(config.ingests().slots() - 1));
    }

    /** {@code slots} at once, at most {@code perProject} for one project. */
    public IngestSlots(int slots, int perProject) {
        this.slots = Math.max(1, slots);
        this.perProject = Math.max(1, Math.min(this.slots, perProject));
    }

    /** A slot for the project, if one is free for it now. */
    public synchronized Optional<Slot> tryAcquire(UUID project) {
        if (running >= slots || runningByProject.getOrDefault(project, 0) >= perProject) {
            return Optional.empty();
        }
        running++;
        runningByProject.merge(project, 1, Integer::sum);
        return Optional.of(() -> release(project));
    }

    /** Whether every slot is taken. */
    public synchronized boolean full() {
        return running >= slots;
    }

    /** The projects that hold all the slots one project may: the queue passes their requests over. */
    public synchronized Set<UUID> capped() {
        Set<UUID> capped = new HashSet<>();
        runningByProject.forEach((project, count) -> {
            if (count >= perProject) {
                capped.add(project);
            }
        });
        return capped;
    }

    /** How many ingests run now. */
    public synchronized int running() {
        return running;
    }

    private synchronized void release(UUID project) {
        running--;
        runningByProject.computeIfPresent(project, (p, n) -> n > 1 ? n - 1 : null);
    }
}
