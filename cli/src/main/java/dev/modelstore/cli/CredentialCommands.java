package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelstore credential put|list|remove}: third-party keys of the project (secrets are never shown). */
@Command(name = "credential", description = "Third-party keys the project's sources use.",
        subcommands = {CredentialCommands.Put.class, CredentialCommands.ListCredentials.class,
            CredentialCommands.Remove.class})
final class CredentialCommands {

    @CommandLine.ParentCommand
    ModelstoreCli root;

    /** What every credential command shares. */
    abstract static class Base extends ApiCommand {
        @CommandLine.ParentCommand
        CredentialCommands parent;

        @Override
        ModelstoreApi api() throws Exception {
            return parent.root.api();
        }

        String path() throws Exception {
            return "/project/" + projectId() + "/credentials";
        }

        void row(JsonNode credential) {
            out().printf(Locale.ROOT, "%-8s  %s%n", credential.path("type").asText(), credential.path("key_id").asText());
        }
    }

    @Command(name = "put", description = "Store (or replace) the project's credential of a type.")
    static final class Put extends Base {
        @Parameters(index = "0", description = "aws, azure, gcp, kaggle, wasabi or git")
        String type;

        @Option(names = "--key-id", required = true, description = "the key id, account or user name")
        String keyId;

        @Option(names = "--secret", required = true, interactive = true, arity = "0..1",
                description = "the secret (asked for when no value is given)")
        String secret;

        @Option(names = "--tenant", description = "Azure: the tenant")
        String tenant;

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("key_id", keyId);
            body.put("secret", secret);
            if (tenant != null) {
                body.put("tenant", tenant);
            }
            JsonNode credential = api().send("PUT", path() + "/" + type, body, 200, 201);
            print(credential, () -> row(credential));
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's credentials (never their secrets).")
    static final class ListCredentials extends Base {
        @Override
        public Integer call() throws Exception {
            JsonNode credentials = api().get(path());
            print(credentials, () -> {
                out().printf("%-8s  %s%n", "TYPE", "KEY ID");
                credentials.forEach(this::row);
            });
            return 0;
        }
    }

    @Command(name = "remove", description = "Remove the project's credential of a type.")
    static final class Remove extends Base {
        @Parameters(index = "0", description = "the credential's type")
        String type;

        @Option(names = "--yes", description = "do not ask for confirmation")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (!confirmed(yes, "removing the " + type + " credential")) {
                return NOT_CONFIRMED;
            }
            JsonNode answer = api().send("DELETE", path() + "/" + type, null, 200, 204);
            print(answer, () -> out().println("removed the " + type + " credential"));
            return 0;
        }
    }
}
