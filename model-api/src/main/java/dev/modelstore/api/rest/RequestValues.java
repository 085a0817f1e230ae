package dev.modelstore.api.rest;

import dev.modelstore.support.rest.ApiException;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/** How the model resources read values of a request: a model id from the path, options from the body. */
public final class RequestValues {

    private RequestValues() {
    }

    /** The model id in a path; one that is not a UUID names no model (404). */
    public static UUID modelId(String id) {
        try {
            return UUID.fromString(id);
        } catch (IllegalArgumentException e) {
            throw ApiException.notFound("model " + id + " does not exist");
        }
    }

    /** Options as text (JSON numbers and booleans as written), without the null ones. */
    public static Map<String, String> options(Map<String, Object> options) {
        Map<String, String> result = new LinkedHashMap<>();
        if (options != null) {
            options.forEach((key, value) -> {
                if (value != null) {
                    result.put(key, String.valueOf(value));
                }
            });
        }
        return result;
    }
}
