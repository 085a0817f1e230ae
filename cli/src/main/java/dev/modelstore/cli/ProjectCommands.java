package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelstore project get|rename|tokens|token-create|token-revoke}: the token's project. */
@Command(name = "project", description = "The project of the token in use.",
        subcommands = {ProjectCommands.Get.class, ProjectCommands.Rename.class, ProjectCommands.Tokens.class,
            ProjectCommands.CreateToken.class, ProjectCommands.RevokeToken.class})
final class ProjectCommands {

    @CommandLine.ParentCommand
    ModelstoreCli root;

    /** What every project command shares. */
    abstract static class Base extends ApiCommand {
        @CommandLine.ParentCommand
        ProjectCommands parent;

        @Override
        ModelstoreApi api() throws Exception {
            return parent.root.api();
        }
    }

    @Command(name = "get", description = "Show the project.")
    static final class Get extends Base {
        @Override
        public Integer call() throws Exception {
            JsonNode project = api().get("/project").get(0);
            print(project, () -> out().printf("%s  %s%n", project.path("project_uuid").asText(),
                    project.path("name").asText()));
            return 0;
        }
    }

    @Command(name = "rename", description = "Rename the project.")
    static final class Rename extends Base {
        @Parameters(index = "0", description = "the new name")
        String name;

        @Override
        public Integer call() throws Exception {
            JsonNode project = api().send("PATCH", "/project/" + projectId(), Map.of("name", name), 200);
            print(project, () -> out().printf("%s  %s%n", project.path("project_uuid").asText(),
                    project.path("name").asText()));
            return 0;
        }
    }

    @Command(name = "tokens", description = "List the project's API tokens (names and last characters only).")
    static final class Tokens extends Base {
        @Override
        public Integer call() throws Exception {
            JsonNode tokens = api().get("/project/" + projectId() + "/tokens");
            print(tokens, () -> {
                out().printf("%-36s  %-8s  %-8s  %s%n", "TOKEN", "ENDS IN", "STATE", "NAME");
                tokens.forEach(t -> out().printf(Locale.ROOT, "%-36s  %-8s  %-8s  %s%n", t.path("token_uuid").asText(),
                        t.path("hint").asText(), t.hasNonNull("revokedAt") ? "revoked" : "active", t.path("name").asText()));
            });
            return 0;
        }
    }

    @Command(name = "token-create", description = "Create an API token; it is shown once.")
    static final class CreateToken extends Base {
        @Parameters(index = "0", description = "what the token is for")
        String name;

        @Override
        public Integer call() throws Exception {
            JsonNode token = api().send("POST", "/project/" + projectId() + "/tokens", Map.of("name", name), 201);
            print(token, () -> out().println(token.path("token").asText()));
            return 0;
        }
    }

    @Command(name = "token-revoke", description = "Revoke an API token at once.")
    static final class RevokeToken extends Base {
        @Parameters(index = "0", description = "the token's id (from tokens)")
        String tokenId;

        @Option(names = "--yes", description = "do not ask for confirmation")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (!confirmed(yes, "revoking token " + tokenId)) {
                return NOT_CONFIRMED;
            }
            JsonNode answer = api().send("DELETE", "/project/" + projectId() + "/tokens/" + tokenId, null, 200, 204);
            print(answer, () -> out().println("revoked token " + tokenId));
            return 0;
        }
    }
}
