package dev.modelstore.events;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.DeserializationFeature;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.SerializationFeature;
import com.fasterxml.jackson.datatype.jsr310.JavaTimeModule;

/** The JSON wire format of every event: ISO-8601 times, a {@code type} field, unknown fields tolerated. */
public final class EventCodec {

    private static final ObjectMapper MAPPER = new ObjectMapper()
            .registerModule(new JavaTimeModule())
            .disable(SerializationFeature.WRITE_DATES_AS_TIMESTAMPS)
            .disable(DeserializationFeature.FAIL_ON_UNKNOWN_PROPERTIES)
            .setSerializationInclusion(JsonInclude.Include.NON_NULL);

    private EventCodec() {
    }

    /** The event as JSON, with its {@code type} discriminator. */
    public static String toJson(ModelstoreEvent event) {
        try {
            return MAPPER.writerFor(ModelstoreEvent.class).writeValueAsString(event);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("cannot write event " + event.getClass().getSimpleName(), e);
        }
    }

    /** Reads any event; throws {@link IllegalArgumentException} for JSON that is not one. */
    public static ModelstoreEvent fromJson(String json) {
        try {
            return MAPPER.readValue(json, ModelstoreEvent.class);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException("not a Modelstore event: " + e.getOriginalMessage(), e);
        }
    }
}
