package dev.modelstore.jobs.listing;

import dev.modelstore.jobs.Job;
import dev.modelstore.support.listing.SortOrder;
import java.time.Instant;

/** The orders {@code GET /job?sort=} takes; ties go by id. */
public enum JobSort implements SortOrder<Job> {
    NEWEST("-created_at", "createdAt", false),
    OLDEST("created_at", "createdAt", true),
    NAME("name", "name", true),
    NAME_DESC("-name", "name", false);

    private final String wireName;
    private final String expression;
    private final boolean ascending;

    JobSort(String wireName, String expression, boolean ascending) {
        this.wireName = wireName;
        this.expression = expression;
        this.ascending = ascending;
    }

    @Override
    public String wireName() {
        return wireName;
    }

    @Override
    public String expression() {
        return expression;
    }

    @Override
    public boolean ascending() {
        return ascending;
    }

    @Override
    public String valueOf(Job job) {
        return this == NAME || this == NAME_DESC ? job.name : job.createdAt.toString();
    }

    @Override
    public Object parse(String value) {
        return this == NAME || this == NAME_DESC ? value : Instant.parse(value);
    }
}
