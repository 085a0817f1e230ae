package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.Random;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** {@code model download} and {@code model verify} against a stand-in API. */
class ModelDownloadTest {

    @TempDir
    Path temp;

    FakeModelstore api;
    byte[] weights;
    StringWriter out;
    StringWriter err;

    @BeforeEach
    void serve() throws Exception {
        weights = new byte[300_000];
        new Random(7).nextBytes(weights);
        api = new FakeModelstore()
                .file("config.json", "{\"layers\":2}".getBytes(StandardCharsets.UTF_8))
                .file("weights/model.bin", weights)
                .file("dir with space/ü+%.txt", "odd name".getBytes(StandardCharsets.UTF_8))
                .file("empty.txt", new byte[0]);
        api.links.put("latest", "weights");
        api.links.put("weights/config.json", "../config.json");
        api.models.put("m1", FakeModelstore.JSON.readTree("{\"model_uuid\":\"m1\",\"name\":\"bert/base\",\"status\":\"ready\"}"));
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
    void downloadsEveryFileAndLinkThenSkipsThemTheNextTime() throws Exception {
        Path dir = temp.resolve("bert");
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--quiet"), err.toString());

        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("weights/model.bin")));
        assertEquals("odd name", Files.readString(dir.resolve("dir with space/ü+%.txt")));
        assertEquals(0, Files.size(dir.resolve("empty.txt")));
        assertEquals(Path.of("weights"), Files.readSymbolicLink(dir.resolve("latest")));
        assertEquals("{\"layers\":2}", Files.readString(dir.resolve("weights/config.json")));
        assertTrue(api.requests.contains("GET /model/m1/files/dir%20with%20space/%C3%BC%2B%25.txt"), api.requests.toString());
        assertTrue(out.toString().contains("4 files fetched, 0 already there, 2 links"), out.toString());
        try (Stream<Path> walk = Files.walk(dir)) {
            assertTrue(walk.noneMatch(p -> p.toString().endsWith(".part")));
        }

        long before = api.fileRequests();
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--quiet", "--json"), err.toString());
        assertEquals(before, api.fileRequests(), "files already in place are not fetched again");
        JsonNode summary = FakeModelstore.JSON.readTree(out.toString());
        assertEquals(4, summary.get("already_there").asInt());
        assertEquals(0, summary.get("transferred").asLong());

        assertEquals(0, run("model", "verify", "m1", dir.toString()), out.toString());
        Files.writeString(dir.resolve("config.json"), "{\"layers\":3}");
        Files.writeString(dir.resolve("notes.txt"), "mine");
        assertEquals(1, run("model", "verify", "m1", dir.toString(), "--json"));
        JsonNode verified = FakeModelstore.JSON.readTree(out.toString());
        assertFalse(verified.get("ok").asBoolean());
        assertEquals("config.json", verified.get("changed").get(0).get("path").asText());
        assertEquals("notes.txt", verified.get("extra").get(0).asText());
        assertEquals(0, verified.get("missing").size());
    }

    @Test
    void smallFilesAreReadFromTheStoreThroughLinksAndARefusedLinkFallsBackToTheApi() throws Exception {
        api.storeLinks = true;
        api.refusedLinks.add("config.json");
        Path dir = temp.resolve("direct");
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--quiet"), err.toString());

        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("weights/model.bin")));
        assertEquals("odd name", Files.readString(dir.resolve("dir with space/ü+%.txt")));
        assertEquals("{\"layers\":2}", Files.readString(dir.resolve("weights/config.json")));
        assertTrue(api.requests.contains("GET /store/dir%20with%20space/%C3%BC%2B%25.txt"), api.requests.toString());
        assertTrue(api.requests.contains("GET /store/config.json"), api.requests.toString());
        assertTrue(api.requests.contains("GET /model/m1/files/config.json"), "a refused link is read through the API");
        assertFalse(api.requests.contains("GET /model/m1/files/weights/model.bin"), api.requests.toString());
        assertEquals(1, api.requests.stream().filter(r -> r.startsWith("POST /model/m1/download-links")).count());
        assertEquals(0, api.tokensSentToStore.get(), "the API token never goes to the store");
    }

    @Test
    void aLargeFileIsFetchedAsSeveralRangesAndResumesTheRangesItLacks() throws Exception {
        byte[] large = new byte[(int) (2 * ChunkedFetch.CHUNK + 5_000_000)];
        new Random(9).nextBytes(large);
        api.file("large.bin", large);
        Path dir = temp.resolve("m");
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--quiet", "--streams", "3", "--include", "large.bin"),
                err.toString());
        assertArrayEquals(large, Files.readAllBytes(dir.resolve("large.bin")));
        long ranged = api.requests.stream().filter(r -> r.contains("large.bin") && r.contains("bytes=")
                && !r.endsWith("bytes=0-0")).count();
        assertEquals(3, ranged, api.requests.toString());
        assertTrue(Files.notExists(dir.resolve("large.bin.part.chunks")));

        // A stopped download: the first range is on disk and recorded; only the other two are fetched.
        Files.delete(dir.resolve("large.bin"));
        Path part = dir.resolve("large.bin.part");
        Files.write(part, java.util.Arrays.copyOf(large, (int) ChunkedFetch.CHUNK));
        Files.writeString(dir.resolve("large.bin.part.chunks"), "0\n");
        api.requests.clear();
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--quiet", "--streams", "3", "--include", "large.bin"),
                err.toString());
        assertArrayEquals(large, Files.readAllBytes(dir.resolve("large.bin")));
        assertEquals(List.of("bytes=" + ChunkedFetch.CHUNK + "-" + (2 * ChunkedFetch.CHUNK - 1),
                        "bytes=" + 2 * ChunkedFetch.CHUNK + "-" + (large.length - 1)),
                api.requests.stream().filter(r -> r.contains("large.bin") && !r.endsWith("bytes=0-0"))
                        .map(r -> r.substring(r.indexOf("bytes="))).sorted()
                        .toList());

        // A server that ignores ranges: the file comes in one stream.
        Files.delete(dir.resolve("large.bin"));
        api.honourRanges = false;
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--quiet", "--include", "large.bin"), err.toString());
        assertArrayEquals(large, Files.readAllBytes(dir.resolve("large.bin")));
    }

    @Test
    void theDefaultFolderIsTheModelsNameAsOneFolder() {
        assertEquals("bert-base", ModelDownload.folderName("bert/base", "m1"));
        assertEquals("m1", ModelDownload.folderName("..", "m1"));
        assertEquals("m1", ModelDownload.folderName(" ", "m1"));
    }

    @Test
    void resumesAPartFileWithARangeRequest() throws Exception {
        Path dir = temp.resolve("m");
        Files.createDirectories(dir.resolve("weights"));
        Files.write(dir.resolve("weights/model.bin.part"), Arrays.copyOf(weights, 100_000));

        assertEquals(0, run("model", "download", "m1", dir.toString(), "--include", "weights/**", "--json"), err.toString());

        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("weights/model.bin")));
        assertTrue(api.requests.contains("GET /model/m1/files/weights/model.bin bytes=100000-"), api.requests.toString());
        assertEquals(200_000, FakeModelstore.JSON.readTree(out.toString()).get("transferred").asLong());
        assertFalse(Files.exists(dir.resolve("config.json")), "not included");
        assertFalse(Files.exists(dir.resolve("weights/model.bin.part")));
    }

    @Test
    void startsOverWhenTheServerAnswersTheWholeFile() throws Exception {
        api.honourRanges = false;
        Path dir = temp.resolve("m");
        Files.createDirectories(dir.resolve("weights"));
        byte[] stale = new byte[50_000];
        Arrays.fill(stale, (byte) 1);
        Files.write(dir.resolve("weights/model.bin.part"), stale);

        assertEquals(0, run("model", "download", "m1", dir.toString(), "--include", "weights/model.bin", "--quiet"),
                err.toString());

        assertArrayEquals(weights, Files.readAllBytes(dir.resolve("weights/model.bin")));
    }

    @Test
    void aMismatchIsFetchedOnceMoreThenFails() throws Exception {
        Path dir = temp.resolve("m");
        api.corrupt.put("config.json", new AtomicInteger(1));
        assertEquals(0, run("model", "download", "m1", dir.toString(), "--include", "config.json", "--quiet"),
                err.toString());
        assertEquals("{\"layers\":2}", Files.readString(dir.resolve("config.json")));

        api.corrupt.put("weights/model.bin", new AtomicInteger(2));
        assertEquals(1, run("model", "download", "m1", dir.toString(), "--exclude", "config.json", "--quiet"));
        assertTrue(err.toString().contains("weights/model.bin"), err.toString());
        assertTrue(err.toString().contains("does not match the manifest after two downloads"), err.toString());
        assertFalse(Files.exists(dir.resolve("weights/model.bin")));
        assertFalse(Files.exists(dir.resolve("weights/model.bin.part")));
        assertTrue(Files.exists(dir.resolve("empty.txt")), "the other files are downloaded");
    }

    @Test
    void refusesAManifestThatLeavesTheFolder() throws Exception {
        Path dir = temp.resolve("m");
        api.manifestOverride = "{\"modelId\":\"m1\",\"files\":[{\"path\":\"../evil\",\"size\":1,\"sha256\":\""
                + "a".repeat(64) + "\"}],\"links\":[]}";
        assertEquals(1, run("model", "download", "m1", dir.toString(), "--quiet"));
        assertTrue(err.toString().contains("outside the model"), err.toString());
        assertFalse(Files.exists(dir));
        assertFalse(Files.exists(temp.resolve("evil")));

        api.manifestOverride = "{\"modelId\":\"m1\",\"files\":[],\"links\":[{\"path\":\"l\",\"target\":\"../../etc\"}]}";
        assertEquals(1, run("model", "download", "m1", dir.toString(), "--quiet"));
        assertFalse(Files.exists(dir));
    }

    @Test
    void refusesToWriteThroughALinkLeavingTheFolder() throws Exception {
        Path dir = Files.createDirectories(temp.resolve("m"));
        Path outside = Files.createDirectories(temp.resolve("outside"));
        Files.createSymbolicLink(dir.resolve("weights"), outside);
        assertEquals(1, run("model", "download", "m1", dir.toString(), "--include", "weights/*", "--quiet"));
        assertTrue(err.toString().contains("would leave"), err.toString());
        try (Stream<Path> files = Files.list(outside)) {
            assertEquals(0, files.count());
        }
    }

    @Test
    void showsTheProgressLineWhenAsked() {
        assertEquals(0, run("model", "download", "m1", temp.resolve("m").toString(), "--progress"), err.toString());
        assertTrue(err.toString().contains("4/4 files"), err.toString());
        assertTrue(err.toString().contains("ETA"), err.toString());
        assertEquals(0, run("model", "download", "m1", temp.resolve("n").toString()), err.toString());
        assertEquals("", err.toString(), "no terminal, no --progress: no line");
    }

    @Test
    void usageMistakesExitTwo() {
        assertEquals(2, run("model", "download", "m1", "--parallel", "0"));
        assertEquals(2, run("model", "download", "m1", "--include", "[oops"));
        assertEquals(1, run("model", "download", "m1", temp.toString(), "--include", "nothing/**", "--quiet"));
        assertTrue(err.toString().contains("matches --include/--exclude"), err.toString());
    }

    @Test
    void theFetcherRetriesAnUnavailableServerAndResumes() throws Exception {
        api.unavailable.put("config.json", new AtomicInteger(2));
        Path target = Files.createDirectories(temp.resolve("f")).resolve("config.json");
        ModelstoreApi client = new ModelstoreApi(api.url(), FakeModelstore.TOKEN);
        try (DownloadProgress progress = new DownloadProgress(new PrintWriter(new StringWriter()), 12, 1, false)) {
            FileFetcher fetcher = new FileFetcher(path -> client.fileSource("m1", path), progress, 1);
            byte[] content = api.files.get("config.json");
            Manifest.FileEntry entry = new Manifest.FileEntry("config.json", content.length, FakeModelstore.sha256(content));
            assertEquals(FileFetcher.Outcome.FETCHED, fetcher.fetch(entry, target));
            assertEquals(FileFetcher.Outcome.ALREADY_THERE, fetcher.fetch(entry, target));
        }
        assertEquals("{\"layers\":2}", Files.readString(target));
        assertEquals(3, api.requests.stream().filter(r -> r.endsWith("/files/config.json")).count());
    }
}
