package dev.modelstore.api.service;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.limits.StorageLimitsClient;
import dev.modelstore.support.limits.StorageLimitsClient.ProjectLimits;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.time.Duration;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.function.Function;

/**
 * Refuses a new model (403) when its project's storage quota is used up. storage-service decides
 * the limits; its answer for a project is reused for {@code modelstore.api.quota-check-interval},
 * so a burst of requests costs one call, and a quota change reaches new requests within that
 * interval. Fetchers ask storage-service afresh before every ingest, so no model ever grows past
 * the quota whatever this gate last heard.
 */
@ApplicationScoped
public class QuotaGate {

    /** More projects than this in the cache and it starts afresh (a bound, not a tuning knob). */
    private static final int MAX_PROJECTS = 10_000;

    private record Answer(Optional<ProjectLimits> limits, long askedAtNanos) {
    }

    private final Function<UUID, Optional<ProjectLimits>> limits;
    private final long intervalNanos;
    private final ConcurrentHashMap<UUID, Answer> answers = new ConcurrentHashMap<>();

    @Inject
    QuotaGate(StorageLimitsClient limits, ModelApiConfig config) {
        this(limits::of, config.quotaCheckInterval());
    }

    QuotaGate(Function<UUID, Optional<ProjectLimits>> limits, Duration interval) {
        this.limits = limits;
        this.intervalNanos = interval.toNanos();
    }

    /** Throws 403 when the project has a quota and no headroom left. */
    public void check(UUID projectId) {
        limitsOf(projectId).filter(ProjectLimits::quotaExhausted).ifPresent(l -> {
            throw new ApiException(403, "the project's storage quota of " + l.quotaBytes() + " bytes is used up ("
                    + l.usedBytes() + " bytes stored); delete models or ask an operator for a larger quota");
        });
    }

    private Optional<ProjectLimits> limitsOf(UUID projectId) {
        long now = System.nanoTime();
        Answer known = answers.get(projectId);
        if (known != null && now - known.askedAtNanos() < intervalNanos) {
            return known.limits();
        }
        Optional<ProjectLimits> asked = limits.apply(projectId);
        if (intervalNanos > 0 && asked.isPresent()) {
            if (answers.size() >= MAX_PROJECTS) {
                answers.clear();
            }
            answers.put(projectId, new Answer(asked, now));
        }
        return asked;
    }
}
