package dev.modelstore.events;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/**
 * {@code docs/asyncapi.yaml} parses with the official AsyncAPI parser ({@code @asyncapi/parser},
 * installed by {@code .ci/run} into {@code tools/asyncapi-check/}), so tools that read the document
 * can use it; in CI the parser must be there.
 */
class AsyncApiDocumentTest {

    private static final Path TOOL = Path.of("../tools/asyncapi-check");

    @Test
    void theOfficialParserReadsTheDocumentWithoutErrors() throws Exception {
        boolean installed = Files.isDirectory(TOOL.resolve("node_modules/@asyncapi/parser"));
        if (System.getenv("CI") != null) {
            assertTrue(installed, "CI must install the AsyncAPI parser (see .ci/run: npm ci in tools/asyncapi-check)");
        }
        assumeTrue(installed, "the AsyncAPI parser is not installed: (cd tools/asyncapi-check && npm ci)");
        Process node = new ProcessBuilder("node", TOOL.resolve("check.mjs").toString(), "../docs/asyncapi.yaml")
                .redirectErrorStream(true).start();
        String output = new String(node.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        assertTrue(node.waitFor(60, TimeUnit.SECONDS), "the parser did not finish: " + output);
        assertEquals(0, node.exitValue(), output);
        assertTrue(output.contains("parses (" + Topics.ALL.size() + " channels"), output);
    }
}
