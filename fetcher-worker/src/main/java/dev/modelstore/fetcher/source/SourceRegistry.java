package dev.modelstore.fetcher.source;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Instance;
import java.util.EnumMap;
import java.util.Map;

/** Chooses the {@link ModelSource} for a source type: the one place that mapping is made. Fails fast on duplicates. */
@ApplicationScoped
public class SourceRegistry {

    private final Map<SourceType, ModelSource> sources = new EnumMap<>(SourceType.class);

    SourceRegistry(Instance<ModelSource> available) {
        for (ModelSource source : available) {
            ModelSource previous = sources.put(source.type(), source);
            if (previous != null) {
                throw new IllegalStateException("two sources for type " + source.type() + ": "
                        + previous.getClass().getName() + " and " + source.getClass().getName());
            }
        }
    }

    /** The source for the type, or a failure saying this fetcher cannot read it. */
    public ModelSource forType(SourceType type) {
        ModelSource source = sources.get(type);
        if (source == null) {
            throw new IngestFailure("source type '" + type + "' is not supported by this fetcher yet");
        }
        return source;
    }
}
