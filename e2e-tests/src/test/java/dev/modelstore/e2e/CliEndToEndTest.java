package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.cli.ModelstoreCli;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** The modelstore command against the running services: tables, --json, and exit codes scripts can trust. */
class CliEndToEndTest extends EndToEndTest {

    private record Run(int exit, String out, String err) {
    }

    @Test
    void modelCommandsListGetDetailsRenameWaitAndRemove() throws Exception {
        String id = api.createWebModel("cli listed", files.serve("/cli/m.tar.gz", Archives.tarGz(Archives.nestedFiles(77))));
        Run waited = cli("model", "wait", id, "--json");
        assertEquals(0, waited.exit(), waited.err());
        assertEquals("ready", new ObjectMapper().readTree(waited.out()).get("status").asText());

        Run listed = cli("model", "list");
        assertEquals(0, listed.exit());
        assertTrue(listed.out().contains(id) && listed.out().contains("STATUS"), listed.out());
        assertTrue(cli("model", "details", id).out().contains("weights/model.bin"));
        assertTrue(cli("model", "rename", id, "cli renamed").out().contains("cli renamed"));
        assertEquals("cli renamed", new ObjectMapper().readTree(cli("model", "get", id, "--json").out()).get("name").asText());

        assertEquals(3, cli("model", "remove", id).exit(), "remove asks for --yes");
        assertEquals(0, cli("model", "remove", id, "--yes").exit());
        Run gone = cli("model", "get", id);
        assertEquals(1, gone.exit());
        assertTrue(gone.err().contains("404"), gone.err());
        assertEquals(2, cli("model", "rename").exit(), "usage errors exit 2");
    }

    @Test
    void modelConnectUploadsAWaitingLocalModelAndAWaitThatRunsOutExits4() throws Exception {
        java.nio.file.Path folder = java.nio.file.Files.createTempDirectory("cli-connect");
        java.nio.file.Files.writeString(folder.resolve("weights.txt"), "connected later");
        ModelApiClient.Reply created = api.post("/model", java.util.Map.of("name", "connect me", "source_type", "local",
                "source_uri", folder.toString()));
        assertEquals(201, created.status(), String.valueOf(created.body()));
        String id = created.body().get("model_uuid").asText();
        Run connected = cli("model", "connect", id);
        assertEquals(0, connected.exit(), connected.out() + connected.err());
        assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
        assertSameFiles(java.util.Map.of("weights.txt", "connected later".getBytes()), storedFiles(id));
        assertEquals(1, cli("model", "connect", id).exit(), "a ready model cannot be connected again");

        String slow = api.createWebModel("slow for the cli", files.serveSlowly("/cli/slow.bin", new byte[2_000_000], 100_000));
        Run timedOut = cli("model", "wait", slow, "--timeout", "1");
        assertEquals(4, timedOut.exit(), timedOut.out() + timedOut.err());
        api.delete("/model/" + slow + "?force=true");
    }

    @Test
    void jobCommandsCreateWaitLogsListAndRemove() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run created = cli("model", "create", "--source", "web", "--name", "cli job base", "--wait", "--json",
                files.serve("/cli/job-base.tar.gz", Archives.tarGz(Archives.nestedFiles(78))));
        assertEquals(0, created.exit(), created.err());
        String model = json.readTree(created.out().substring(created.out().indexOf('{'))).get("model_uuid").asText();

        Run job = cli("job", "create", "--name", "cli job", "--model", model, "--output-model", "--env", "GREETING=hello",
                "--worker", "echo \"$GREETING from the cli\" > \"$TRAINML_MODEL_PATH/hi.txt\" && cat \"$TRAINML_MODEL_PATH/hi.txt\"",
                "--json");
        assertEquals(0, job.exit(), job.err());
        String jobId = json.readTree(job.out()).get("job_uuid").asText();
        Run waited = cli("job", "wait", jobId, "--json");
        assertEquals(0, waited.exit(), waited.out() + waited.err());
        String output = json.readTree(waited.out()).get("workers").get(0).get("output_uuid").asText();
        assertEquals("hello from the cli\n", new String(storedFiles(output).get("hi.txt")));
        assertTrue(cli("job", "logs", jobId).out().contains("hello from the cli"));
        Run listed = cli("job", "list");
        assertTrue(listed.out().contains(jobId) && listed.out().contains("finished"), listed.out());

        Run failing = cli("job", "create", "--name", "cli fails", "--worker", "exit 2", "--json");
        String failingId = json.readTree(failing.out()).get("job_uuid").asText();
        assertEquals(1, cli("job", "wait", failingId).exit(), "a failed job exits 1");

        assertEquals(3, cli("job", "remove", jobId).exit(), "remove asks for --yes");
        assertEquals(0, cli("job", "remove", jobId, "--yes").exit());
        assertEquals(1, cli("job", "get", jobId).exit());
    }

    @Test
    void projectCredentialAndStorageCommands() throws Exception {
        ObjectMapper json = new ObjectMapper();
        Run project = cli("project", "get", "--json");
        assertEquals(0, project.exit(), project.err());
        String projectId = json.readTree(project.out()).get("project_uuid").asText();
        assertEquals(StackExtension.stack().access().projectId(), projectId);

        Run token = cli("project", "token-create", "cli scripts", "--json");
        assertEquals(0, token.exit(), token.err());
        String tokenId = json.readTree(token.out()).get("token_uuid").asText();
        assertTrue(cli("project", "tokens").out().contains("cli scripts"));
        assertEquals(0, cli("project", "token-revoke", tokenId, "--yes").exit());
        for (var listed : json.readTree(cli("project", "tokens", "--json").out())) {
            if (listed.get("token_uuid").asText().equals(tokenId)) {
                assertTrue(listed.hasNonNull("revokedAt"), listed.toString());
            }
        }

        Run put = cli("credential", "put", "aws", "--key-id", "AKIACLITEST", "--secret", "cli-secret-value");
        assertEquals(0, put.exit(), put.err());
        Run credentials = cli("credential", "list");
        assertTrue(credentials.out().contains("AKIACLITEST"), credentials.out());
        assertTrue(!credentials.out().contains("cli-secret-value") && !cli("credential", "list", "--json").out()
                .contains("cli-secret-value"), "secrets are never shown");
        assertEquals(0, cli("credential", "remove", "aws", "--yes").exit());
        assertTrue(!cli("credential", "list").out().contains("AKIACLITEST"));

        Run usage = cli("storage", "usage", "--json");
        assertEquals(0, usage.exit(), usage.err());
        assertTrue(json.readTree(usage.out()).has("used_size"), usage.out());
    }

    @Test
    void aModelDownloadsResumesAndVerifiesAndAnExportComesHomeThroughConnect() throws Exception {
        java.util.Map<String, byte[]> content = Archives.nestedFiles(78);
        String id = api.createWebModel("cli download", files.serve("/cli/download.tar.gz", Archives.tarGz(content)));
        assertEquals(0, cli("model", "wait", id).exit());
        java.nio.file.Path dir = java.nio.file.Files.createTempDirectory("cli-download");
        Run downloaded = cli("model", "download", id, dir.toString(), "--quiet");
        assertEquals(0, downloaded.exit(), downloaded.err());
        assertSameFiles(content, read(dir));
        assertEquals(0, cli("model", "verify", id, dir.toString()).exit());

        // A changed file, an extra one and a half-downloaded one: verify says so; download mends it, resuming the part.
        java.nio.file.Files.writeString(dir.resolve("config.json"), "{\"layers\": 13}");
        java.nio.file.Files.writeString(dir.resolve("stray.txt"), "mine");
        byte[] weights = content.get("weights/model.bin");
        java.nio.file.Files.delete(dir.resolve("weights/model.bin"));
        java.nio.file.Files.write(dir.resolve("weights/model.bin.part"), java.util.Arrays.copyOf(weights, weights.length / 2));
        Run verified = cli("model", "verify", id, dir.toString(), "--json");
        assertEquals(1, verified.exit(), verified.out());
        assertTrue(verified.out().contains("config.json") && verified.out().contains("stray.txt")
                && verified.out().contains("weights/model.bin"), verified.out());
        assertEquals(0, cli("model", "download", id, dir.toString(), "--quiet").exit());
        java.nio.file.Files.delete(dir.resolve("stray.txt"));
        assertEquals(0, cli("model", "verify", id, dir.toString()).exit());
        assertSameFiles(content, read(dir));

        // --include picks files by glob.
        java.nio.file.Path some = java.nio.file.Files.createTempDirectory("cli-some");
        assertEquals(0, cli("model", "download", id, some.toString(), "--include", "**.bin", "--quiet").exit());
        assertEquals(java.util.Set.of("weights/model.bin", "weights/empty.bin"), read(some).keySet());

        // A local export received by connect, through trainML's download protocol.
        java.nio.file.Path home = java.nio.file.Files.createTempDirectory("cli-export");
        Run exported = cli("model", "export", id, "--type", "local", "--uri", home.resolve("bert").toString());
        assertEquals(0, exported.exit(), exported.err() + exported.out());
        assertSameFiles(content, read(home.resolve("bert")));
        api.awaitStatus(id, java.util.Set.of("ready"), WAIT);
        assertEquals("completed", api.get("/model/" + id + "/exports").body().get(0).get("status").asText());
    }

    private static java.util.Map<String, byte[]> read(java.nio.file.Path dir) throws java.io.IOException {
        java.util.Map<String, byte[]> found = new java.util.HashMap<>();
        try (var paths = java.nio.file.Files.walk(dir)) {
            for (java.nio.file.Path path : paths.filter(java.nio.file.Files::isRegularFile).toList()) {
                found.put(dir.relativize(path).toString(), java.nio.file.Files.readAllBytes(path));
            }
        }
        return found;
    }

    private static Run cli(String... args) {
        StringWriter out = new StringWriter();
        StringWriter err = new StringWriter();
        String[] all = new String[args.length + 4];
        System.arraycopy(args, 0, all, 0, args.length);
        all[args.length] = "--api-url";
        all[args.length + 1] = StackExtension.stack().settings().apiUrl();
        all[args.length + 2] = "--token";
        all[args.length + 3] = StackExtension.stack().access().token();
        int exit = ModelstoreCli.run(new PrintWriter(out, true), new PrintWriter(err, true), all);
        return new Run(exit, out.toString(), err.toString());
    }
}
