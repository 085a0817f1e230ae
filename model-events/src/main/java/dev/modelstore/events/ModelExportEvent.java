package dev.modelstore.events;

import java.util.UUID;

/**
 * An event of one export of a model, published by fetcher-worker on {@link Topics#MODEL_EXPORTS} in
 * the order it happened (keyed by the model, so that a model's exports stay in order).
 */
public interface ModelExportEvent extends ModelstoreEvent {

    /** The export. */
    UUID exportId();

    /** The model being exported. */
    UUID modelId();

    /** The project the model belongs to. */
    UUID projectId();

    @Override
    default String key() {
        return modelId().toString();
    }
}
