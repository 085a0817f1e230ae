package dev.modelstore.events;

import java.util.UUID;

/** An event of one model's ingest, published by fetcher-worker on {@link Topics#MODEL_INGEST} in the order it happened. */
public interface ModelIngestEvent extends ModelstoreEvent {

    /** The model being ingested. */
    UUID modelId();

    /** The project the model belongs to. */
    UUID projectId();

    @Override
    default String key() {
        return modelId().toString();
    }
}
