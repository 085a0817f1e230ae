package dev.modelstore.api.export;

import dev.modelstore.support.input.Inputs;
import dev.modelstore.support.rest.ApiException;
import java.net.URI;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The targets a model can be exported to, and the form of each one's {@code output_uri} and
 * {@code output_options}: checked before anything is stored, with a 400 that names the expected form.
 * A store target's URI names a folder (a bucket's prefix, a container's, a datastore's path): the
 * model's files go under it with the paths they have in the model.
 */
public final class ExportTargets {

    /** Every {@code output_type}, in trainML's wire names. */
    public static final Set<String> TYPES = Set.of("aws", "azure", "gcp", "wasabi", "regional", "local");

    private static final Pattern S3 = Pattern.compile("s3://[a-z0-9][a-z0-9.-]{1,61}[a-z0-9](/.*)?");
    private static final Pattern GCS = Pattern.compile("gs://[a-z0-9][a-z0-9._-]{1,220}[a-z0-9](/.*)?");
    private static final Pattern LOCAL = Pattern.compile("(/|~/|~$|\\$[A-Za-z_][A-Za-z0-9_]*|[A-Za-z]:[\\\\/]).*");

    private ExportTargets() {
    }

    /** The expected {@code output_uri} form of each type, for messages and forms. */
    public static String form(String type) {
        return switch (type) {
            case "aws", "wasabi" -> "s3://bucket/prefix/";
            case "gcp" -> "gs://bucket/prefix/";
            case "azure" -> "https://<account>.blob.core.windows.net/<container>/prefix/";
            case "regional" -> "<datastore id>/path/";
            case "local" -> "the folder on your computer the files are saved to, such as ~/models/bert";
            default -> "";
        };
    }

    /** The options each type takes. */
    public static Set<String> options(String type) {
        return switch (type) {
            case "wasabi" -> Set.of("endpoint_url", "overwrite");
            case "aws", "gcp", "azure", "regional" -> Set.of("overwrite");
            case "local" -> Set.of("archive");
            default -> Set.of();
        };
    }

    /**
     * Checks the request; answers the output type in lower case.
     *
     * @throws ApiException 400 naming what is wrong and the expected form
     */
    public static String check(String outputType, String uri, Map<String, String> options) {
        Inputs.optional("output_type", outputType, Inputs.SHORT);
        Inputs.optional("output_uri", uri, Inputs.URI);
        Inputs.options("output_options", options, Inputs.OPTION_VALUE);
        if (outputType == null || outputType.isBlank()) {
            throw ApiException.badRequest("output_type is required: one of aws, azure, gcp, wasabi, regional, local");
        }
        String type = outputType.trim().toLowerCase(Locale.ROOT);
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("output_type '" + outputType + "' is not known: use one of aws, azure, gcp, "
                    + "wasabi, regional, local");
        }
        for (String option : options.keySet()) {
            if (!options(type).contains(option)) {
                throw ApiException.badRequest("output_options." + option + " is not an option of " + type + " exports"
                        + (options(type).isEmpty() ? "" : "; they take " + String.join(", ", new java.util.TreeSet<>(options(type)))));
            }
        }
        String overwrite = options.get("overwrite");
        if (overwrite != null && !overwrite.equals("true") && !overwrite.equals("false")) {
            throw ApiException.badRequest("output_options.overwrite must be true or false");
        }
        String archive = options.get("archive");
        if (archive != null && !archive.equals("true") && !archive.equals("false")) {
            throw ApiException.badRequest("output_options.archive must be true (one zip file) or false (the folder)");
        }
        if (uri == null || uri.isBlank()) {
            throw ApiException.badRequest("output_uri is required: for " + type + " exports it has the form " + form(type));
        }
        if (uri.startsWith("-") || uri.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw ApiException.badRequest("output_uri must not start with '-' or contain control characters");
        }
        boolean valid = switch (type) {
            case "aws" -> S3.matcher(uri).matches();
            case "wasabi" -> {
                String endpoint = options.get("endpoint_url");
                if (endpoint == null || !httpUrl(endpoint)) {
                    throw ApiException.badRequest("output_options.endpoint_url is required for wasabi exports and must be "
                            + "an http(s) URL such as https://s3.wasabisys.com");
                }
                yield S3.matcher(uri).matches();
            }
            case "gcp" -> GCS.matcher(uri).matches();
            case "azure" -> azure(uri);
            case "regional" -> !uri.contains("://") && !uri.startsWith("/");
            default -> LOCAL.matcher(uri).matches();
        };
        if (!valid) {
            throw ApiException.badRequest("output_uri '" + uri + "' is not a " + type + " target: use the form " + form(type));
        }
        if (!type.equals("local") && (uri.contains("?") || uri.contains("#"))) {
            throw ApiException.badRequest("output_uri must not carry a query or fragment (a SAS token or key belongs in "
                    + "the project's " + type + " credential, never in a URI)");
        }
        if (!type.equals("local")) {
            for (String part : uri.substring(uri.indexOf("://") + 1).split("/")) {
                if (part.equals("..") || part.equals(".")) {
                    throw ApiException.badRequest("output_uri must not contain . or .. segments");
                }
            }
        }
        return type;
    }

    /** Whether existing objects at the target may be replaced. */
    public static boolean overwrite(Map<String, String> options) {
        return "true".equals(options.get("overwrite"));
    }

    private static boolean azure(String uri) {
        try {
            URI parsed = URI.create(uri);
            return "https".equalsIgnoreCase(parsed.getScheme()) && parsed.getHost() != null && parsed.getUserInfo() == null
                    && parsed.getPath() != null && parsed.getPath().length() > 1;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }

    private static boolean httpUrl(String url) {
        try {
            URI parsed = URI.create(url);
            // An endpoint: no user info, query or fragment (where secrets would be).
            return ("http".equalsIgnoreCase(parsed.getScheme()) || "https".equalsIgnoreCase(parsed.getScheme()))
                    && parsed.getHost() != null && parsed.getUserInfo() == null && parsed.getRawQuery() == null
                    && parsed.getRawFragment() == null;
        } catch (IllegalArgumentException e) {
            return false;
        }
    }
}
