package dev.modelstore.fetcher.source;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a source is asked to fetch: the model's URI, type-specific options, and the project's
 * credential for the source type, if it has one (else the source tries anonymous access).
 */
public record SourceRequest(UUID modelId, String uri, Map<String, String> options, Optional<SourceCredential> credential) {

    public SourceRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        credential = credential == null ? Optional.empty() : credential;
    }

    /** A request with no credential. */
    public SourceRequest(UUID modelId, String uri, Map<String, String> options) {
        this(modelId, uri, options, Optional.empty());
    }
}
