package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.concurrent.Callable;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** The {@code modelstore} command. */
@Command(name = "modelstore", mixinStandardHelpOptions = true, scope = CommandLine.ScopeType.INHERIT,
        versionProvider = ModelstoreCli.Version.class, subcommands = {ModelstoreCli.ModelCommands.class,
    JobCommands.class, ProjectCommands.class, CredentialCommands.class, StorageCommands.class,
    CommandLine.HelpCommand.class},
        description = "Modelstore's command-line client.")
public final class ModelstoreCli {

    /** {@code -V}: the version the jar was built as (from Maven's pom.properties inside it). */
    static final class Version implements CommandLine.IVersionProvider {
        @Override
        public String[] getVersion() throws java.io.IOException {
            java.util.Properties pom = new java.util.Properties();
            try (java.io.InputStream in = ModelstoreCli.class.getResourceAsStream(
                    "/META-INF/maven/dev.modelstore/cli/pom.properties")) {
                if (in != null) {
                    pom.load(in);
                }
            }
            return new String[] {"modelstore " + pom.getProperty("version", "(a development build)"),
                "Java " + System.getProperty("java.version")};
        }
    }

    @Option(names = "--api-url", description = "API base URL (or MODELSTORE_API_URL)", scope = CommandLine.ScopeType.INHERIT)
    String apiUrl;

    @Option(names = "--token", description = "API token (or MODELSTORE_TOKEN)", scope = CommandLine.ScopeType.INHERIT)
    String token;

    public static void main(String[] args) {
        System.exit(run(args));
    }

    /** Runs the command; answers its exit code (0 success, 1 failure, 2 usage, 3 not confirmed, 4 timed out). */
    public static int run(String... args) {
        return run(new java.io.PrintWriter(System.out, true), new java.io.PrintWriter(System.err, true), args);
    }

    /** Runs the command with its output and errors going to the writers given. */
    public static int run(java.io.PrintWriter out, java.io.PrintWriter err, String... args) {
        return new CommandLine(new ModelstoreCli())
                .setOut(out)
                .setErr(err)
                .setExecutionExceptionHandler((e, cmd, parsed) -> {
                    cmd.getErr().println("error: " + e.getMessage());
                    return 1;
                })
                .execute(args);
    }

    private ModelstoreApi api;

    /** The API client of this run, configured once from the options, the environment or the config file. */
    ModelstoreApi api() throws java.io.IOException {
        if (api == null) {
            api = ModelstoreApi.configured(apiUrl, token, System.getenv());
        }
        return api;
    }

    /** {@code modelstore model …}. */
    @Command(name = "model", description = "Models.", subcommands = {Connect.class, Create.class,
        ModelQueries.ListModels.class, ModelQueries.Get.class,
        ModelQueries.Details.class, ModelQueries.Rename.class,
        ModelQueries.Remove.class, ModelQueries.Wait.class, ModelDownload.class, ModelVerify.class,
        ExportCommands.Export.class})
    static final class ModelCommands {
        @CommandLine.ParentCommand
        ModelstoreCli root;
    }

    /**
     * {@code modelstore model connect <id> [DIR]}: uploads a local model from this computer, or
     * receives a model exporting to this computer (into its output folder, or DIR).
     */
    @Command(name = "connect", description = "Upload a local model's folder from this computer, or receive a model "
            + "exporting to this computer.")
    static final class Connect implements Callable<Integer> {
        @CommandLine.ParentCommand
        ModelCommands parent;

        @CommandLine.Spec
        CommandLine.Model.CommandSpec spec;

        @Parameters(index = "0", description = "the model's id")
        String modelId;

        @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
                description = "for an export to this computer: the folder to save it in instead of the export's output_uri")
        Path dir;

        @Override
        public Integer call() throws Exception {
            ModelstoreApi api = parent.root.api();
            JsonNode model = api.model(modelId);
            if ("exporting".equals(model.path("status").asText())) {
                if (!model.hasNonNull("auth_token") || !model.hasNonNull("hostname")) {
                    throw new IllegalArgumentException("model " + modelId + " is exporting, but not to this computer");
                }
                Path folder = dir != null ? dir : LocalPaths.resolve(model.path("output_uri").asText(""), System.getenv(),
                        System.getProperty("user.home"));
                LocalExportReceiver.Received received = receiveExport(model, folder);
                System.out.println("model " + modelId + " " + describe(received, folder));
                return 0;
            }
            if (dir != null) {
                throw new CommandLine.ParameterException(spec.commandLine(), "DIR is only for a model exporting to "
                        + "this computer; model " + modelId + " is " + model.path("status").asText());
            }
            return connect(api, modelId);
        }
    }

    /** {@code modelstore model create --source <type> <uri>}: creates a model; a local one is uploaded at once. */
    @Command(name = "create", description = "Create a model; with --source local, upload the folder at once.")
    static final class Create extends ModelQueries.Base {
        @Option(names = "--source", required = true, description = "source type: local, web, aws, azure, gcp, git, kaggle, "
                + "wasabi, regional")
        String source;

        @Option(names = "--name", description = "the model's name (default: the last part of the path)")
        String name;

        @Option(names = "--option", description = "a source option NAME=value, e.g. type=dataset for kaggle, "
                + "endpoint_url=… for wasabi, ref=… for git (repeatable)")
        Map<String, String> options = new LinkedHashMap<>();

        @Option(names = "--wait", description = "wait until the model is ready (exit 0) or failed (exit 1)")
        boolean waitUntilDone;

        @Parameters(index = "0", description = "the source URI (for local: a folder on this computer)")
        String uri;

        @Override
        public Integer call() throws Exception {
            ModelstoreApi api = api();
            String sourceUri = source.equals("local") ? Path.of(uri).toAbsolutePath().normalize().toString() : uri;
            if (source.equals("local") && !java.nio.file.Files.isReadable(Path.of(sourceUri))) {
                // checked before the model exists, so that nothing is left waiting for files that are not there
                throw new IllegalArgumentException("no folder or file " + sourceUri + " here (or it is not readable); "
                        + "no model was created");
            }
            Map<String, Object> body = new LinkedHashMap<>();
            String trimmed = sourceUri.replaceAll("/+$", "");
            body.put("name", name != null ? name : trimmed.substring(trimmed.lastIndexOf('/') + 1));
            body.put("source_type", source);
            body.put("source_uri", sourceUri);
            body.put("source_options", options);
            JsonNode model = api.create(body);
            String id = model.get("model_uuid").asText();
            if (!json) {
                out().println("created model " + id);
                out().flush();
            }
            if (source.equals("local")) {
                int uploaded = connect(api, id);
                if (uploaded != 0) {
                    return uploaded;
                }
            }
            if (!waitUntilDone) {
                print(model, () -> { });
                return 0;
            }
            return ModelQueries.Wait.await(this, api, id, 3600);
        }
    }

    static int connect(ModelstoreApi api, String modelId) throws Exception {
        JsonNode model = waitForUploadDetails(api, modelId);
        Path folder = LocalPaths.resolve(model.get("source_uri").asText(), System.getenv(), System.getProperty("user.home"));
        long bytes;
        try {
            bytes = new LocalUploader(model.get("hostname").asText(), model.get("auth_token").asText(), System.err,
                    offset -> { }).upload(folder);
        } catch (LocalUploader.UploadRefused refused) {
            throw new LocalUploader.UploadRefused(refused.getMessage() + "\nmodel " + modelId + " still waits for its files: "
                    + "'modelstore model connect " + modelId + "' uploads them, 'modelstore model remove " + modelId
                    + "' deletes it");
        }
        System.out.println("model " + modelId + " uploaded (" + bytes + " bytes)");
        return 0;
    }

    /** Receives a local export with the model's hand-off ({@code hostname}, {@code auth_token}) into the folder. */
    static LocalExportReceiver.Received receiveExport(JsonNode model, Path folder) throws Exception {
        return new LocalExportReceiver(model.get("hostname").asText(), model.get("auth_token").asText(), System.err)
                .receive(folder);
    }

    /** What a local export saved, for people. */
    static String describe(LocalExportReceiver.Received received, Path folder) {
        return received.zip() != null ? "saved as " + received.zip() + " (" + received.bytes() + " bytes)"
                : "exported into " + folder + " (" + received.files() + " files, " + received.bytes() + " bytes)";
    }

    /** A local export gets its download address with the export; this waits for the model to show it. */
    static JsonNode waitForExportHandOff(ModelstoreApi api, String modelId) throws Exception {
        for (int i = 0; i < 120; i++) {
            JsonNode model = api.model(modelId);
            boolean exporting = model.path("status").asText().equals("exporting");
            if (exporting && model.hasNonNull("hostname") && model.hasNonNull("auth_token")) {
                return model;
            }
            if (!exporting) {
                throw new IllegalStateException("model " + modelId + " is " + model.path("status").asText()
                        + "; its export to this computer has ended");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("model " + modelId + " did not get a download address for its export");
    }

    /** A new local model gets its upload address as soon as a fetcher takes it. */
    private static JsonNode waitForUploadDetails(ModelstoreApi api, String modelId) throws Exception {
        for (int i = 0; i < 120; i++) {
            JsonNode model = api.model(modelId);
            if (!"local".equals(model.path("source_type").asText())) {
                throw new IllegalArgumentException("model " + modelId + " is not a local model");
            }
            if (model.hasNonNull("hostname") && model.hasNonNull("auth_token")) {
                return model;
            }
            if (!model.path("status").asText().equals("new") && !model.path("status").asText().equals("downloading")) {
                throw new IllegalArgumentException("model " + modelId + " is " + model.path("status").asText()
                        + "; only a model waiting for its upload can be connected");
            }
            Thread.sleep(500);
        }
        throw new IllegalStateException("model " + modelId + " did not get an upload address");
    }
}
