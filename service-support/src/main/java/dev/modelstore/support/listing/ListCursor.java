package dev.modelstore.support.listing;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.modelstore.support.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.UUID;

/**
 * Where a page of a list ended (keyset pagination): the last row's sort value and id, and the order
 * they belong to, as opaque URL-safe text. A cursor is no secret and grants nothing: it only says
 * where to go on in the caller's own list (the query keeps its project filter).
 */
public record ListCursor(String sort, String value, UUID id) {

    private static final ObjectMapper JSON = new ObjectMapper();

    /** The cursor as text. */
    public String encode() {
        ObjectNode node = JSON.createObjectNode().put("s", sort).put("v", value).put("id", id.toString());
        return Base64.getUrlEncoder().withoutPadding().encodeToString(node.toString().getBytes(StandardCharsets.UTF_8));
    }

    /** Reads a cursor given back by a client; 400 when it is not one of ours or belongs to another order. */
    public static ListCursor decode(String text, String expectedSort) {
        ListCursor cursor;
        try {
            if (text.length() > 1024) {
                throw new IllegalArgumentException("too long");
            }
            JsonNode node = JSON.readTree(Base64.getUrlDecoder().decode(text));
            cursor = new ListCursor(node.get("s").asText(), node.get("v").asText(), UUID.fromString(node.get("id").asText()));
        } catch (Exception e) {
            throw invalid();
        }
        if (!cursor.sort.equals(expectedSort)) {
            throw ApiException.badRequest("this cursor belongs to sort=" + dev.modelstore.support.input.Texts.shown(cursor.sort, 20)
                    + "; ask with the same sort, or start again without a cursor");
        }
        return cursor;
    }

    /** The answer to a cursor that is not one of ours. */
    static ApiException invalid() {
        return ApiException.badRequest("cursor is not valid: pass back the cursor of the previous page's next link "
                + "(the Link header) as it was");
    }
}
