package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.testservers.GitHttpServer;
import dev.modelstore.testservers.GitSshServer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

/** Git models through the API: git's own smart-HTTP server and an ssh server on loopback, at the default branch, a tag and a commit. */
class GitModelEndToEndTest extends EndToEndTest {

    private static GitHttpServer git;
    private static GitSshServer ssh;
    private static Map<String, byte[]> nested;
    private static String firstCommit;

    @BeforeAll
    static void startGitServer() throws Exception {
        Path root = Files.createTempDirectory("e2e-git-root");
        Path work = Files.createTempDirectory("e2e-git-work");
        nested = Archives.nestedFiles(80);
        run(work, "init", "-q", "-b", "main");
        Files.writeString(work.resolve("README.md"), "v1");
        run(work, "add", "-A");
        run(work, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "v1");
        run(work, "tag", "v1");
        firstCommit = output(work, "rev-parse", "HEAD").trim();
        Files.delete(work.resolve("README.md"));
        for (Map.Entry<String, byte[]> file : nested.entrySet()) {
            Path path = work.resolve(file.getKey());
            Files.createDirectories(path.getParent());
            Files.write(path, file.getValue());
        }
        run(work, "add", "-A");
        run(work, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "v2");
        run(root, "clone", "-q", "--bare", work.toString(), root.resolve("bert.git").toString());
        git = new GitHttpServer(root);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        ssh = new GitSshServer(root, Files.createTempDirectory("e2e-ssh-host").resolve("host.ser"), key.getPublic());
        String pem = "-----BEGIN PRIVATE KEY-----\n" + Base64.getMimeEncoder(64, "\n".getBytes())
                .encodeToString(key.getPrivate().getEncoded()) + "\n-----END PRIVATE KEY-----\n";
        assertEquals(200, api.put("/project/" + StackExtension.stack().access().projectId() + "/credentials/git",
                Map.of("key_id", "git", "secret", pem)).status());
    }

    @AfterAll
    static void stopGitServer() throws Exception {
        git.close();
        ssh.close();
    }

    @Test
    void overSshATagAndACommitWithTheProjectsKey() throws Exception {
        String tag = create(ssh.url("bert.git"), Map.of("ref", "v1"));
        String commit = create(ssh.url("bert.git"), Map.of("ref", firstCommit));
        String httpCommit = create(git.url("bert.git"), Map.of("ref", firstCommit));
        for (String id : new String[] {tag, commit, httpCommit}) {
            assertEquals("ready", api.awaitStatus(id, FINAL, WAIT).get("status").asText());
            assertSameFiles(Map.of("README.md", "v1".getBytes(StandardCharsets.UTF_8)), storedFiles(id));
        }
    }

    @Test
    void theDefaultBranchAndATagBecomeModels() throws Exception {
        String head = create(Map.of());
        String tag = create(Map.of("ref", "v1"));
        assertEquals("ready", api.awaitStatus(head, FINAL, WAIT).get("status").asText());
        assertSameFiles(nested, storedFiles(head));
        assertEquals("ready", api.awaitStatus(tag, FINAL, WAIT).get("status").asText());
        assertSameFiles(Map.of("README.md", "v1".getBytes(StandardCharsets.UTF_8)), storedFiles(tag));
    }

    @Test
    void aRefThatDoesNotExistFailsWithAReason() {
        String id = create(Map.of("ref", "no-such-tag"));
        JsonNode model = api.awaitStatus(id, FINAL, WAIT);
        assertEquals("failed", model.get("status").asText());
        assertTrue(model.get("failure_reason").asText().contains("not a branch, tag or commit"), model.toString());
    }

    private static String create(Map<String, String> options) {
        return create(git.url("bert.git"), options);
    }

    private static String create(String uri, Map<String, String> options) {
        ModelApiClient.Reply reply = api.post("/model", Map.of("name", "git model", "source_type", "git",
                "source_uri", uri, "source_options", options));
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        return reply.body().get("model_uuid").asText();
    }

    private static String output(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        process.waitFor(60, TimeUnit.SECONDS);
        return out;
    }

    private static void run(Path dir, String... args) throws Exception {
        List<String> command = new ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
    }
}
