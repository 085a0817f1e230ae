package dev.modelstore.api.listing;

import dev.modelstore.api.Model;
import dev.modelstore.support.listing.SortOrder;
import java.time.Instant;

/** The orders {@code GET /model?sort=} takes: a field, descending with a leading {@code -}; ties go by id. */
public enum ModelSort implements SortOrder<Model> {
    NEWEST("-created_at", "createdAt", false),
    OLDEST("created_at", "createdAt", true),
    NAME("name", "name", true),
    NAME_DESC("-name", "name", false),
    LARGEST("-size", "coalesce(sizeBytes, 0)", false),
    SMALLEST("size", "coalesce(sizeBytes, 0)", true);

    private final String wireName;
    private final String expression;
    private final boolean ascending;

    ModelSort(String wireName, String expression, boolean ascending) {
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
    public String valueOf(Model model) {
        return switch (this) {
            case NEWEST, OLDEST -> model.createdAt.toString();
            case LARGEST, SMALLEST -> String.valueOf(model.sizeBytes == null ? 0 : model.sizeBytes);
            case NAME, NAME_DESC -> model.name;
        };
    }

    @Override
    public Object parse(String value) {
        return switch (this) {
            case NEWEST, OLDEST -> Instant.parse(value);
            case LARGEST, SMALLEST -> Long.parseLong(value);
            case NAME, NAME_DESC -> value;
        };
    }
}
