package dev.modelstore.fetcher.source;

import java.util.Map;
import java.util.UUID;

/** What a source is asked to fetch: the model's URI and type-specific options. */
public record SourceRequest(UUID modelId, String uri, Map<String, String> options) {
}
