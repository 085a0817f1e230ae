package dev.modelstore.support.listing;

import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.function.Function;

/**
 * Keyset pagination over an HQL query: after the cursor's row in the order (ties by id), one row
 * more than the page so that the last page is known without counting.
 */
public final class Keyset {

    /** One page and the cursor of the next one (null on the last page). */
    public record Page<T>(List<T> rows, ListCursor next) {
    }

    private Keyset() {
    }

    /** Adds the cursor's condition to {@code where} (and its parameters) and answers the whole query with its order. */
    public static String query(StringBuilder where, Map<String, Object> params, SortOrder<?> sort, ListCursor cursor) {
        String op = sort.ascending() ? ">" : "<";
        if (cursor != null) {
            Object value;
            try {
                value = sort.parse(cursor.value());
            } catch (RuntimeException e) {
                throw ListCursor.invalid();
            }
            where.append(" and (").append(sort.expression()).append(' ').append(op).append(" :keysetValue or (")
                    .append(sort.expression()).append(" = :keysetValue and id ").append(op).append(" :keysetId))");
            params.put("keysetValue", value);
            params.put("keysetId", cursor.id());
        }
        String direction = sort.ascending() ? " asc" : " desc";
        return where + " order by " + sort.expression() + direction + ", id" + direction;
    }

    /** The page from rows fetched with a limit of {@code limit + 1}. */
    public static <T> Page<T> page(List<T> fetched, int limit, SortOrder<T> sort, Function<T, UUID> id) {
        if (fetched.size() <= limit) {
            return new Page<>(List.copyOf(fetched), null);
        }
        List<T> rows = List.copyOf(fetched.subList(0, limit));
        T last = rows.get(rows.size() - 1);
        return new Page<>(rows, new ListCursor(sort.wireName(), sort.valueOf(last), id.apply(last)));
    }

    /**
     * Adds the filters every list has: a case-insensitive {@code name} substring and the
     * {@code createdAt} bounds (each left out when null).
     */
    public static void nameAndCreated(StringBuilder where, Map<String, Object> params, String nameContains,
            java.time.Instant createdAfter, java.time.Instant createdBefore) {
        if (nameContains != null) {
            where.append(" and lower(name) like :name escape '!'");
            params.put("name", containsPattern(nameContains));
        }
        if (createdAfter != null) {
            where.append(" and createdAt > :after");
            params.put("after", createdAfter);
        }
        if (createdBefore != null) {
            where.append(" and createdAt < :before");
            params.put("before", createdBefore);
        }
    }

    /** The pattern of a case-insensitive substring search ({@code lower(x) like :p escape '!'}), its wildcards taken literally. */
    public static String containsPattern(String text) {
        return "%" + text.toLowerCase().replace("!", "!!").replace("%", "!%").replace("_", "!_") + "%";
    }
}
