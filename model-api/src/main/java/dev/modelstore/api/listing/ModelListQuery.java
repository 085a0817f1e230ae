package dev.modelstore.api.listing;

import dev.modelstore.api.ModelStatus;
import dev.modelstore.events.SourceType;
import dev.modelstore.support.input.Texts;
import dev.modelstore.support.rest.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
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

    /** Models per page when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 500;
    /** The most models one page may hold. */
    public static final int MAX_LIMIT = 1000;

    private static final Set<String> KNOWN = Set.of("project_uuid", "status", "source_type", "name", "created_after",
            "created_before", "sort", "limit", "cursor");

    /** Reads and checks the query parameters. */
    public static ModelListQuery of(Map<String, List<String>> query) {
        for (String name : query.keySet()) {
            if (!KNOWN.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + Texts.shown(name, 40) + "'; GET /model takes "
                        + KNOWN.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        Set<ModelStatus> statuses = EnumSet.noneOf(ModelStatus.class);
        for (String status : values(query, "status")) {
            statuses.add(Arrays.stream(ModelStatus.values()).filter(s -> s.wireName().equals(status)).findFirst()
                    .orElseThrow(() -> ApiException.badRequest("status '" + Texts.shown(status, 40) + "' is not one of "
                            + Arrays.stream(ModelStatus.values()).map(ModelStatus::wireName).collect(Collectors.joining(", ")))));
        }
        Set<SourceType> types = EnumSet.noneOf(SourceType.class);
        for (String type : values(query, "source_type")) {
            types.add(SourceType.fromWireName(type).orElseThrow(() -> ApiException.badRequest("source_type '"
                    + Texts.shown(type, 40) + "' is not one of " + Arrays.stream(SourceType.values())
                    .map(SourceType::wireName).collect(Collectors.joining(", ")))));
        }
        String name = single(query, "name");
        if (name != null && name.length() > 255) {
            throw ApiException.badRequest("name is a substring of model names: at most 255 characters");
        }
        String sortName = single(query, "sort");
        ModelSort sort = sortName == null ? ModelSort.NEWEST : ModelSort.fromWireName(sortName).orElseThrow(() ->
                ApiException.badRequest("sort '" + Texts.shown(sortName, 40) + "' is not one of " + ModelSort.names()));
        String limitText = single(query, "limit");
        int limit = DEFAULT_LIMIT;
        if (limitText != null) {
            try {
                limit = Integer.parseInt(limitText);
            } catch (NumberFormatException e) {
                limit = -1;
            }
            if (limit < 1 || limit > MAX_LIMIT) {
                throw ApiException.badRequest("limit must be 1 to " + MAX_LIMIT + " (the default is " + DEFAULT_LIMIT + ")");
            }
        }
        String cursor = single(query, "cursor");
        return new ModelListQuery(statuses, types, name == null || name.isEmpty() ? null : name,
                instant(query, "created_after"), instant(query, "created_before"), sort, limit,
                cursor == null || cursor.isEmpty() ? null : ListCursor.decode(cursor, sort));
    }

    /** A parameter's values, each split at commas ({@code status=ready,failed} or {@code status=ready&status=failed}). */
    private static List<String> values(Map<String, List<String>> query, String name) {
        return query.getOrDefault(name, List.of()).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).limit(32).toList();
    }

    private static String single(Map<String, List<String>> query, String name) {
        List<String> given = query.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw ApiException.badRequest(name + " is given " + given.size() + " times; give it once");
        }
        return given.isEmpty() ? null : given.get(0).trim();
    }

    /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) or a date ({@code 2026-12-01}, midnight UTC). */
    private static Instant instant(Map<String, List<String>> query, String name) {
        String text = single(query, name);
        if (text == null || text.isEmpty()) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " '" + Texts.shown(text, 40) + "' is not a date (2026-12-01) or an "
                    + "instant (2026-12-01T10:00:00Z)");
        }
    }
}
