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
