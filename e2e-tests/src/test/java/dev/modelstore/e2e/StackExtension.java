package dev.modelstore.e2e;

import dev.modelstore.stack.Stack;
import dev.modelstore.stack.StackSettings;
import dev.modelstore.testservers.AzuriteServer;
import dev.modelstore.testservers.TestCertificates;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts the real stack once for all end-to-end tests (PostgreSQL database {@code modelstore_e2e},
 * Kafka, S3Proxy and the four services as separate processes, on ports apart from a developer's
 * stack) and stops it when the test run ends.
 */
public class StackExtension implements BeforeAllCallback {

    /** The source servers the fetcher is pointed at, on fixed loopback ports. */
    static final int AZURITE_PORT = 19010;
    static final int GCS_PORT = 19011;
    static final int FTP_PORT = 19021;
    static final int FTPS_PORT = 19022;
    static final String GCS_TOKEN = "ya29.e2e-token";
    static final int KAGGLE_PORT = 19030;
    static final String KAGGLE_USER = "e2e-kaggler";
    static final String KAGGLE_KEY = "e2e-kaggle-key";

    private static Stack stack;
    private static SourceServers sources;

    @Override
    public void beforeAll(ExtensionContext context) throws Exception {
        synchronized (StackExtension.class) {
            if (stack == null) {
                Path module = Path.of("").toAbsolutePath();
                Path data = module.resolve("target/e2e-stack");
                deleteTree(data);
                sources = new SourceServers(module.getParent(), data.resolve("sources"));
                stack = Stack.start(settings(module, data, sources.kaggle.keystore()));
                context.getRoot().getStore(ExtensionContext.Namespace.GLOBAL)
                        .put("modelstore-stack", (ExtensionContext.Store.CloseableResource) () -> {
                            stack.close();
                            sources.close();
                        });
            }
        }
    }

    /** The running stack. */
    public static Stack stack() {
        return stack;
    }

    /** The running source servers. */
    public static SourceServers sources() {
        return sources;
    }

    private static StackSettings settings(Path module, Path data, Path kaggleKeystore) {
        StackSettings defaults = StackSettings.fromEnvironment();
        return new StackSettings(module.getParent(), data, defaults.dbHost(), defaults.dbPort(), defaults.dbUser(),
                "modelstore_e2e", true, 19092, 19093, 19000, "", "e2e-access", "e2e-secret-key", "modelstore-e2e",
                18080, 18081, 18082, 18083, "-Xmx256m -XX:+UseSerialGC -XX:TieredStopAtLevel=1"
                        // The services trust the Kaggle stand-in's self-signed certificate (and only the test servers need TLS).
                        + " -Djavax.net.ssl.trustStore=" + kaggleKeystore + " -Djavax.net.ssl.trustStoreType=PKCS12"
                        + " -Djavax.net.ssl.trustStorePassword=" + TestCertificates.PASSWORD,
                pairs("MODELSTORE_FETCHER_SOURCES_AWS_ENDPOINT", "http://127.0.0.1:19000",
                        "MODELSTORE_FETCHER_SOURCES_GCP_HOST", "http://127.0.0.1:" + GCS_PORT,
                        "MODELSTORE_FETCHER_SOURCES_AZURE_ENDPOINT", AzuriteServer.endpoint(AZURITE_PORT),
                        "MODELSTORE_FETCHER_SOURCES_FTPS_TRUST_ALL", "true",
                        "MODELSTORE_FETCHER_SOURCES_KAGGLE_URL", "https://127.0.0.1:" + KAGGLE_PORT,
                        "MODELSTORE_FETCHER_SOURCES_GIT_STRICT_HOST_CHECKING", "false",
                        // A stalled source fails within seconds (IngestLimitsEndToEndTest); every test source is faster.
                        "MODELSTORE_FETCHER_INGESTS_MIN_THROUGHPUT_BYTES", "4096",
                        "MODELSTORE_FETCHER_INGESTS_MIN_THROUGHPUT_WINDOW", "5s",
                        // An upload silent for 20 s loses its chunks (UploadReceiverEndToEndTest).
                        "MODELSTORE_FETCHER_UPLOADS_ABANDONED_AFTER", "20s",
                        "MODELSTORE_FETCHER_UPLOADS_CLEANUP_INTERVAL", "2s",
                        // A live feed re-checks its token every 2 s (LiveFeedEndToEndTest).
                        "MODELSTORE_API_FEED_TOKEN_CHECK_INTERVAL", "2s",
                        // Model and job counts in /q/metrics follow within 2 s (OperationsEndToEndTest).
                        "MODELSTORE_METRICS_COUNT_INTERVAL", "2s",
                        // Idle connections close after 20 s (OperationsEndToEndTest); feeds send a heartbeat every 15 s.
                        "QUARKUS_HTTP_IDLE_TIMEOUT", "20s",
                        // Limits the tests can cross: 210 MB per model (a 200 MB local upload fits), 1 MB free per project.
                        "MODELSTORE_STORAGE_MAX_MODEL_BYTES", "210000000",
                        "MODELSTORE_STORAGE_FREE_ALLOWANCE_BYTES", "1000000",
                        "MODELSTORE_STORAGE_PRICE_PER_GB_MONTH", "1000"));
    }

    private static Map<String, String> pairs(String... keysAndValues) {
        Map<String, String> map = new java.util.LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put(keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static void deleteTree(Path dir) throws IOException {
        if (Files.exists(dir)) {
            try (Stream<Path> paths = Files.walk(dir)) {
                for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                    Files.delete(p);
                }
            }
        }
    }
}
