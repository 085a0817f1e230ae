package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelstore model list|get|details|rename|remove|wait}: tables for people, {@code --json} for scripts. */
final class ModelQueries {

    private ModelQueries() {
    }

    /** What every model command shares: the API and the output format. */
    abstract static class Base extends ApiCommand {
        @CommandLine.ParentCommand
        ModelstoreCli.ModelCommands parent;

        @Override
        ModelstoreApi api() throws Exception {
            return parent.root.api();
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
            if (!confirmed(yes, "removing model " + id)) {
                return NOT_CONFIRMED;
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
            return await(this, api(), id, timeoutSeconds);
        }

        /** Polls the model until it is ready (0) or failed (1), showing progress; 4 when the time runs out. */
        static int await(Base command, ModelstoreApi api, String id, long timeoutSeconds) throws Exception {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode model = api.model(id);
                String status = model.path("status").asText();
                if (Set.of("ready", "failed").contains(status)) {
                    if (!command.json) {
                        command.err().print("\r");
                    }
                    command.print(model, () -> {
                        command.row(model);
                        if (model.hasNonNull("failure_reason")) {
                            command.out().println("reason: " + model.get("failure_reason").asText());
                        }
                    });
                    return status.equals("ready") ? 0 : 1;
                }
                if (!command.json && model.has("progress")) {
                    command.err().printf("\r%s: %.1f MB, %d files", status,
                            model.path("progress").path("bytes").asLong() / 1e6, model.path("progress").path("files").asLong());
                    command.err().flush();
                }
                Thread.sleep(1000);
            }
            return 4;
        }
    }
}
