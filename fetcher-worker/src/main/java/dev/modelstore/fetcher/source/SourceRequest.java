package dev.modelstore.fetcher.source;

import java.util.Map;
import java.util.Optional;
import java.util.UUID;

/**
 * What a source is asked to fetch: the model (and its project), the model's URI, type-specific
 * options, and the project's credential for the source type, if it has one (else the source tries
 * anonymous access).
 */
public record SourceRequest(UUID modelId, UUID projectId, String uri, Map<String, String> options,
        Optional<SourceCredential> credential) {

    public SourceRequest {
        options = options == null ? Map.of() : Map.copyOf(options);
        credential = credential == null ? Optional.empty() : credential;
    }

    /** A request of no particular project. */
    public SourceRequest(UUID modelId, String uri, Map<String, String> options, Optional<SourceCredential> credential) {
        this(modelId, null, uri, options, credential);
    }

    /** A request of no particular project, with no credential. */
    public SourceRequest(UUID modelId, String uri, Map<String, String> options) {
        this(modelId, null, uri, options, Optional.empty());
    }
}
