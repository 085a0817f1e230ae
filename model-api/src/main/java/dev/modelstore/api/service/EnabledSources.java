package dev.modelstore.api.service;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.events.SourceType;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.inject.Inject;
import java.util.Collection;
import java.util.List;

/**
 * Which source types (and web URL schemes) this Modelstore takes: a type an operator switched off
 * ({@code modelstore.api.enabled-source-types}) answers 501, naming what is supported.
 */
@ApplicationScoped
public class EnabledSources {

    private final List<String> types;
    private final List<String> webSchemes;

    @Inject
    EnabledSources(ModelApiConfig config) {
        this(config.enabledSourceTypes(), config.enabledWebSchemes());
    }

    /** The types and web schemes taken. */
    public EnabledSources(Collection<String> types, Collection<String> webSchemes) {
        this.types = List.copyOf(types);
        this.webSchemes = List.copyOf(webSchemes);
    }

    /** 501 when the type, or a web URL's scheme, is switched off. */
    public void check(SourceType type, String uri) {
        if (!types.contains(type.wireName())) {
            throw ApiException.notImplemented("source_type '" + type + "' is not yet supported by this Modelstore; "
                    + "supported now: " + String.join(", ", types));
        }
        if (type == SourceType.WEB && !webSchemes.contains(SourceUriRules.scheme(uri))) {
            throw ApiException.notImplemented("web sources with " + SourceUriRules.scheme(uri)
                    + ":// URLs are not yet supported by this Modelstore; supported now: " + String.join(", ", webSchemes));
        }
    }

    /** Whether the type is taken (for the list of source types). */
    public boolean enabled(SourceType type) {
        return types.contains(type.wireName());
    }
}
