package dev.modelstore.api.listing;

import dev.modelstore.api.ModelStatus;
import dev.modelstore.events.SourceType;
import dev.modelstore.support.input.Texts;
import dev.modelstore.support.listing.ListCursor;
import dev.modelstore.support.listing.ListParameters;
import dev.modelstore.support.rest.ApiException;
import java.time.Instant;
import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * What {@code GET /model} is asked for: filters ({@code status}, {@code source_type}, {@code name}
 * substring, {@code created_after}/{@code created_before}), {@code sort}, {@code limit} and the
 * {@code cursor} of the page before. Any other parameter is a 400 that lists these, so a typo never
 * silently lists everything.
 */
public record ModelListQuery(Set<ModelStatus> statuses, Set<SourceType> sourceTypes, String nameContains,
        Instant createdAfter, Instant createdBefore, ModelSort sort, int limit, ListCursor cursor) {

    private static final Set<String> KNOWN = Set.of("project_uuid", "status", "source_type", "name", "created_after",
            "created_before", "sort", "limit", "cursor");

    /** Reads and checks the query parameters. */
    public static ModelListQuery of(Map<String, List<String>> query) {
        ListParameters parameters = ListParameters.of("GET /model", query, KNOWN);
        Set<ModelStatus> statuses = EnumSet.noneOf(ModelStatus.class);
        for (String status : parameters.values("status")) {
            statuses.add(Arrays.stream(ModelStatus.values()).filter(s -> s.wireName().equals(status)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("status '" + Texts.shown(status, 40) + "' is not one of "
                            + Arrays.stream(ModelStatus.values()).map(ModelStatus::wireName).collect(Collectors.joining(", ")))));
        }
        Set<SourceType> types = EnumSet.noneOf(SourceType.class);
        for (String type : parameters.values("source_type")) {
            types.add(SourceType.fromWireName(type).orElseThrow(() -> ApiException.badRequest("source_type '"
                    + Texts.shown(type, 40) + "' is not one of " + Arrays.stream(SourceType.values())
                    .map(SourceType::wireName).collect(Collectors.joining(", ")))));
        }
        ModelSort sort = parameters.sort(ModelSort.values(), ModelSort.NEWEST);
        return new ModelListQuery(statuses, types, parameters.nameContains("name"), parameters.instant("created_after"),
                parameters.instant("created_before"), sort, parameters.limit(), parameters.cursor(sort));
    }
}
