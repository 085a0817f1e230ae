package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelstore model export}: copies a ready model to a cloud store, a regional datastore or
 * this computer ({@code POST /model/{id}/export}); {@code --wait} follows the export to its end.
 */
final class ExportCommands {

    /** The output types an export takes, in trainML's wire names. */
    static final Set<String> TYPES = Set.of("aws", "azure", "gcp", "wasabi", "regional", "local");

    private ExportCommands() {
    }

    @Command(name = "export", description = "Export a ready model to aws, azure, gcp, wasabi, a regional datastore, "
            + "or this computer (local).")
    static final class Export extends ModelQueries.Base {
        @Parameters(index = "0", description = "the model's id")
        String modelId;

        @Option(names = "--type", required = true, description = "aws, azure, gcp, wasabi, regional or local")
        String type;

        @Option(names = "--uri", required = true, description = "where to: s3://bucket/prefix/, gs://bucket/prefix/, "
                + "https://<account>.blob.core.windows.net/<container>/prefix/, <datastore id>/path/, or a local folder")
        String uri;

        @Option(names = "--option", description = "an output option NAME=value, e.g. endpoint_url=… for wasabi, "
                + "archive=true for local (one zip file) (repeatable)")
        Map<String, String> options = new LinkedHashMap<>();

        @Option(names = "--overwrite", description = "replace what is already at the target")
        boolean overwrite;

        @Option(names = "--wait", description = "wait until the export has completed (exit 0) or failed (exit 1)")
        boolean waitUntilDone;

        @Option(names = "--timeout", defaultValue = "3600", description = "with --wait, seconds to wait at most "
                + "(exit 4 when they pass)")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            String outputType = type.trim().toLowerCase(Locale.ROOT);
            if (!TYPES.contains(outputType)) {
                throw new CommandLine.ParameterException(spec.commandLine(), "--type must be one of aws, azure, gcp, "
                        + "wasabi, regional, local (not '" + type + "')");
            }
            if (outputType.equals("wasabi") && !options.containsKey("endpoint_url")) {
                throw new CommandLine.ParameterException(spec.commandLine(), "a wasabi export needs its endpoint: "
                        + "--option endpoint_url=https://s3.<region>.wasabisys.com");
            }
            Map<String, String> outputOptions = new LinkedHashMap<>(options);
            if (overwrite) {
                outputOptions.put("overwrite", "true");
            }
            Path folder = outputType.equals("local") ? localFolder(uri) : null;
            String outputUri = folder == null || uri.startsWith("~") || uri.startsWith("$") ? uri : folder.toString();
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("output_type", outputType);
            body.put("output_uri", outputUri);
            body.put("output_options", outputOptions);
            ModelstoreApi api = api();
            JsonNode answer = api.export(modelId, body);
            String exportId = answer.path("export_uuid").asText();
            if (!json) {
                out().println("export " + exportId + " of model " + modelId + " to " + outputType + " requested");
                out().flush();
            }
            if (folder != null) {
                JsonNode handOff = answer.hasNonNull("auth_token") ? answer : ModelstoreCli.waitForExportHandOff(api, modelId);
                LocalExportReceiver.Received received = ModelstoreCli.receiveExport(handOff, folder);
                if (!waitUntilDone) {
                    JsonNode export = api.export(modelId, exportId);
                    print(export, () -> out().println(ModelstoreCli.describe(received, folder)));
                    return 0;
                }
            }
            if (!waitUntilDone) {
                print(answer, () -> { });
                return 0;
            }
            return await(this, api, modelId, exportId, timeoutSeconds);
        }

        /** The folder of a local export on this computer: ~/…, $VAR/… and /… as the server takes them, else from here. */
        private static Path localFolder(String uri) {
            if (uri.startsWith("/") || uri.startsWith("~") || uri.startsWith("$")) {
                return LocalPaths.resolve(uri, System.getenv(), System.getProperty("user.home"));
            }
            return Path.of(uri).toAbsolutePath().normalize();
        }
    }

    /** Polls the export every second until it has completed (0) or failed (1); 4 when the time runs out. */
    static int await(ModelQueries.Base command, ModelstoreApi api, String modelId, String exportId, long timeoutSeconds)
            throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            JsonNode export = api.export(modelId, exportId);
            String status = export.path("status").asText();
            if (status.equals("completed") || status.equals("failed")) {
                if (!command.json) {
                    command.err().print("\r");
                    command.err().flush();
                }
                command.print(export, () -> command.out().println(status.equals("completed")
                        ? "export " + exportId + " completed: " + export.path("files").asLong() + " files, "
                                + export.path("bytes").asLong() + " bytes"
                        : "export " + exportId + " failed: " + export.path("reason").asText("no reason given")));
                return status.equals("completed") ? 0 : 1;
            }
            if (!command.json) {
                command.err().print("\r" + progress(export));
                command.err().flush();
            }
            Thread.sleep(1000);
        }
        command.err().println();
        command.err().println("export " + exportId + " has not ended after " + timeoutSeconds + " s");
        return 4;
    }

    /** The line shown while an export runs. */
    static String progress(JsonNode export) {
        String line = export.path("status").asText() + ": " + DownloadProgress.size(export.path("bytes").asLong());
        if (export.hasNonNull("total_bytes")) {
            line += " of " + DownloadProgress.size(export.get("total_bytes").asLong());
        }
        line += ", " + export.path("files").asLong() + (export.hasNonNull("total_files")
                ? " of " + export.get("total_files").asLong() : "") + " files";
        return line;
    }
}
