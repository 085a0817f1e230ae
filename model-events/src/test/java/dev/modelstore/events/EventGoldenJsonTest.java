package dev.modelstore.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import com.fasterxml.jackson.annotation.JsonSubTypes;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.UUID;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

/**
 * Pins the wire format: each event written equals its golden file, and each golden file reads back
 * as the same event. A change here is a change every consumer sees.
 */
class EventGoldenJsonTest {

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Instant AT = Instant.parse("2026-11-26T10:15:30.123Z");
    private static final UUID EVENT = UUID.fromString("0f2c7c1e-8a54-4c55-9a39-5b1f1d1a0001");
    private static final UUID MODEL = UUID.fromString("6b8e9b8e-3f1d-4e4a-b0a1-6c1d2e3f0002");
    private static final UUID PROJECT = UUID.fromString("a1b2c3d4-0000-4000-8000-000000000003");
    private static final UUID JOB = UUID.fromString("c0ffee00-1234-4abc-9def-000000000004");
    private static final UUID EXPORT = UUID.fromString("e0e0e0e0-5555-4abc-9def-000000000005");

    static Stream<Arguments> events() {
        return Stream.of(
                Arguments.of("model-requested.json", new ModelRequested(EVENT, AT, MODEL, PROJECT, SourceType.WEB,
                        "https://example.com/models/bert.tar.gz", Map.of("endpoint_url", "https://s3.example.com"))),
                Arguments.of("model-ingest-started.json", new ModelIngestStarted(EVENT, AT, MODEL, PROJECT, "fetcher-1")),
                Arguments.of("model-ingest-progressed.json",
                        new ModelIngestProgressed(EVENT, AT, MODEL, PROJECT, 1048576L, 3L)),
                Arguments.of("model-ingest-completed.json", new ModelIngestCompleted(EVENT, AT, MODEL, PROJECT, 5242880L, 4L,
                        "models/6b8e9b8e-3f1d-4e4a-b0a1-6c1d2e3f0002/manifest.json",
                        "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
                Arguments.of("model-ingest-failed.json", new ModelIngestFailed(EVENT, AT, MODEL, PROJECT,
                        "the web server answered 404 Not Found for https://example.com/missing.tar.gz")),
                Arguments.of("model-deleted.json", new ModelDeleted(EVENT, AT, MODEL, PROJECT)),
                Arguments.of("job-output-completed.json",
                        new JobOutputCompleted(EVENT, AT, JOB, PROJECT, "bert-finetune", 2, "model", MODEL,
                                "Job - bert-finetune Worker 2", null, 5242880L, 4L,
                                "models/6b8e9b8e-3f1d-4e4a-b0a1-6c1d2e3f0002/manifest.json",
                                "e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855")),
                Arguments.of("job-model-released.json",
                        new JobModelReleased(EVENT, AT, JOB, PROJECT, MODEL, "finished")),
                Arguments.of("job-log-lines.json", new JobLogLines(EVENT, AT, JOB, PROJECT,
                        "d00dfeed-7777-4abc-9def-000000000006", 1,
                        java.util.List.of(new JobLogLines.Line(AT, "epoch 1/3 loss=0.41")), false)),
                Arguments.of("storage-usage-changed.json",
                        new StorageUsageChanged(EVENT, AT, PROJECT, MODEL, 5242880L, 60_000_000_000L, 10_000_000_000L, 7)),
                Arguments.of("model-export-requested.json", new ModelExportRequested(EVENT, AT, EXPORT, MODEL, PROJECT,
                        "wasabi", "s3://exports/bert/", Map.of("endpoint_url", "https://s3.wasabisys.com", "overwrite", "true"),
                        "models/6b8e9b8e-3f1d-4e4a-b0a1-6c1d2e3f0002/manifest.json", null)),
                Arguments.of("model-export-started.json", new ModelExportStarted(EVENT, AT, EXPORT, MODEL, PROJECT, "fetcher-1")),
                Arguments.of("model-export-progressed.json",
                        new ModelExportProgressed(EVENT, AT, EXPORT, MODEL, PROJECT, 1048576L, 3L, 5242880L, 4L)),
                Arguments.of("model-export-completed.json",
                        new ModelExportCompleted(EVENT, AT, EXPORT, MODEL, PROJECT, 5242880L, 4L, null)),
                Arguments.of("model-export-failed.json", new ModelExportFailed(EVENT, AT, EXPORT, MODEL, PROJECT,
                        "s3://exports/bert/config.json already exists; export with output_options.overwrite=true to replace it")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void writesTheGoldenJson(String file, ModelstoreEvent event) throws IOException {
        assertEquals(golden(file), JSON.readTree(EventCodec.toJson(event)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void readsTheGoldenJson(String file, ModelstoreEvent event) throws IOException {
        assertEquals(event, EventCodec.fromJson(JSON.writeValueAsString(golden(file))));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("events")
    void everyEventHasATopicAndIsKeyedByItsSubject(String file, ModelstoreEvent event) {
        String topic = Topics.of(event);
        assertEquals(true, Topics.ALL.contains(topic), topic);
        String expectedKey = event instanceof JobOutputCompleted || event instanceof JobModelReleased
                || event instanceof JobLogLines ? JOB.toString()
                : event instanceof StorageUsageChanged ? PROJECT.toString() : MODEL.toString();
        assertEquals(expectedKey, event.key());
    }

    @Test
    void ignoresFieldsItDoesNotKnowSoProducersCanAddThem() {
        String json = "{\"type\":\"ModelDeleted\",\"eventId\":\"" + EVENT + "\",\"occurredAt\":\"2026-11-26T10:15:30.123Z\","
                + "\"modelId\":\"" + MODEL + "\",\"projectId\":\"" + PROJECT + "\",\"addedLater\":42}";
        assertEquals(new ModelDeleted(EVENT, AT, MODEL, PROJECT), EventCodec.fromJson(json));
    }

    @Test
    void theAsyncApiDocumentNamesEveryTopicAndEventType() throws IOException {
        String asyncApi = java.nio.file.Files.readString(java.nio.file.Path.of("../docs/asyncapi.yaml"));
        Topics.ALL.forEach(topic -> assertEquals(true, asyncApi.contains("address: " + topic), topic));
        for (JsonSubTypes.Type type : ModelstoreEvent.class.getAnnotation(JsonSubTypes.class).value()) {
            assertEquals(true, asyncApi.contains("\n    " + type.name() + ":\n"), type.name());
        }
    }

    @Test
    void refusesJsonThatIsNoEvent() {
        assertThrows(IllegalArgumentException.class, () -> EventCodec.fromJson("{\"type\":\"Nope\"}"));
        assertThrows(IllegalArgumentException.class, () -> EventCodec.fromJson("not json"));
    }

    @Test
    void sourceTypesUseTrainmlWireNames() {
        assertEquals("\"wasabi\"", EventCodec.toJson(new ModelRequested(EVENT, AT, MODEL, PROJECT, SourceType.WASABI,
                "s3://b/k", null)).replaceAll(".*\"sourceType\":(\"[a-z]+\").*", "$1"));
        assertEquals(SourceType.REGIONAL, SourceType.fromWireName("regional").orElseThrow());
        assertEquals(true, SourceType.fromWireName("dropbox").isEmpty());
    }

    private static JsonNode golden(String file) throws IOException {
        try (InputStream in = EventGoldenJsonTest.class.getResourceAsStream("/golden/" + file)) {
            return JSON.readTree(new String(in.readAllBytes(), StandardCharsets.UTF_8));
        }
    }
}
