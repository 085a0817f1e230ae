package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.Console;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Option;

/**
 * What every command that calls the API shares: its output streams, {@code --json} for scripts
 * (tables otherwise), and confirmation of what cannot be undone.
 */
abstract class ApiCommand implements Callable<Integer> {

    static final ObjectMapper JSON = new ObjectMapper();

    /** Exit code when a permanent change was not confirmed. */
    static final int NOT_CONFIRMED = 3;

    @CommandLine.Spec
    CommandLine.Model.CommandSpec spec;

    @Option(names = "--json", description = "print JSON (for scripts)")
    boolean json;

    /** The API, configured by the root command's options, the environment or the config file. */
    abstract ModelstoreApi api() throws Exception;

    /** The project of the token in use. */
    String projectId() throws Exception {
        return api().get("/project").get(0).get("project_uuid").asText();
    }

    PrintWriter out() {
        return spec.commandLine().getOut();
    }

    PrintWriter err() {
        return spec.commandLine().getErr();
    }

    /** Prints the node as JSON with {@code --json}, else what {@code table} prints. */
    void print(JsonNode node, Runnable table) throws Exception {
        if (json) {
            out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
        } else {
            table.run();
        }
        out().flush();
    }

    /**
     * Whether a permanent change may go ahead: {@code --yes} given, or confirmed at the terminal.
     * Without a terminal (a script), only {@code --yes} confirms.
     */
    boolean confirmed(boolean yes, String what) {
        if (yes) {
            return true;
        }
        Console console = System.console();
        if (console != null) {
            String answer = console.readLine("%s is permanent. Type yes to go ahead: ", what);
            if (answer != null && answer.trim().equalsIgnoreCase("yes")) {
                return true;
            }
        }
        err().println(what + " is permanent; run again with --yes to confirm");
        return false;
    }
}
