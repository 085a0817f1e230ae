package dev.modelstore.support.listing;

import dev.modelstore.support.input.Texts;
import dev.modelstore.support.rest.ApiException;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * A list call's query parameters, read the same way by every list ({@code GET /model},
 * {@code GET /job}): a parameter the list does not take is a 400 that names the ones it takes, a
 * single-valued one given twice is a 400, lists split at commas.
 */
public final class ListParameters {

    /** Rows per page when {@code limit} is not given. */
    public static final int DEFAULT_LIMIT = 200;
    /** The most rows one page may hold. */
    public static final int MAX_LIMIT = 1000;

    private final Map<String, List<String>> query;

    private ListParameters(Map<String, List<String>> query) {
        this.query = query;
    }

    /** The parameters of a call to {@code list}, which takes {@code known} (and nothing else). */
    public static ListParameters of(String list, Map<String, List<String>> query, Set<String> known) {
        for (String name : query.keySet()) {
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown query parameter '" + Texts.shown(name, 40) + "'; " + list + " takes "
                        + known.stream().sorted().collect(Collectors.joining(", ")));
            }
        }
        return new ListParameters(query);
    }

    /** A parameter's values, each split at commas ({@code status=ready,failed} or {@code status=ready&status=failed}). */
    public List<String> values(String name) {
        return query.getOrDefault(name, List.of()).stream().flatMap(v -> Arrays.stream(v.split(",")))
                .map(String::trim).filter(v -> !v.isEmpty()).limit(32).toList();
    }

    /** A single-valued parameter, trimmed; null when absent. */
    public String single(String name) {
        List<String> given = query.getOrDefault(name, List.of());
        if (given.size() > 1) {
            throw ApiException.badRequest(name + " is given " + given.size() + " times; give it once");
        }
        return given.isEmpty() || given.get(0).trim().isEmpty() ? null : given.get(0).trim();
    }

    /** A substring to look for in names (at most 255 characters); null when absent. */
    public String nameContains(String name) {
        String value = single(name);
        if (value != null && value.length() > 255) {
            throw ApiException.badRequest(name + " is a substring of names: at most 255 characters");
        }
        return value;
    }

    /** An ISO-8601 instant ({@code 2026-12-01T10:00:00Z}) or a date ({@code 2026-12-01}, midnight UTC); null when absent. */
    public Instant instant(String name) {
        String text = single(name);
        if (text == null) {
            return null;
        }
        try {
            return text.length() == 10 ? LocalDate.parse(text).atStartOfDay(ZoneOffset.UTC).toInstant() : Instant.parse(text);
        } catch (DateTimeParseException e) {
            throw ApiException.badRequest(name + " '" + Texts.shown(text, 40) + "' is not a date (2026-12-01) or an "
                    + "instant (2026-12-01T10:00:00Z)");
        }
    }

    /** {@code limit}: 1 to {@link #MAX_LIMIT}, {@link #DEFAULT_LIMIT} when absent. */
    public int limit() {
        String text = single("limit");
        if (text == null) {
            return DEFAULT_LIMIT;
        }
        int limit;
        try {
            limit = Integer.parseInt(text);
        } catch (NumberFormatException e) {
            limit = -1;
        }
        if (limit < 1 || limit > MAX_LIMIT) {
            throw ApiException.badRequest("limit must be 1 to " + MAX_LIMIT + " (the default is " + DEFAULT_LIMIT + ")");
        }
        return limit;
    }

    /** {@code sort}, one of {@code orders} ({@code fallback} when absent). */
    public <S extends SortOrder<?>> S sort(S[] orders, S fallback) {
        String name = single("sort");
        if (name == null) {
            return fallback;
        }
        return Arrays.stream(orders).filter(order -> order.wireName().equals(name)).findFirst().orElseThrow(() ->
                ApiException.badRequest("sort '" + Texts.shown(name, 40) + "' is not one of "
                        + Arrays.stream(orders).map(SortOrder::wireName).collect(Collectors.joining(", "))));
    }

    /** {@code cursor}, which must belong to {@code sort}; null when absent. */
    public ListCursor cursor(SortOrder<?> sort) {
        String text = single("cursor");
        return text == null ? null : ListCursor.decode(text, sort.wireName());
    }
}
