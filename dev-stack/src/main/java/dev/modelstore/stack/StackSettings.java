package dev.modelstore.stack;

import java.nio.file.Path;
import java.util.Map;

/**
 * Everything the embedded stack needs to know: where the repository and the data live, and the
 * loopback ports. Read from system properties ({@code modelstore.stack.*}) or environment variables
 * ({@code MODELSTORE_STACK_*}), with defaults for a developer machine.
 *
 * @param home the repository root (holds the built services and server jars)
 * @param dataDir the one folder that keeps all data across restarts
 * @param database the PostgreSQL database the services use (created when missing)
 * @param freshDatabase drop and re-create the database at start (tests)
 * @param externalS3Endpoint an S3-compatible store to use instead of starting S3Proxy (MinIO, S3), or empty
 * @param extraEnvironment more environment variables for every service (tests point sources at local servers)
 */
public record StackSettings(
        Path home,
        Path dataDir,
        String dbHost,
        int dbPort,
        String dbUser,
        String database,
        boolean freshDatabase,
        int kafkaPort,
        int kafkaControllerPort,
        int s3Port,
        String externalS3Endpoint,
        String s3AccessKey,
        String s3SecretKey,
        String bucket,
        int apiPort,
        int fetcherPort,
        int jobsPort,
        int storagePort,
        String serviceJavaOpts,
        Map<String, String> extraEnvironment) {

    /** Settings from system properties and the environment, defaulting to the developer stack on the usual ports. */
    public static StackSettings fromEnvironment() {
        Path home = Path.of(setting("home", ".")).toAbsolutePath().normalize();
        return new StackSettings(
                home,
                Path.of(setting("data-dir", home.resolve(".modelstore").toString())).toAbsolutePath().normalize(),
                setting("db-host", "127.0.0.1"),
                Integer.parseInt(setting("db-port", "5432")),
                setting("db-user", "postgres"),
                setting("database", "modelstore"),
                Boolean.parseBoolean(setting("fresh-database", "false")),
                Integer.parseInt(setting("kafka-port", "9092")),
                Integer.parseInt(setting("kafka-controller-port", "9093")),
                Integer.parseInt(setting("s3-port", "9000")),
                setting("s3-endpoint", ""),
                setting("s3-access-key", "modelstore"),
                setting("s3-secret-key", "modelstore-secret"),
                setting("bucket", "modelstore"),
                Integer.parseInt(setting("api-port", "8080")),
                Integer.parseInt(setting("fetcher-port", "8081")),
                Integer.parseInt(setting("jobs-port", "8082")),
                Integer.parseInt(setting("storage-port", "8083")),
                setting("service-java-opts", "-Xmx384m -XX:+UseSerialGC -XX:+ExitOnOutOfMemoryError"),
                Map.of());
    }

    /** The JDBC URL of the services' database. */
    public String jdbcUrl() {
        return "jdbc:postgresql://" + dbHost + ":" + dbPort + "/" + database;
    }

    /** The Kafka bootstrap address. */
    public String kafkaBootstrap() {
        return "127.0.0.1:" + kafkaPort;
    }

    /** The S3 endpoint the services use: the external store when configured, else the embedded S3Proxy. */
    public String s3Endpoint() {
        return usesExternalS3() ? externalS3Endpoint : "http://127.0.0.1:" + s3Port;
    }

    /** Whether an external S3-compatible store replaces the embedded S3Proxy. */
    public boolean usesExternalS3() {
        return externalS3Endpoint != null && !externalS3Endpoint.isBlank();
    }

    /** The base URL users call. */
    public String apiUrl() {
        return "http://127.0.0.1:" + apiPort;
    }

    /** Environment every service gets: the same variables docker-compose sets. */
    public Map<String, String> serviceEnvironment(StackSecrets secrets) {
        Map<String, String> env = new java.util.HashMap<>(Map.of(
                "MODELSTORE_API_CREDENTIAL_KEY", secrets.credentialKey(),
                "MODELSTORE_SERVICE_TOKEN", secrets.serviceToken(),
                "MODELSTORE_API_URL", apiUrl(),
                "MODELSTORE_STORAGE_URL", "http://127.0.0.1:" + storagePort,
                "MODELSTORE_JOBS_URL", "http://127.0.0.1:" + jobsPort,
                "MODELSTORE_API_UPLOAD_HOSTNAME", "http://127.0.0.1:" + fetcherPort + "/uploads",
                "MODELSTORE_API_EXPORT_HOSTNAME", "http://127.0.0.1:" + fetcherPort + "/exports",
                "MODELSTORE_FETCHER_SOURCES_DATASTORE_ROOT", dataDir.resolve("datastores").toString(),
                "MODELSTORE_API_DATASTORE_ROOT", dataDir.resolve("datastores").toString()));
        env.putAll(Map.of(
                "QUARKUS_HTTP_HOST", "127.0.0.1",
                "QUARKUS_DATASOURCE_JDBC_URL", jdbcUrl(),
                "QUARKUS_DATASOURCE_USERNAME", dbUser,
                "KAFKA_BOOTSTRAP_SERVERS", kafkaBootstrap(),
                "MODELSTORE_OBJECT_STORE_ENDPOINT", s3Endpoint(),
                "MODELSTORE_OBJECT_STORE_ACCESS_KEY", s3AccessKey,
                "MODELSTORE_OBJECT_STORE_SECRET_KEY", s3SecretKey,
                "MODELSTORE_OBJECT_STORE_BUCKET", bucket,
                // Loopback sources are allowed on the embedded stack so local files can be models.
                "MODELSTORE_FETCHER_NETWORK_ALLOW_LOOPBACK", "true",
                "MODELSTORE_JOBS_WORK_ROOT", dataDir.resolve("jobs").toString()));
        env.putAll(extraEnvironment);
        return env;
    }

    private static String setting(String name, String fallback) {
        String property = System.getProperty("modelstore.stack." + name);
        if (property != null && !property.isBlank()) {
            return property;
        }
        String env = System.getenv("MODELSTORE_STACK_" + name.toUpperCase().replace('-', '_'));
        return env != null && !env.isBlank() ? env : fallback;
    }
}
