package dev.modelstore.cli;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;

/** Help and version work as picocli users expect, on every command. */
class HelpAndVersionTest {

    private String out;

    private int run(String... args) {
        StringWriter output = new StringWriter();
        StringWriter errors = new StringWriter();
        int exit = ModelstoreCli.run(new PrintWriter(output, true), new PrintWriter(errors, true), args);
        out = output + errors.toString();
        return exit;
    }

    @Test
    void everyCommandTakesHelpAndTheHelpCommandNamesOne() {
        assertEquals(0, run("model", "--help"), out);
        assertTrue(out.contains("Usage: modelstore model"), out);
        assertEquals(0, run("model", "create", "-h"), out);
        assertTrue(out.contains("--source=<source>"), out);
        assertEquals(0, run("job", "--help"), out);
        assertEquals(0, run("help", "model"), out);
        assertTrue(out.contains("Usage: modelstore model"), out);
        assertEquals(0, run("model", "download", "--help"), out);
        assertTrue(out.contains("--parallel"), out);
    }

    @Test
    void versionIsPrinted() {
        assertEquals(0, run("-V"), out);
        assertTrue(out.startsWith("modelstore "), out);
    }
}
