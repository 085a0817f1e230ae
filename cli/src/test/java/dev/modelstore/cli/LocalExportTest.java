package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model export} and {@code model connect} for an export, against a stand-in API and sender. */
class LocalExportTest {

    @TempDir
    Path temp;

    FakeModelstore api;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void serve() throws Exception {
        api = new FakeModelstore();
        api.models.put("m1", FakeModelstore.JSON.readTree("{\"model_uuid\":\"m1\",\"name\":\"bert\",\"status\":\"ready\"}"));
        api.exportArchive = TarExtractorTest.tar("config.json={}", "weights/a.bin=abc", "latest->weights");
        api.exportStatuses.add("completed");
    }

    @AfterEach
    void stop() {
        api.close();
    }

    int run(String... args) {
        out = new StringWriter();
        err = new StringWriter();
        String[] all = Stream.concat(Stream.of("--api-url", api.url(), "--token", FakeModelstore.TOKEN), Arrays.stream(args))
                .toArray(String[]::new);
        return ModelstoreCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
    }

    @Test
    void aLocalExportIsReceivedIntoItsFolderAndFinalized() throws Exception {
        Path dir = temp.resolve("export");
        assertEquals(0, run("model", "export", "m1", "--type", "local", "--uri", dir.toString(), "--wait"), err.toString());

        JsonNode body = api.exportBodies.get(0);
        assertEquals("local", body.get("output_type").asText());
        assertEquals(dir.toString(), body.get("output_uri").asText());
        assertEquals("{}", Files.readString(dir.resolve("config.json")));
        assertEquals("abc", Files.readString(dir.resolve("weights/a.bin")));
        assertEquals(Path.of("weights"), Files.readSymbolicLink(dir.resolve("latest")));
        assertTrue(api.finalized);
        assertTrue(out.toString().contains("export e1 completed: 2 files, 5 bytes"), out.toString());
        List<String> sender = api.requests.stream().filter(r -> r.startsWith("GET /exports/") || r.startsWith("POST /exports/"))
                .toList();
        assertEquals(List.of("GET /exports/ping", "GET /exports/info", "GET /exports/download", "POST /exports/finalize"),
                sender);
    }

    @Test
    void aZipExportIsSavedWholeUnderTheSendersName() throws Exception {
        api.exportZip = true;
        api.exportArchive = "PK-not-really-a-zip".getBytes();
        Path dir = temp.resolve("zip");
        assertEquals(0, run("model", "export", "m1", "--type", "local", "--uri", dir.toString(), "--option", "archive=true"),
                err.toString());
        assertEquals("true", api.exportBodies.get(0).get("output_options").get("archive").asText());
        assertEquals("PK-not-really-a-zip", Files.readString(dir.resolve("model-m1.zip")));
        assertFalse(Files.exists(dir.resolve("model-m1.zip.part")));
        assertTrue(api.finalized);
    }

    @Test
    void connectReceivesAModelExportingToThisComputer() throws Exception {
        Path dir = temp.resolve("connected");
        api.models.put("m2", FakeModelstore.JSON.readTree("{\"model_uuid\":\"m2\",\"status\":\"exporting\",\"hostname\":\""
                + api.url() + "/exports\",\"auth_token\":\"" + FakeModelstore.DOWNLOAD_TOKEN + "\",\"output_uri\":\""
                + temp.resolve("elsewhere") + "\"}"));
        assertEquals(0, run("model", "connect", "m2", dir.toString()), err.toString());
        assertEquals("abc", Files.readString(dir.resolve("weights/a.bin")));
        assertFalse(Files.exists(temp.resolve("elsewhere")), "DIR overrides output_uri");
        assertTrue(api.finalized);

        api.finalized = false;
        assertEquals(0, run("model", "connect", "m2"), err.toString());
        assertEquals("{}", Files.readString(temp.resolve("elsewhere/config.json")));
        assertTrue(api.finalized);
    }

    @Test
    void connectRefusesAnExportToAnotherTargetAndDirForAnUpload() throws Exception {
        api.models.put("m3", FakeModelstore.JSON.readTree("{\"model_uuid\":\"m3\",\"status\":\"exporting\"}"));
        assertEquals(1, run("model", "connect", "m3"));
        assertTrue(err.toString().contains("not to this computer"), err.toString());
        api.models.put("m4", FakeModelstore.JSON.readTree("{\"model_uuid\":\"m4\",\"status\":\"new\",\"source_type\":\"local\"}"));
        assertEquals(2, run("model", "connect", "m4", temp.toString()));
    }

    @Test
    void theReceiverRetriesAnUnavailableDownloadAndRefusesAnArchiveThatLeaves() throws Exception {
        api.downloadsUnavailable = 2;
        PrintStream quiet = new PrintStream(new ByteArrayOutputStream());
        LocalExportReceiver receiver = new LocalExportReceiver(api.url() + "/exports", FakeModelstore.DOWNLOAD_TOKEN, quiet, 5);
        LocalExportReceiver.Received received = receiver.receive(temp.resolve("r"));
        assertEquals(2, received.files());
        assertEquals(5, received.bytes());
        assertEquals(3, api.requests.stream().filter(r -> r.equals("GET /exports/download")).count());

        api.finalized = false;
        api.exportArchive = TarExtractorTest.tar("../escaped=evil");
        assertThrows(SafePaths.Escape.class, () -> receiver.receive(temp.resolve("s")));
        assertFalse(Files.exists(temp.resolve("escaped")));
        assertFalse(api.finalized, "an archive refused is not finalized");
    }

    @Test
    void aStoreExportSendsItsOptionsAndWaitsForTheOutcome() throws Exception {
        api.exportStatuses.clear();
        api.exportStatuses.addAll(List.of("queued", "running", "completed"));
        assertEquals(0, run("model", "export", "m1", "--type", "aws", "--uri", "s3://bucket/models/", "--overwrite",
                "--wait"), err.toString());
        JsonNode body = api.exportBodies.get(0);
        assertEquals("aws", body.get("output_type").asText());
        assertEquals("s3://bucket/models/", body.get("output_uri").asText());
        assertEquals("true", body.get("output_options").get("overwrite").asText());
        assertTrue(err.toString().contains("running: 5 B of 5 B, 2 of 2 files"), err.toString());

        api.exportStatuses.clear();
        api.exportStatuses.add("failed");
        assertEquals(1, run("model", "export", "m1", "--type", "wasabi", "--uri", "s3://bucket/x/", "--option",
                "endpoint_url=https://s3.eu-central-1.wasabisys.com", "--wait"));
        assertEquals("https://s3.eu-central-1.wasabisys.com",
                api.exportBodies.get(1).get("output_options").get("endpoint_url").asText());
        assertTrue(out.toString().contains("failed: the bucket refused the write"), out.toString());
    }

    @Test
    void exportUsageMistakesExitTwo() {
        assertEquals(2, run("model", "export", "m1", "--type", "dropbox", "--uri", "x"));
        assertEquals(2, run("model", "export", "m1", "--type", "wasabi", "--uri", "s3://bucket/x/"));
        assertTrue(err.toString().contains("endpoint_url"), err.toString());
        assertEquals(2, run("model", "export", "m1", "--uri", "s3://bucket/x/"));
        assertTrue(api.exportBodies.isEmpty());
    }
}
