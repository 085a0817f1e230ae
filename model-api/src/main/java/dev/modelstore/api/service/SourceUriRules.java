package dev.modelstore.api.service;

import dev.modelstore.support.rest.ApiException;

import dev.modelstore.events.SourceType;
import java.net.URI;
import java.net.URISyntaxException;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * The form each source type's {@code source_uri} (and required options) must have. Checked before a
 * model is stored, so a wrong form is a 400 the user can fix, not a failed model later.
 */
public final class SourceUriRules {

    private static final Pattern S3 = Pattern.compile("s3://[a-z0-9][a-z0-9.\\-]{1,61}[a-z0-9](/.*)?");
    private static final Pattern GCS = Pattern.compile("gs://[a-z0-9][a-z0-9._\\-]{1,220}[a-z0-9](/.*)?");
    private static final Pattern SCP_LIKE_GIT = Pattern.compile("[A-Za-z0-9._\\-]+@[A-Za-z0-9.\\-]+:[^\\s]+");
    private static final Pattern LOCAL = Pattern.compile("(/|~/|\\$[A-Za-z_][A-Za-z0-9_]*(/|$)|\\$\\{[A-Za-z_][A-Za-z0-9_]*}(/|$)).*");
    /** owner/name or a competition's name; no segment may be '.', '..' or start with a dot. */
    private static final java.util.regex.Pattern KAGGLE_NAME =
            java.util.regex.Pattern.compile("[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*(/[A-Za-z0-9_\\-][A-Za-z0-9_.\\-]*)?");
    private static final Set<String> KAGGLE_TYPES = Set.of("competition", "dataset", "kernel");

    /** The form of {@code source_uri} per type, as error messages and forms show it. */
    private static final Map<SourceType, String> FORMS = new java.util.EnumMap<>(Map.of(
            SourceType.AWS, "s3://bucket/path (or s3://bucket/prefix/ for a folder)",
            SourceType.WASABI, "s3://bucket/path (or s3://bucket/prefix/ for a folder)",
            SourceType.AZURE, "https://<account>.blob.core.windows.net/<container>/<path>",
            SourceType.GCP, "gs://bucket/path (or gs://bucket/prefix/ for a folder)",
            SourceType.GIT, "https://host/owner/repo.git, ssh://git@host/owner/repo.git or git@host:owner/repo.git",
            SourceType.KAGGLE, "the short name the Kaggle API uses, e.g. owner/dataset",
            SourceType.LOCAL, "a path on your computer starting with /, ~/ or $VAR",
            SourceType.WEB, "an http://, https://, ftp:// or ftps:// URL",
            SourceType.REGIONAL, "the id or name of a regional datastore"));

    /**
     * What a form asks for, per source type.
     *
     * @param uriForm how {@code source_uri} must look
     * @param options the {@code source_options} the type takes, with what each must be
     */
    public record Form(SourceType sourceType, String uriForm, Map<String, String> options) {
    }

    /** The form of every source type a user can request. */
    public static java.util.List<Form> forms() {
        return java.util.Arrays.stream(SourceType.values()).filter(SourceType::requestable).map(type -> new Form(type,
                FORMS.get(type), switch (type) {
                    case WASABI -> Map.of("endpoint_url", "an http(s) URL such as https://s3.wasabisys.com");
                    case KAGGLE -> Map.of("type", "one of competition, dataset, kernel");
                    case GIT -> Map.of("ref", "optional: a branch, tag or commit id; the default branch otherwise");
                    case REGIONAL -> Map.of("path", "optional: the sub-path; / (all, the default) or a path ending in / "
                            + "is a folder, anything else one file");
                    default -> Map.<String, String>of();
                })).toList();
    }

    private SourceUriRules() {
    }

    /**
     * Checks the URI and options for the type.
     *
     * @throws ApiException 400 naming the expected form
     */
    public static void check(SourceType type, String uri, Map<String, String> options) {
        if (uri == null || uri.isBlank()) {
            throw ApiException.badRequest("source_uri is required");
        }
        if (uri.startsWith("-") || uri.chars().anyMatch(c -> c < 0x20)) {
            throw ApiException.badRequest("source_uri must not start with '-' or contain control characters");
        }
        switch (type) {
            case AWS -> require(S3.matcher(uri).matches(), type);
            case WASABI -> {
                require(S3.matcher(uri).matches(), type);
                String endpoint = options.get("endpoint_url");
                if (endpoint == null || !hasHost(endpoint, Set.of("http", "https"))) {
                    throw ApiException.badRequest("source_options.endpoint_url is required for wasabi sources and must be "
                            + "an http(s) URL such as https://s3.wasabisys.com");
                }
            }
            case AZURE -> require(hasHost(uri, Set.of("https")), type);
            case GCP -> require(GCS.matcher(uri).matches(), type);
            case GIT -> require(hasHost(uri, Set.of("http", "https", "ssh")) || SCP_LIKE_GIT.matcher(uri).matches(), type);
            case KAGGLE -> {
                require(KAGGLE_NAME.matcher(uri).matches(), type);
                String kaggleType = options.get("type");
                if (kaggleType == null || !KAGGLE_TYPES.contains(kaggleType)) {
                    throw ApiException.badRequest("source_options.type is required for kaggle sources: one of "
                            + "competition, dataset, kernel");
                }
            }
            case LOCAL -> {
                if (uri.startsWith("./") || uri.startsWith("../") || !LOCAL.matcher(uri).matches()) {
                    throw ApiException.badRequest("source_uri for source_type 'local' must be a path on your computer "
                            + "starting with /, ~/ or $VAR (relative paths such as ./models are refused)");
                }
            }
            case WEB -> require(hasHost(uri, Set.of("http", "https", "ftp", "ftps")), type);
            case REGIONAL -> require(!uri.contains("://"), type);
            case JOB -> throw ApiException.badRequest("models from jobs are made by job-runner, not requested");
        }
        boolean sshUserAllowed = type == SourceType.GIT && scheme(uri).equals("ssh");
        if (uri.contains("://") && userInfo(uri) != null && !(sshUserAllowed && !userInfo(uri).contains(":"))) {
            throw ApiException.badRequest("source_uri must not contain a user name or password: store credentials "
                    + "with the project instead");
        }
    }

    /** The URI's scheme in lower case, or an empty string. */
    public static String scheme(String uri) {
        int colon = uri.indexOf("://");
        return colon < 0 ? "" : uri.substring(0, colon).toLowerCase(Locale.ROOT);
    }

    private static void require(boolean ok, SourceType type) {
        if (!ok) {
            throw ApiException.badRequest("source_uri for source_type '" + type + "' must look like " + FORMS.get(type));
        }
    }

    private static boolean hasHost(String uri, Set<String> schemes) {
        try {
            URI parsed = new URI(uri);
            return parsed.getScheme() != null && schemes.contains(parsed.getScheme().toLowerCase(Locale.ROOT))
                    && parsed.getHost() != null && !parsed.getHost().isBlank();
        } catch (URISyntaxException e) {
            return false;
        }
    }

    private static String userInfo(String uri) {
        try {
            return new URI(uri).getRawUserInfo();
        } catch (URISyntaxException e) {
            return null;
        }
    }
}
