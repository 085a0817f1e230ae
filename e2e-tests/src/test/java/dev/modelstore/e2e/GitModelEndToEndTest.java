package dev.modelstore.e2e;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.testservers.GitHttpServer;
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

/** Git models through the API, from git's own smart-HTTP server on loopback: the default branch and a tag. */
class GitModelEndToEndTest extends EndToEndTest {

    private static GitHttpServer git;
    private static Map<String, byte[]> nested;

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
    }

    @AfterAll
    static void stopGitServer() {
        git.close();
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
        ModelApiClient.Reply reply = api.post("/model", Map.of("name", "git model", "source_type", "git",
                "source_uri", git.url("bert.git"), "source_options", options));
        assertEquals(201, reply.status(), String.valueOf(reply.body()));
        return reply.body().get("model_uuid").asText();
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
