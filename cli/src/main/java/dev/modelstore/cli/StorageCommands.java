package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import picocli.CommandLine;
import picocli.CommandLine.Command;

/** {@code modelstore storage usage}: what the project stores and what it is billed for. */
@Command(name = "storage", description = "Storage use and billing.", subcommands = StorageCommands.Usage.class)
final class StorageCommands {

    @CommandLine.ParentCommand
    ModelstoreCli root;

    @Command(name = "usage", description = "Show the project's stored bytes, allowance and billable bytes.")
    static final class Usage extends ApiCommand {
        @CommandLine.ParentCommand
        StorageCommands parent;

        @Override
        ModelstoreApi api() throws Exception {
            return parent.root.api();
        }

        @Override
        public Integer call() throws Exception {
            JsonNode usage = api().get("/project/" + projectId() + "/storage");
            print(usage, () -> usage.fields().forEachRemaining(field -> {
                if (field.getValue().isValueNode()) {
                    out().printf("%-22s %s%n", field.getKey(), field.getValue().asText());
                }
            }));
            return 0;
        }
    }
}
