package dev.modelstore.support.listing;

/**
 * One order a list takes ({@code sort=name}, {@code sort=-created_at}): the HQL expression it sorts
 * by and its direction; ties go by id, so that a cursor names one place in the list.
 *
 * @param <T> the listed entity
 */
public interface SortOrder<T> {

    /** As the query names it ({@code -} in front for descending). */
    String wireName();

    /** The HQL expression sorted by (a field of the entity). */
    String expression();

    /** Ascending or descending. */
    boolean ascending();

    /** The sort value of an entity, as a cursor keeps it. */
    String valueOf(T entity);

    /** A cursor's sort value, as the query compares it. */
    Object parse(String value);
}
