package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.PrintWriter;
import java.util.Locale;
import java.util.Set;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelstore model list|get|details|rename|remove|wait}: tables for people, {@code --json} for scripts. */
final class ModelQueries {

    private static final ObjectMapper JSON = new ObjectMapper();

    private ModelQueries() {
    }

    /** What every model command shares: the API and the output format. */
    abstract static class Base implements Callable<Integer> {
        @CommandLine.ParentCommand
        ModelstoreCli.ModelCommands parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Option(names = "--json", description = "print JSON (for scripts)")
        boolean json;

        PrintWriter out() {
            return spec.commandLine().getOut();
        }

        void print(JsonNode node, Runnable table) throws Exception {
            if (json) {
                out().println(JSON.writerWithDefaultPrettyPrinter().writeValueAsString(node));
            } else {
                table.run();
            }
            out().flush();
        }

        void row(JsonNode model) {
            out().printf(Locale.ROOT, "%-36s  %-12s  %12s  %-8s  %s%n", model.path("model_uuid").asText(),
                    model.path("status").asText(), model.hasNonNull("size") ? Long.toString(model.get("size").asLong()) : "-",
                    model.path("source_type").asText(), model.path("name").asText());
        }
    }

    @Command(name = "list", description = "List the project's models.")
    static final class ListModels extends Base {
        @Override
        public Integer call() throws Exception {
            JsonNode models = parent.root.api().models();
            print(models, () -> {
                out().printf("%-36s  %-12s  %12s  %-8s  %s%n", "MODEL", "STATUS", "SIZE", "SOURCE", "NAME");
                models.forEach(this::row);
            });
            return 0;
        }
    }

    @Command(name = "get", description = "Show one model.")
    static final class Get extends Base {
        @Parameters(index = "0", description = "the model's id")
        String id;

        @Override
        public Integer call() throws Exception {
            JsonNode model = parent.root.api().model(id);
            print(model, () -> row(model));
            return 0;
        }
    }

    @Command(name = "details", description = "List a ready model's files.")
    static final class Details extends Base {
        @Parameters(index = "0", description = "the model's id")
        String id;

        @Override
        public Integer call() throws Exception {
            JsonNode tree = parent.root.api().details(id);
            print(tree, () -> walk(tree, ""));
            return 0;
        }

        private void walk(JsonNode node, String path) {
            for (JsonNode child : node.path("contents")) {
                String childPath = path + child.path("name").asText();
                if (child.path("type").asText().equals("directory")) {
                    walk(child, childPath + "/");
                } else {
                    out().printf("%12d  %s%n", child.path("size").asLong(), childPath);
                }
            }
        }
    }

    @Command(name = "rename", description = "Rename a model (its files never change).")
    static final class Rename extends Base {
        @Parameters(index = "0", description = "the model's id")
        String id;

        @Parameters(index = "1", description = "the new name")
        String name;

        @Override
        public Integer call() throws Exception {
            JsonNode model = parent.root.api().rename(id, name);
            print(model, () -> row(model));
            return 0;
        }
    }

    @Command(name = "remove", description = "Delete a model for good.")
    static final class Remove extends Base {
        @Parameters(index = "0", description = "the model's id")
        String id;

        @Option(names = "--yes", description = "do not ask for confirmation")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (!yes) {
                spec.commandLine().getErr().println("removing is permanent; run again with --yes to remove model " + id);
                return 3;
            }
            JsonNode answer = parent.root.api().remove(id);
            print(answer, () -> out().println("removed model " + id));
            return 0;
        }
    }

    @Command(name = "wait", description = "Wait until a model is ready (exit 0) or failed (exit 1).")
    static final class Wait extends Base {
        @Parameters(index = "0", description = "the model's id")
        String id;

        @Option(names = "--timeout", defaultValue = "3600", description = "seconds to wait at most (exit 4 when they pass)")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode model = parent.root.api().model(id);
                String status = model.path("status").asText();
                if (Set.of("ready", "failed").contains(status)) {
                    print(model, () -> {
                        row(model);
                        if (model.hasNonNull("failure_reason")) {
                            out().println("reason: " + model.get("failure_reason").asText());
                        }
                    });
                    return status.equals("ready") ? 0 : 1;
                }
                if (!json && model.has("progress")) {
                    spec.commandLine().getErr().printf("\r%s: %.1f MB", status, model.path("progress").path("bytes").asLong() / 1e6);
                }
                Thread.sleep(1000);
            }
            return 4;
        }
    }
}
