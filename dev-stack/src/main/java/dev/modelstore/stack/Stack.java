package dev.modelstore.stack;

import java.io.IOException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * The whole system on loopback: PostgreSQL, Kafka, S3Proxy, then model-api, fetcher-worker,
 * job-runner and storage-service as separate processes. Closing it stops them in reverse order.
 */
public final class Stack implements AutoCloseable {

    /** The services, each with the port setting it listens on. */
    public static final List<String> SERVICES = List.of("model-api", "fetcher-worker", "job-runner", "storage-service");

    private final StackSettings settings;
    private StackSecrets secrets;
    private StackAccess access;
    private final List<AutoCloseable> started = new ArrayList<>();
    private final Map<String, ManagedProcess> services = new LinkedHashMap<>();

    private Stack(StackSettings settings) {
        this.settings = settings;
    }

    /** Starts everything and returns once every service is ready. */
    public static Stack start(StackSettings settings) throws Exception {
        Stack stack = new Stack(settings);
        try {
            stack.startAll();
            return stack;
        } catch (Exception | Error e) {
            stack.close();
            throw e;
        }
    }

    private void startAll() throws Exception {
        secrets = StackSecrets.load(settings.dataDir());
        started.add(Database.start(settings));
        started.add(KafkaBroker.start(settings));
        if (settings.usesExternalS3()) {
            ObjectStoreServer.useExternal(settings);
        } else {
            started.add(ObjectStoreServer.start(settings));
        }
        for (String module : SERVICES) {
            startService(module, false);
        }
        for (String module : SERVICES) {
            ServiceProcess.awaitReady(services.get(module), port(module));
        }
        access = StackAccess.ensure(settings, secrets);
    }

    /** The stack's secrets (the service token operators use). */
    public StackSecrets secrets() {
        return secrets;
    }

    /** The API URL, first project and its token. */
    public StackAccess access() {
        return access;
    }

    /** The settings the stack runs with. */
    public StackSettings settings() {
        return settings;
    }

    /** A running service process, e.g. to kill it in a test. */
    public ManagedProcess service(String module) {
        return services.get(module);
    }

    /** Stops a service (if it runs) and starts it again, waiting until it is ready. */
    public void restartService(String module) throws IOException {
        services.get(module).close();
        startService(module, true);
    }

    /** The HTTP port of a service. */
    public int port(String module) {
        return switch (module) {
            case "model-api" -> settings.apiPort();
            case "fetcher-worker" -> settings.fetcherPort();
            case "job-runner" -> settings.jobsPort();
            case "storage-service" -> settings.storagePort();
            default -> throw new IllegalArgumentException("no service named " + module);
        };
    }

    private void startService(String module, boolean await) throws IOException {
        ManagedProcess process = ServiceProcess.launch(settings, secrets, module, port(module));
        services.put(module, process);
        if (await) {
            ServiceProcess.awaitReady(process, port(module));
        }
    }

    @Override
    public void close() {
        services.values().forEach(ManagedProcess::close);
        for (int i = started.size() - 1; i >= 0; i--) {
            try {
                started.get(i).close();
            } catch (Exception e) {
                System.err.println("could not stop a stack server: " + e);
            }
        }
    }
}
