package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import org.junit.jupiter.api.Test;

/**
 * Web models end to end: the four services as separate processes on a real Kafka broker,
 * PostgreSQL and S3Proxy, fetching from a real HTTP server on loopback.
 */
class WebModelEndToEndTest extends EndToEndTest {

    @Test
    void aTarGzFromAWebServerBecomesAReadyModelWithEveryByteStored() throws Exception {
        Map<String, byte[]> content = Archives.nestedFiles(1);
        String id = api.createWebModel("bert base", files.serve("/models/bert.tar.gz", Archives.tarGz(content)));

        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("ready", model.get("status").asText(), model.toString());
        long expectedSize = content.values().stream().mapToLong(b -> b.length).sum();
        assertEquals(expectedSize, model.get("size").asLong());
        assertEquals(content.size(), model.get("file_count").asInt());
        assertSameFiles(content, storedFiles(id));

        JsonNode details = api.get("/model/" + id + "/details").body();
        assertEquals("directory", details.get("type").asText());
        assertEquals("/", details.get("name").asText());
        assertEquals(content.size(), details.get("count").asInt());
        assertEquals(expectedSize, details.get("size").asLong());
        Map<String, Long> listed = new TreeMap<>();
        collectFiles(details, "", listed);
        Map<String, Long> expected = new TreeMap<>();
        content.forEach((path, bytes) -> expected.put(path, (long) bytes.length));
        assertEquals(expected, listed);

        JsonNode stored = awaitBody(storage, "/storage/models/" + id);
        assertEquals(expectedSize, stored.get("size").asLong());
        JsonNode project = storage.get("/storage/projects/" + model.get("project_uuid").asText()).body();
        assertTrue(project.get("used_size").asLong() >= expectedSize, project.toString());
    }

    @Test
    void zipAndTarBz2AreExtractedAndAPlainFileIsStoredAsItIs() throws Exception {
        Map<String, byte[]> content = Archives.nestedFiles(2);
        String zip = api.createWebModel("zipped", files.serve("/z/model.zip", Archives.zip(content)));
        String bz2 = api.createWebModel("bzipped", files.serve("/b/model.tar.bz2", Archives.tarBz2(content)));
        byte[] plain = content.get("weights/model.bin");
        String single = api.createWebModel("single", files.serve("/s/pytorch_model.bin", plain));

        for (String id : new String[] {zip, bz2}) {
            assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
            assertSameFiles(content, storedFiles(id));
        }
        assertEquals("ready", api.awaitStatus(single, FINAL, WAIT).get("status").asText());
        Map<String, byte[]> stored = storedFiles(single);
        assertEquals(Set.of("pytorch_model.bin"), stored.keySet());
        assertArrayEquals(plain, stored.get("pytorch_model.bin"));
    }

    @Test
    void aMissingFileFailsWithTheServersAnswerAndLeavesNoObjects() {
        String id = api.createWebModel("missing", files.url("/nothing-here.tar.gz"));
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", model.get("status").asText());
        String reason = model.get("failure_reason").asText();
        assertTrue(reason.contains("404") && reason.contains("check the URL"), reason);
        assertTrue(objectKeys(id).isEmpty());
    }

    @Test
    void corruptAndHostileArchivesFailWithAReasonAndLeaveNoObjects() throws Exception {
        byte[] good = Archives.tarGz(Archives.nestedFiles(3));
        byte[] truncated = java.util.Arrays.copyOf(good, good.length / 2);
        String corrupt = api.createWebModel("truncated", files.serve("/bad/truncated.tar.gz", truncated));
        String escaping = api.createWebModel("escaping link", files.serve("/bad/link.tar.gz", Archives.tarGzWithEscapingLink()));
        String slip = api.createWebModel("zip slip", files.serve("/bad/slip.zip",
                Archives.zip(Map.of("fine.txt", new byte[] {1}, "../../evil.txt", new byte[] {2}))));

        assertFailed(corrupt, "corrupt");
        assertFailed(escaping, "outside the model");
        assertFailed(slip, "outside the model");
    }

    @Test
    void sourcesNeverReachCloudMetadataEvenThroughARedirect() {
        String direct = api.createWebModel("metadata", "http://169.254.169.254/latest/meta-data/");
        String redirected = api.createWebModel("redirected",
                files.redirect("/go", "http://[::ffff:169.254.169.254]/latest/meta-data/"));
        assertFailed(direct, "link-local or cloud-metadata");
        assertFailed(redirected, "link-local or cloud-metadata");
    }

    @Test
    void wrongRequestsAreRefusedWithAMessageThatSaysWhatToFix() {
        ModelApiClient.Reply wrongPrefix = api.post("/model", Map.of("name", "x", "source_type", "aws",
                "source_uri", "https://bucket/key"));
        assertEquals(400, wrongPrefix.status());
        assertTrue(wrongPrefix.body().get("message").asText().contains("s3://bucket/path"));
        assertEquals(wrongPrefix.body().get("message"), wrongPrefix.body().get("errorMessage"));

        assertEquals(400, api.post("/model", Map.of("source_type", "web", "source_uri", "https://h/x")).status());
        assertEquals(400, api.post("/model", Map.of("name", "x", "source_type", "local", "source_uri", "./rel")).status());
        assertEquals(400, api.postRaw("/model", "{not json").status());
        ModelApiClient.Reply unknown = api.post("/model", Map.of("name", "x", "source_type", "dropbox",
                "source_uri", "https://example.com/m"));
        assertEquals(400, unknown.status());
        assertTrue(unknown.body().get("message").asText().contains("aws, azure, gcp, git, kaggle, local, wasabi, web"));
        assertEquals(404, api.get("/model/00000000-0000-0000-0000-000000000000").status());
    }

    @Test
    void aModelCanBeRenamedAndDeletedForGood() throws Exception {
        String id = api.createWebModel("old name", files.serve("/r/model.tar.gz", Archives.tarGz(Archives.nestedFiles(4))));
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("ready", model.get("status").asText());
        String project = model.get("project_uuid").asText();
        awaitBody(storage, "/storage/models/" + id);
        long before = storage.get("/storage/projects/" + project).body().get("used_size").asLong();

        ModelApiClient.Reply renamed = api.patch("/model/" + id, Map.of("name", "new name"));
        assertEquals(200, renamed.status());
        assertEquals("new name", renamed.body().get("name").asText());
        assertEquals(400, api.patch("/model/" + id, Map.of("name", " ")).status());

        assertEquals(200, api.delete("/model/" + id + "?project_uuid=" + project + "&force=true").status());
        assertEquals(404, api.get("/model/" + id).status());
        awaitTrue(() -> objectKeys(id).isEmpty(), "objects of the deleted model removed");
        awaitTrue(() -> storage.get("/storage/models/" + id).status() == 404, "storage forgot the model");
        long after = storage.get("/storage/projects/" + project).body().get("used_size").asLong();
        assertEquals(before - model.get("size").asLong(), after);
    }

}
