package dev.modelstore.events;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.annotation.JsonTypeInfo;
import java.time.Instant;
import java.util.UUID;

/**
 * Every event Modelstore publishes. The JSON carries a {@code type} discriminator, so a consumer of
 * a topic with several event types reads them all through this interface.
 */
@JsonTypeInfo(use = JsonTypeInfo.Id.NAME, property = "type")
@JsonSubTypes({
    @JsonSubTypes.Type(value = ModelRequested.class, name = "ModelRequested"),
    @JsonSubTypes.Type(value = ModelIngestStarted.class, name = "ModelIngestStarted"),
    @JsonSubTypes.Type(value = ModelIngestProgressed.class, name = "ModelIngestProgressed"),
    @JsonSubTypes.Type(value = ModelIngestCompleted.class, name = "ModelIngestCompleted"),
    @JsonSubTypes.Type(value = ModelIngestFailed.class, name = "ModelIngestFailed"),
    @JsonSubTypes.Type(value = ModelDeleted.class, name = "ModelDeleted"),
    @JsonSubTypes.Type(value = JobOutputCompleted.class, name = "JobOutputCompleted"),
    @JsonSubTypes.Type(value = JobModelReleased.class, name = "JobModelReleased"),
    @JsonSubTypes.Type(value = JobLogLines.class, name = "JobLogLines"),
    @JsonSubTypes.Type(value = StorageUsageChanged.class, name = "StorageUsageChanged"),
    @JsonSubTypes.Type(value = ModelExportRequested.class, name = "ModelExportRequested"),
    @JsonSubTypes.Type(value = ModelExportStarted.class, name = "ModelExportStarted"),
    @JsonSubTypes.Type(value = ModelExportProgressed.class, name = "ModelExportProgressed"),
    @JsonSubTypes.Type(value = ModelExportCompleted.class, name = "ModelExportCompleted"),
    @JsonSubTypes.Type(value = ModelExportFailed.class, name = "ModelExportFailed")
})
public interface ModelstoreEvent {

    /** Unique per event; consumers deduplicate on it (delivery is at-least-once). */
    UUID eventId();

    /** When the change the event announces happened. */
    Instant occurredAt();

    /** The Kafka record key: the id of the model (or job) the event is about, so its events stay in order. */
    String key();
}
