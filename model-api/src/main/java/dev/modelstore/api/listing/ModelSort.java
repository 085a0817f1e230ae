package dev.modelstore.api.listing;

import java.util.Arrays;
import java.util.Optional;
import java.util.stream.Collectors;

/** The orders {@code GET /model?sort=} takes: a field, descending with a leading {@code -}; ties go by id. */
public enum ModelSort {
    NEWEST("-created_at", "createdAt", false),
    OLDEST("created_at", "createdAt", true),
    NAME("name", "name", true),
    NAME_DESC("-name", "name", false),
    LARGEST("-size", "coalesce(sizeBytes, 0)", false),
    SMALLEST("size", "coalesce(sizeBytes, 0)", true);

    private final String wireName;
    final String expression;
    final boolean ascending;

    ModelSort(String wireName, String expression, boolean ascending) {
        this.wireName = wireName;
        this.expression = expression;
        this.ascending = ascending;
    }

    /** As the query names it. */
    public String wireName() {
        return wireName;
    }

    /** The order a query names. */
    public static Optional<ModelSort> fromWireName(String name) {
        return Arrays.stream(values()).filter(s -> s.wireName.equals(name)).findFirst();
    }

    /** Every name, for messages. */
    public static String names() {
        return Arrays.stream(values()).map(ModelSort::wireName).collect(Collectors.joining(", "));
    }
}
