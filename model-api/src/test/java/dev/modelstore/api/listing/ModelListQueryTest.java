package dev.modelstore.api.listing;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.api.ModelStatus;
import dev.modelstore.events.SourceType;
import dev.modelstore.support.listing.ListCursor;
import dev.modelstore.support.listing.ListParameters;
import dev.modelstore.support.rest.ApiException;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** How {@code GET /model}'s query parameters are read, and every way they are refused. */
class ModelListQueryTest {

    @Test
    void readsFiltersSortLimitAndCursor() {
        ListCursor cursor = new ListCursor("name", "bert", UUID.randomUUID());
        ModelListQuery query = ModelListQuery.of(Map.of("status", List.of("ready,failed"), "source_type", List.of("web", "git"),
                "name", List.of("Bert"), "created_after", List.of("2026-12-01"), "created_before",
                List.of("2026-12-02T10:00:00Z"), "sort", List.of("name"), "limit", List.of("25"),
                "cursor", List.of(cursor.encode()), "project_uuid", List.of("x")));
        assertEquals(Set.of(ModelStatus.READY, ModelStatus.FAILED), query.statuses());
        assertEquals(Set.of(SourceType.WEB, SourceType.GIT), query.sourceTypes());
        assertEquals("Bert", query.nameContains());
        assertEquals(Instant.parse("2026-12-01T00:00:00Z"), query.createdAfter());
        assertEquals(Instant.parse("2026-12-02T10:00:00Z"), query.createdBefore());
        assertEquals(ModelSort.NAME, query.sort());
        assertEquals(25, query.limit());
        assertEquals(cursor, query.cursor());
    }

    @Test
    void theDefaultsAreNewestFirstAndTwoHundred() {
        ModelListQuery query = ModelListQuery.of(Map.of());
        assertEquals(ModelSort.NEWEST, query.sort());
        assertEquals(ListParameters.DEFAULT_LIMIT, query.limit());
        assertTrue(query.statuses().isEmpty() && query.cursor() == null);
    }

    @Test
    void refusesWhatItDoesNotKnowWithAMessageThatSaysWhatItTakes() {
        assertTrue(refusal(Map.of("colour", List.of("red"))).contains("unknown query parameter 'colour'"));
        assertTrue(refusal(Map.of("status", List.of("archived"))).contains("status 'archived' is not one of"));
        assertTrue(refusal(Map.of("source_type", List.of("dropbox"))).contains("source_type 'dropbox'"));
        assertTrue(refusal(Map.of("sort", List.of("colour"))).contains("-created_at"));
        assertTrue(refusal(Map.of("limit", List.of("0"))).contains("limit must be 1 to 1000"));
        assertTrue(refusal(Map.of("limit", List.of("1001"))).contains("limit must be 1 to 1000"));
        assertTrue(refusal(Map.of("limit", List.of("ten"))).contains("limit must be"));
        assertTrue(refusal(Map.of("created_after", List.of("yesterday"))).contains("is not a date"));
        assertTrue(refusal(Map.of("name", List.of("a", "b"))).contains("given 2 times"));
        assertTrue(refusal(Map.of("cursor", List.of("not-a-cursor"))).contains("cursor is not valid"));
        String nameCursor = new ListCursor("name", "a", UUID.randomUUID()).encode();
        assertTrue(refusal(Map.of("cursor", List.of(nameCursor))).contains("belongs to sort=name"));
        assertTrue(refusal(Map.of("cursor", List.of("x".repeat(2000)))).contains("cursor is not valid"));
    }

    private static String refusal(Map<String, List<String>> query) {
        ApiException refused = assertThrows(ApiException.class, () -> ModelListQuery.of(query));
        assertEquals(400, refused.status());
        return refused.getMessage();
    }
}
