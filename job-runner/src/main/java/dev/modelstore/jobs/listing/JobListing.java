package dev.modelstore.jobs.listing;

import dev.modelstore.jobs.Job;
import dev.modelstore.jobs.JobStatus;
import dev.modelstore.jobs.JobType;
import dev.modelstore.jobs.repository.JobRepository;
import dev.modelstore.support.input.Texts;
import dev.modelstore.support.listing.Keyset;
import dev.modelstore.support.listing.ListCursor;
import dev.modelstore.support.listing.ListParameters;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import java.util.stream.Collectors;

/**
 * {@code GET /job} a page at a time: filters {@code status} (trainML's names), {@code type},
 * {@code name} (a substring), {@code created_after}/{@code created_before}; {@code sort}, {@code
 * limit} and {@code cursor} as for models. Removed jobs are never listed; any other parameter is 400.
 */
@ApplicationScoped
public class JobListing {

    /** What a list call asks for. */
    public record Query(Set<JobStatus> statuses, Set<JobType> types, String nameContains, Instant createdAfter,
            Instant createdBefore, JobSort sort, int limit, ListCursor cursor) {
    }

    private static final Set<String> KNOWN = Set.of("project_uuid", "status", "type", "name", "created_after",
            "created_before", "sort", "limit", "cursor");

    private final JobRepository jobs;

    JobListing(JobRepository jobs) {
        this.jobs = jobs;
    }

    /** Reads and checks the query parameters. */
    public static Query query(Map<String, List<String>> query) {
        ListParameters parameters = ListParameters.of("GET /job", query, KNOWN);
        Set<JobStatus> statuses = EnumSet.noneOf(JobStatus.class);
        for (String status : parameters.values("status")) {
            statuses.add(Arrays.stream(JobStatus.values()).filter(s -> s != JobStatus.REMOVED && s.wireName().equals(status))
                    .findFirst().orElseThrow(() -> ApiException.badRequest("status '" + Texts.shown(status, 40)
                            + "' is not one of " + Arrays.stream(JobStatus.values()).filter(s -> s != JobStatus.REMOVED)
                            .map(JobStatus::wireName).collect(Collectors.joining(", ")))));
        }
        Set<JobType> types = EnumSet.noneOf(JobType.class);
        for (String type : parameters.values("type")) {
            types.add(JobType.fromWireName(type).orElseThrow(() -> ApiException.badRequest("type '" + Texts.shown(type, 40)
                    + "' is not one of " + Arrays.stream(JobType.values()).map(JobType::wireName).collect(Collectors.joining(", ")))));
        }
        JobSort sort = parameters.sort(JobSort.values(), JobSort.NEWEST);
        return new Query(statuses, types, parameters.nameContains("name"), parameters.instant("created_after"),
                parameters.instant("created_before"), sort, parameters.limit(), parameters.cursor(sort));
    }

    /** The page of the project's jobs the query asks for (call inside a transaction). */
    public Keyset.Page<Job> list(UUID projectId, Query query) {
        StringBuilder where = new StringBuilder("projectId = :project and status <> :removed");
        Map<String, Object> params = new HashMap<>();
        params.put("project", projectId);
        params.put("removed", JobStatus.REMOVED);
        if (!query.statuses().isEmpty()) {
            where.append(" and status in :statuses");
            params.put("statuses", query.statuses());
        }
        if (!query.types().isEmpty()) {
            where.append(" and type in :types");
            params.put("types", query.types());
        }
        Keyset.nameAndCreated(where, params, query.nameContains(), query.createdAfter(), query.createdBefore());
        String hql = Keyset.query(where, params, query.sort(), query.cursor());
        return Keyset.page(jobs.find(hql, params).page(0, query.limit() + 1).list(), query.limit(), query.sort(), j -> j.id);
    }
}
