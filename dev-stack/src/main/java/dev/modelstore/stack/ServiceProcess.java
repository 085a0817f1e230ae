package dev.modelstore.stack;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/** Runs one of the four Quarkus services from its built {@code quarkus-app}, ready when its readiness check is UP. */
public final class ServiceProcess {

    private static final HttpClient HTTP = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(2)).build();

    private ServiceProcess() {
    }

    /** Starts the service on the port; wait for it with {@link #awaitReady}. */
    public static ManagedProcess launch(StackSettings settings, StackSecrets secrets, String module, int port)
            throws IOException {
        Path jar = settings.home().resolve(module).resolve("target/quarkus-app/quarkus-run.jar");
        if (!Files.exists(jar)) {
            throw new IllegalStateException(module + " is not built (" + jar + " missing); run ./mvnw -B -DskipTests install");
        }
        List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        command.addAll(Arrays.asList(settings.serviceJavaOpts().trim().split("\\s+")));
        command.add("-jar");
        command.add(jar.toString());
        Map<String, String> env = new HashMap<>(settings.serviceEnvironment(secrets));
        env.put("QUARKUS_HTTP_PORT", Integer.toString(port));
        return ManagedProcess.start(module, command, env, settings.dataDir().resolve("run/" + module),
                settings.dataDir().resolve("logs/" + module + ".log"));
    }

    /** Waits until the service on the port reports ready. */
    public static void awaitReady(ManagedProcess service, int port) {
        service.awaitReady(() -> ready(port), Duration.ofSeconds(180));
    }

    /** Whether the service on the port reports ready (database, broker, object store). */
    public static boolean ready(int port) {
        try {
            HttpResponse<Void> response = HTTP.send(HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + port + "/q/health/ready"))
                    .timeout(Duration.ofSeconds(5)).build(), HttpResponse.BodyHandlers.discarding());
            return response.statusCode() == 200;
        } catch (IOException e) {
            return false;
        } catch (InterruptedException e) {
            Thread.currentThread().interrupt();
            return false;
        }
    }
}
