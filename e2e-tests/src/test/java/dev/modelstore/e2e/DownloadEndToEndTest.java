package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.apache.commons.compress.archivers.ArchiveEntry;
import org.apache.commons.compress.archivers.tar.TarArchiveInputStream;
import org.apache.commons.compress.archivers.zip.ZipArchiveInputStream;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/**
 * Files and whole models come back out over HTTP: one file with its ETag, {@code If-None-Match},
 * ranges that resume a dropped download, a presigned redirect; the whole model or a folder as a tar
 * or a zip ({@code unzip -t} reads it); and nothing of another project's models, nor any path the
 * model does not have.
 */
class DownloadEndToEndTest extends EndToEndTest {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private static Map<String, byte[]> content;
    private static String modelId;

    @BeforeAll
    static void createModel() throws Exception {
        content = new HashMap<>(Archives.nestedFiles(41));
        content.put("tokenizer/vocab with space.txt", "hello\nworld\n".getBytes());
        modelId = api.createWebModel("download me", files.serve("/download/model.tar.gz", Archives.tarGz(content)));
        assertEquals("ready", api.awaitStatus(modelId, FINAL, WAIT).get("status").asText());
    }

    @Test
    void aFileComesWithItsLengthAndETagAndANotModifiedWhenItIsKnown() throws Exception {
        HttpResponse<byte[]> file = get("/model/" + modelId + "/files/weights/model.bin", Map.of());
        assertEquals(200, file.statusCode());
        assertArrayEquals(content.get("weights/model.bin"), file.body());
        String etag = "\"" + sha256(content.get("weights/model.bin")) + "\"";
        assertEquals(etag, file.headers().firstValue("ETag").orElseThrow());
        assertEquals(String.valueOf(file.body().length), file.headers().firstValue("Content-Length").orElseThrow());
        assertEquals("bytes", file.headers().firstValue("Accept-Ranges").orElseThrow());
        assertEquals(304, get("/model/" + modelId + "/files/weights/model.bin", Map.of("If-None-Match", etag)).statusCode());
        HttpResponse<byte[]> spaced = get("/model/" + modelId + "/files/tokenizer/vocab%20with%20space.txt", Map.of());
        assertEquals(200, spaced.statusCode());
        assertArrayEquals(content.get("tokenizer/vocab with space.txt"), spaced.body());
    }

    @Test
    void aDroppedDownloadResumesWithRangesUntilItIsWhole() throws Exception {
        byte[] whole = content.get("weights/model.bin");
        ByteArrayOutputStream received = new ByteArrayOutputStream();
        // The first attempt drops the connection after 1 MiB; each later one resumes where the last stopped.
        while (received.size() < whole.length) {
            int before = received.size();
            HttpRequest request = request("/model/" + modelId + "/files/weights/model.bin")
                    .header("Range", "bytes=" + before + "-").build();
            // A client of its own per attempt: the last one's connection was dropped mid-body.
            HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
            HttpResponse<InputStream> answer = client.send(request, HttpResponse.BodyHandlers.ofInputStream());
            assertEquals(206, answer.statusCode());
            assertEquals("bytes " + before + "-" + (whole.length - 1) + "/" + whole.length,
                    answer.headers().firstValue("Content-Range").orElseThrow());
            try (InputStream in = answer.body()) {
                byte[] chunk = in.readNBytes(1024 * 1024);
                received.write(chunk);
            }
        }
        assertArrayEquals(whole, received.toByteArray());
        HttpResponse<byte[]> suffix = get("/model/" + modelId + "/files/weights/model.bin", Map.of("Range", "bytes=-5"));
        assertEquals(206, suffix.statusCode());
        assertArrayEquals(java.util.Arrays.copyOfRange(whole, whole.length - 5, whole.length), suffix.body());
        HttpResponse<byte[]> beyond = get("/model/" + modelId + "/files/weights/model.bin",
                Map.of("Range", "bytes=" + whole.length + "-"));
        assertEquals(416, beyond.statusCode());
        assertEquals("bytes */" + whole.length, beyond.headers().firstValue("Content-Range").orElseThrow());
    }

    @Test
    void aPresignedRedirectLeadsToTheSameBytesWithoutTheToken() throws Exception {
        HttpResponse<byte[]> redirect = get("/model/" + modelId + "/files/weights/model.bin?redirect=true", Map.of());
        assertEquals(302, redirect.statusCode());
        URI location = URI.create(redirect.headers().firstValue("Location").orElseThrow());
        HttpResponse<byte[]> direct = HTTP.send(HttpRequest.newBuilder(location).build(), HttpResponse.BodyHandlers.ofByteArray());
        assertEquals(200, direct.statusCode());
        assertArrayEquals(content.get("weights/model.bin"), direct.body());
    }

    @Test
    void manyFilesAtOnceGetPresignedLinksThatReadTheSameBytes() throws Exception {
        java.util.List<String> paths = new java.util.ArrayList<>(content.keySet());
        ModelApiClient.Reply answer = api.post("/model/" + modelId + "/download-links", Map.of("paths", paths));
        assertEquals(200, answer.status(), answer.body().toString());
        java.time.Instant expires = java.time.Instant.parse(answer.body().get("expires_at").asText());
        assertTrue(expires.isAfter(java.time.Instant.now().plusSeconds(60)), expires.toString());
        assertEquals(paths.size(), answer.body().get("links").size());
        for (var link : answer.body().get("links")) {
            String path = link.get("path").asText();
            assertEquals(content.get(path).length, link.get("size").asLong(), path);
            assertEquals(sha256(content.get(path)), link.get("sha256").asText(), path);
            assertTrue(!link.get("url").asText().contains(api.token()), "a link never carries the token");
            HttpResponse<byte[]> direct = HTTP.send(HttpRequest.newBuilder(URI.create(link.get("url").asText())).build(),
                    HttpResponse.BodyHandlers.ofByteArray());
            assertEquals(200, direct.statusCode(), path);
            assertArrayEquals(content.get(path), direct.body(), path);
        }
        // Attacks: a path the model lacks, a path out of the model, another project, too many, twice the same.
        String first = paths.get(0);
        assertEquals(404, api.post("/model/" + modelId + "/download-links", Map.of("paths", java.util.List.of(first,
                "no/such/file"))).status());
        assertEquals(404, api.post("/model/" + modelId + "/download-links", Map.of("paths",
                java.util.List.of("../manifest.json"))).status());
        String other = createProject(Map.of("name", "links outsider")).body().get("token").get("token").asText();
        assertEquals(404, api.as(other).post("/model/" + modelId + "/download-links", Map.of("paths", paths)).status());
        java.util.List<String> tooMany = java.util.Collections.nCopies(1001, first);
        ModelApiClient.Reply refused = api.post("/model/" + modelId + "/download-links", Map.of("paths", tooMany));
        assertEquals(400, refused.status());
        assertTrue(refused.body().toString().contains("at most 1000"), refused.body().toString());
        assertEquals(400, api.post("/model/" + modelId + "/download-links", Map.of("paths", java.util.List.of(first, first)))
                .status());
        assertEquals(400, api.post("/model/" + modelId + "/download-links", Map.of("paths", java.util.List.of())).status());
    }

    @Test
    void theWholeModelStreamsAsATarAndAsAZipThatUnzipAccepts() throws Exception {
        HttpResponse<byte[]> tar = get("/model/" + modelId + "/archive?format=tar", Map.of());
        assertEquals(200, tar.statusCode());
        assertTrue(tar.headers().firstValue("Content-Disposition").orElseThrow().contains("download me.tar"));
        assertSameFiles(content, read(new TarArchiveInputStream(new ByteArrayInputStream(tar.body()))));

        HttpResponse<byte[]> zip = get("/model/" + modelId + "/archive?format=zip", Map.of());
        assertEquals(200, zip.statusCode());
        assertSameFiles(content, read(new ZipArchiveInputStream(new ByteArrayInputStream(zip.body()))));
        Path saved = Files.createTempFile("model", ".zip");
        Files.write(saved, zip.body());
        Process unzip = new ProcessBuilder("unzip", "-t", saved.toString()).redirectErrorStream(true).start();
        String output = new String(unzip.getInputStream().readAllBytes());
        assertTrue(unzip.waitFor(30, TimeUnit.SECONDS));
        assertEquals(0, unzip.exitValue(), output);
        assertTrue(output.contains("No errors detected"), output);
        Files.delete(saved);

        HttpResponse<byte[]> folder = get("/model/" + modelId + "/archive?format=tar&path=weights/", Map.of());
        assertEquals(200, folder.statusCode());
        assertSameFiles(Map.of("model.bin", content.get("weights/model.bin"), "empty.bin", new byte[0]),
                read(new TarArchiveInputStream(new ByteArrayInputStream(folder.body()))));
        assertEquals(404, get("/model/" + modelId + "/archive?path=nowhere/", Map.of()).statusCode());
        assertEquals(400, get("/model/" + modelId + "/archive?format=rar", Map.of()).statusCode());
        assertEquals(400, get("/model/" + modelId + "/archive?path=../", Map.of()).statusCode());
    }

    @Test
    void nothingOutsideTheModelNorOfAnotherProjectCanBeDownloaded() throws Exception {
        assertEquals(404, get("/model/" + modelId + "/files/no/such/file", Map.of()).statusCode());
        assertEquals(404, get("/model/" + modelId + "/files/..%2Fmanifest.json", Map.of()).statusCode());
        assertEquals(404, get("/model/" + modelId + "/files/../manifest.json", Map.of()).statusCode());
        String other = createProject(Map.of("name", "download outsider")).body().get("token").get("token").asText();
        assertEquals(404, get("/model/" + modelId + "/files/weights/model.bin", Map.of(), other).statusCode());
        assertEquals(404, get("/model/" + modelId + "/archive", Map.of(), other).statusCode());
        assertEquals(401, HTTP.send(HttpRequest.newBuilder(URI.create(base() + "/model/" + modelId + "/archive")).build(),
                HttpResponse.BodyHandlers.ofByteArray()).statusCode());
    }

    @Test
    void oneProjectsArchivesCannotTakeEveryOtherProjectsTurn() throws Exception {
        byte[] big = new byte[48 * 1024 * 1024];
        new java.util.Random(13).nextBytes(big);
        String heavy = api.createWebModel("many archives", files.serve("/download/heavy.tar.gz",
                Archives.tarGz(Map.of("big.bin", big))));
        assertEquals("ready", api.awaitStatus(heavy, FINAL, WAIT).get("status").asText());
        // HEADs answer from the manifest and hold nothing: neither an archive turn nor a store connection.
        for (int i = 0; i < 80; i++) {
            HttpRequest head = request("/model/" + heavy + (i % 2 == 0 ? "/archive" : "/files/big.bin"))
                    .method("HEAD", HttpRequest.BodyPublishers.noBody()).build();
            HttpResponse<Void> answer = HTTP.send(head, HttpResponse.BodyHandlers.discarding());
            assertEquals(200, answer.statusCode());
            if (i % 2 == 1) {
                assertEquals(String.valueOf(big.length), answer.headers().firstValue("Content-Length").orElseThrow());
            }
        }
        // Two archives the client does not read (a project's most): the server is held at its socket's buffers.
        java.util.List<HttpResponse<InputStream>> held = new java.util.ArrayList<>();
        HttpClient client = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
        try {
            for (int i = 0; i < 2; i++) {
                HttpResponse<InputStream> answer = client.send(request("/model/" + heavy + "/archive").build(),
                        HttpResponse.BodyHandlers.ofInputStream());
                assertEquals(200, answer.statusCode());
                held.add(answer);
            }
            HttpResponse<byte[]> refused = get("/model/" + heavy + "/archive", Map.of());
            assertEquals(429, refused.statusCode(), new String(refused.body()));
            assertTrue(new String(refused.body()).contains("at once"), new String(refused.body()));

            ModelApiClient other = api.as(createProject(Map.of("name", "archive neighbour")).body().get("token").get("token")
                    .asText());
            String theirs = other.createWebModel("neighbour's", files.serve("/download/neighbour.tar.gz",
                    Archives.tarGz(content)));
            assertEquals("ready", other.awaitStatus(theirs, FINAL, WAIT).get("status").asText());
            HttpResponse<byte[]> served = get("/model/" + theirs + "/archive", Map.of(), other.token());
            assertEquals(200, served.statusCode());
            assertSameFiles(content, read(new TarArchiveInputStream(new ByteArrayInputStream(served.body()))));
        } finally {
            for (HttpResponse<InputStream> answer : held) {
                answer.body().close();
            }
        }
        // Once the held streams end, the project streams again.
        awaitTrue(() -> {
            try {
                return get("/model/" + heavy + "/archive?path=nowhere/", Map.of()).statusCode() == 404
                        && get("/model/" + heavy + "/archive", Map.of()).statusCode() == 200;
            } catch (Exception e) {
                return false;
            }
        }, "the project's archive turns come back");
    }

    private static Map<String, byte[]> read(org.apache.commons.compress.archivers.ArchiveInputStream<?> archive)
            throws IOException {
        Map<String, byte[]> found = new HashMap<>();
        try (archive) {
            ArchiveEntry entry;
            while ((entry = archive.getNextEntry()) != null) {
                if (!entry.isDirectory()) {
                    found.put(entry.getName(), archive.readAllBytes());
                }
            }
        }
        return found;
    }

    private static String base() {
        return "http://127.0.0.1:" + StackExtension.stack().settings().apiPort();
    }

    private static HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", api.token());
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers) throws Exception {
        return get(path, headers, api.token());
    }

    private static HttpResponse<byte[]> get(String path, Map<String, String> headers, String token) throws Exception {
        HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base() + path)).timeout(Duration.ofSeconds(60))
                .header("Authorization", token);
        headers.forEach(request::header);
        return HTTP.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
    }
}
