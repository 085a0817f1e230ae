package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import org.apache.commons.compress.archivers.zip.ZipArchiveEntry;
import org.apache.commons.compress.archivers.zip.ZipArchiveOutputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Kaggle models through the API, from the local HTTPS stand-in for the Kaggle API v1: a dataset, a competition, a kernel's output. */
class KaggleModelsEndToEndTest extends EndToEndTest {

    private static Map<String, byte[]> nested;

    @BeforeAll
    static void fill() throws Exception {
        nested = Archives.nestedFiles(95);
        var kaggle = StackExtension.sources().kaggle;
        kaggle.dataset("e2e-kaggler/bert", null, zip(nested));
        kaggle.competition("titanic-e2e", zip(Map.of("train.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8))));
        kaggle.kernel("e2e-kaggler/train", Map.of("model.pt", "trained".getBytes(StandardCharsets.UTF_8)));
        String project = StackExtension.stack().access().projectId();
        assertEquals(200, api.put("/project/" + project + "/credentials/kaggle",
                Map.of("key_id", StackExtension.KAGGLE_USER, "secret", StackExtension.KAGGLE_KEY)).status());
    }

    @Test
    void aDatasetACompetitionAndAKernelsOutputBecomeModels() throws Exception {
        String dataset = create("e2e-kaggler/bert", "dataset");
        String competition = create("titanic-e2e", "competition");
        String kernel = create("e2e-kaggler/train", "kernel");
        assertEquals("ready", api.awaitStatus(dataset, FINAL, WAIT).get("status").asText());
        assertSameFiles(nested, storedFiles(dataset));
        assertEquals("ready", api.awaitStatus(competition, FINAL, WAIT).get("status").asText());
        assertSameFiles(Map.of("train.csv", "a,b\n1,2\n".getBytes(StandardCharsets.UTF_8)), storedFiles(competition));
        assertEquals("ready", api.awaitStatus(kernel, FINAL, WAIT).get("status").asText());
        assertSameFiles(Map.of("model.pt", "trained".getBytes(StandardCharsets.UTF_8)), storedFiles(kernel));
    }

    @Test
    void anUnknownKaggleTypeIsA400AndAMissingDatasetFails() {
        ModelApiClient.Reply refused = api.post("/model", Map.of("name", "k", "source_type", "kaggle",
                "source_uri", "e2e-kaggler/bert", "source_options", Map.of("type", "notebook")));
        assertEquals(400, refused.status());
        assertTrue(refused.body().get("message").asText().contains("competition, dataset, kernel"));
        JsonNode missing = api.awaitStatus(create("e2e-kaggler/nothing", "dataset"), FINAL, WAIT);
        assertEquals("failed", missing.get("status").asText());
        assertTrue(missing.get("failure_reason").asText().contains("404"), missing.toString());
    }

    private static String create(String name, String type) {
        ModelApiClient.Reply reply = api.post("/model", Map.of("name", "kaggle " + name, "source_type", "kaggle",
                "source_uri", name, "source_options", Map.of("type", type)));
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        return reply.body().get("model_uuid").asText();
    }

    private static byte[] zip(Map<String, byte[]> files) throws Exception {
        ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        try (ZipArchiveOutputStream zip = new ZipArchiveOutputStream(bytes)) {
            for (Map.Entry<String, byte[]> file : files.entrySet()) {
                zip.putArchiveEntry(new ZipArchiveEntry(file.getKey()));
                zip.write(file.getValue());
                zip.closeArchiveEntry();
            }
        }
        return bytes.toByteArray();
    }
}
