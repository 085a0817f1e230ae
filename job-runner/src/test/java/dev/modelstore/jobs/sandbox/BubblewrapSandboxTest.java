package dev.modelstore.jobs.sandbox;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.jobs.executor.LocalProcessExecutor;
import dev.modelstore.jobs.executor.WorkerLaunch;
import dev.modelstore.jobs.executor.WorkerProcess;
import dev.modelstore.jobs.workspace.WorkerLogs;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * Real workers under bubblewrap (the Debian package {@code bubblewrap}, installed by {@code .ci/run}):
 * what a worker's code can see and reach, that nothing it starts outlives it, and that its log stays
 * bounded. Each check is an attack a job's code could make on the host or on other jobs.
 */
class BubblewrapSandboxTest {

    private Path root;
    private BubblewrapSandbox sandbox;
    private LocalProcessExecutor executor;

    @BeforeEach
    void sandbox() throws IOException {
        // Not under /tmp: a worker has a /tmp of its own, which would hide the host's anyway.
        Path target = Files.createDirectories(Path.of("target/sandbox-tests").toAbsolutePath());
        root = Files.createTempDirectory(target, "run", PosixFilePermissions.asFileAttribute(
                PosixFilePermissions.fromString("rwxr-xr-x")));
        sandbox = new BubblewrapSandbox(TestSandboxConfig.defaults());
        SandboxStatus status = sandbox.probe(root.resolve(".probe"));
        assertTrue(status.usable(), "bubblewrap must work on this host for these tests: " + status.description());
        executor = new LocalProcessExecutor(sandbox, 4096);
    }

    @Test
    void aWorkerSeesOnlyItsOwnFolderAndNothingOfTheHostOrOtherJobs() throws Exception {
        Path secrets = Files.writeString(root.resolve("secrets.properties"), "service-token=s3cr3t\n");
        Path otherJob = Files.createDirectories(root.resolve("other-job/worker-1/model"));
        Files.writeString(otherJob.resolve("weights.bin"), "other project's weights");
        String command = String.join("\n",
                "echo uid=$(id -u)",
                "test -e " + secrets + " && echo SEES-SECRETS",
                "test -e " + otherJob + " && echo SEES-OTHER-JOB",
                "test -d /proc/" + ProcessHandle.current().pid() + " && echo SEES-JOB-RUNNER",
                "ls /proc | grep -c '^[0-9]' | sed 's/^/processes=/'",
                "test -e /etc/shadow && echo SEES-SHADOW",
                "test -e /etc/mysql && echo SEES-ETC-MYSQL",
                "test -e /root && echo SEES-ROOT",
                "test -e /var/lib/postgresql && echo SEES-POSTGRES",
                "test -e /sys/kernel && echo SEES-SYS",
                "echo written > \"$TRAINML_MODEL_PATH/out.txt\" && echo wrote-model",
                "echo tmp > /tmp/t && echo wrote-tmp",
                "touch /usr/evil 2>/dev/null && echo WROTE-USR",
                "touch /evil 2>/dev/null && echo WROTE-ROOT",
                "mkdir /run/x 2>/dev/null && echo WROTE-RUN",
                "echo v > /var/tmp/v && echo shm > /dev/shm/s && echo wrote-var-and-shm",
                "echo env=$(env | grep -c .)",
                "echo token=${MODELSTORE_SERVICE_TOKEN:-none}");
        Result result = run(command, Map.of("TRAINML_MODEL_PATH", "MODEL"));
        assertEquals(0, result.code(), result.log());
        String log = result.log();
        assertTrue(log.contains("uid=61000") || !isRoot(), log);
        assertFalse(log.contains("SEES-"), log);
        assertFalse(log.contains("WROTE-"), log);
        assertTrue(log.contains("wrote-var-and-shm"), log);
        assertTrue(Files.exists(result.folder().resolve("tmp/v")) && Files.exists(result.folder().resolve("tmp/s")),
                "/var/tmp and /dev/shm are the worker's tmp/, counted by disk_size");
        assertTrue(log.contains("wrote-model") && log.contains("wrote-tmp"), log);
        assertTrue(log.contains("token=none"), log);
        int processes = Integer.parseInt(log.replaceAll("(?s).*processes=(\\d+).*", "$1"));
        assertTrue(processes < 10, "a worker sees only its own processes: " + log);
        assertEquals("written\n", Files.readString(result.folder().resolve("model/out.txt")));
        assertTrue(Files.exists(result.folder().resolve("tmp/t")), "the worker's /tmp is its own folder's tmp/");
    }

    @Test
    void aWorkerCannotReachTheHostsLoopbackServices() throws Exception {
        try (ServerSocket platform = new ServerSocket()) {
            platform.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            String command = "if (exec 3<>/dev/tcp/127.0.0.1/" + platform.getLocalPort() + ") 2>/dev/null; "
                    + "then echo REACHED; else echo refused; fi; ip -o link 2>/dev/null | grep -vc ' lo:' | sed 's/^/links=/'";
            Result result = run("exec /bin/bash -c '" + command.replace("'", "'\\''") + "'", Map.of());
            assertTrue(result.log().contains("refused"), result.log());
            assertFalse(result.log().contains("REACHED"), result.log());
        }
    }

    @Test
    void throughSlirp4netnsAWorkerReachesOtherHostsButNeverTheHostsLoopback() throws Exception {
        BubblewrapSandbox networked = new BubblewrapSandbox(new TestSandboxConfig("bwrap", SandboxNetwork.SLIRP4NETNS));
        SandboxStatus status = networked.probe(root.resolve(".probe-net"));
        assertTrue(status.usable(), "slirp4netns (and /dev/net/tun open to the workers' uid) must work here: "
                + status.description());
        executor = new LocalProcessExecutor(networked, 4096);
        sandbox = networked;
        // The host's own non-loopback address stands in for "the internet" on a machine without one.
        InetAddress outside = java.util.Collections.list(java.net.NetworkInterface.getNetworkInterfaces()).stream()
                .filter(i -> !i.getName().equals("lo")).flatMap(i -> java.util.Collections.list(i.getInetAddresses()).stream())
                .filter(a -> a instanceof java.net.Inet4Address && !a.isLoopbackAddress()).findFirst().orElseThrow();
        try (ServerSocket platform = new ServerSocket(); ServerSocket remote = new ServerSocket()) {
            platform.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0));
            remote.bind(new InetSocketAddress(outside, 0));
            String command = probe("loopback", "127.0.0.1", platform.getLocalPort())
                    + probe("gateway", "10.0.2.2", platform.getLocalPort())
                    + probe("remote", outside.getHostAddress(), remote.getLocalPort());
            Result result = run("exec /bin/bash -c '" + command.replace("'", "'\\''") + "'", Map.of());
            assertTrue(result.log().contains("loopback-refused") && result.log().contains("gateway-refused"), result.log());
            assertTrue(result.log().contains("remote-REACHED"), result.log());
        }
    }

    private static String probe(String name, String host, int port) {
        return "if (exec 3<>/dev/tcp/" + host + "/" + port + ") 2>/dev/null; then echo " + name + "-REACHED; else echo "
                + name + "-refused; fi; ";
    }

    @Test
    void nothingAWorkerStartsOutlivesIt() throws Exception {
        String token = "modelstore-orphan-" + UUID.randomUUID();
        // A daemon that leaves the worker's session and process group, as job code that wants to stay would.
        Result result = run("setsid bash -c 'exec -a " + token + " sleep 300' > /dev/null 2>&1 < /dev/null &"
                + " for i in $(seq 100); do grep -q " + token + " /proc/[0-9]*/cmdline 2>/dev/null && break; sleep 0.05; done;"
                + " grep -l " + token + " /proc/[0-9]*/cmdline >/dev/null 2>&1 && echo daemon-running", Map.of());
        assertEquals(0, result.code(), result.log());
        assertTrue(result.log().contains("daemon-running"), result.log());
        assertTrue(awaitGone(token), "the daemon a worker started must end with it");
    }

    @Test
    void stoppingAWorkerEndsEveryProcessItStarted() throws Exception {
        String token = "modelstore-stopped-" + UUID.randomUUID();
        Path folder = workerFolder();
        WorkerProcess process = executor.start(launch(folder, "setsid bash -c 'exec -a " + token + " sleep 300' &"
                + " exec bash -c 'exec -a " + token + " sleep 300'", Map.of()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (countProcesses(token) < 2 && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertEquals(2, countProcesses(token));
        process.stop();
        process.exit().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertTrue(awaitGone(token));
    }

    @Test
    void theLogIsRotatedAtItsLimitWithALineThatSaysSo() throws Exception {
        Result result = run("i=0; while [ $i -lt 400 ]; do echo \"line $i of the worker's output, padded to fifty\"; i=$((i+1)); done;"
                + " echo last-line", Map.of());
        Path control = result.folder().resolveSibling("control");
        long current = Files.size(control.resolve("worker.log"));
        long previous = Files.size(control.resolve("worker.log.1"));
        assertTrue(current <= 4096 && previous <= 4096, current + " / " + previous);
        String log = WorkerLogs.tail(control, 100_000);
        assertTrue(log.contains("worker.log reached 4096 bytes"), log);
        assertTrue(log.endsWith("last-line\n"), log);
    }

    @Test
    void theLogShowsOutputWhileTheWorkerRunsAndKeepsItWhenStopped() throws Exception {
        Path folder = workerFolder();
        WorkerProcess process = executor.start(launch(folder, "echo early-line; exec sleep 300", Map.of()));
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (!WorkerLogs.tail(folder.resolveSibling("control"), 1000).contains("early-line") && System.nanoTime() < deadline) {
            Thread.sleep(50);
        }
        assertTrue(WorkerLogs.tail(folder.resolveSibling("control"), 1000).contains("early-line"));
        process.stop();
        process.exit().toCompletableFuture().get(20, TimeUnit.SECONDS);
        assertTrue(WorkerLogs.tail(folder.resolveSibling("control"), 1000).contains("early-line"));
    }

    @Test
    void aLogReplacedByAFifoOrALinkIsRefusedAtOnce() throws Exception {
        Path control = Files.createDirectories(root.resolve("control"));
        new ProcessBuilder("mkfifo", control.resolve("worker.log").toString()).start().waitFor();
        IOException fifo = assertThrows(IOException.class, () -> WorkerLogs.tail(control, 1000));
        assertTrue(fifo.getMessage().contains("not a regular file"), fifo.getMessage());
        Files.delete(control.resolve("worker.log"));
        Files.createSymbolicLink(control.resolve("worker.log"), Path.of("/etc/hostname"));
        assertThrows(IOException.class, () -> WorkerLogs.tail(control, 1000));
    }

    @Test
    void withoutBubblewrapWorkersAreRefusedWithAReasonAnOperatorCanActOn() throws Exception {
        BubblewrapSandbox missing = new BubblewrapSandbox(new TestSandboxConfig("/nonexistent/bwrap", SandboxNetwork.NONE));
        SandboxStatus status = missing.probe(root.resolve(".probe-missing"));
        assertFalse(status.usable());
        assertTrue(status.description().contains("bubblewrap") && status.description().contains("mode=none"),
                status.description());
        LocalProcessExecutor refusing = new LocalProcessExecutor(missing, 4096);
        IOException refused = assertThrows(IOException.class, () -> refusing.start(launch(workerFolder(), "true", Map.of())));
        assertTrue(refused.getMessage().contains("refused"), refused.getMessage());
    }

    /** A worker's command run to its end, with its folder and combined output. */
    record Result(int code, String log, Path folder) {
    }

    private Result run(String command, Map<String, String> env) throws Exception {
        Path folder = workerFolder();
        Map<String, String> environment = new HashMap<>(Map.of("PATH", "/usr/bin:/bin", "HOME", folder.toString()));
        env.forEach((k, v) -> environment.put(k, v.equals("MODEL") ? folder.resolve("model").toString() : v));
        WorkerProcess process = executor.start(launch(folder, command, environment));
        int code = process.exit().toCompletableFuture().get(60, TimeUnit.SECONDS);
        return new Result(code, WorkerLogs.tail(folder.resolveSibling("control"), 100_000), folder);
    }

    private Path workerFolder() throws IOException {
        Path folder = root.resolve(UUID.randomUUID().toString()).resolve("worker-1");
        Files.createDirectories(folder.resolve("model"));
        Files.createDirectories(folder.resolve("tmp"));
        sandbox.handOver(folder);
        return folder;
    }

    private static WorkerLaunch launch(Path folder, String command, Map<String, String> env) {
        return new WorkerLaunch("test worker", folder, folder.resolveSibling("control"), command, env, 1_000_000_000L);
    }

    private static boolean awaitGone(String token) throws InterruptedException {
        long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        while (System.nanoTime() < deadline) {
            if (countProcesses(token) == 0) {
                return true;
            }
            Thread.sleep(50);
        }
        return false;
    }

    private static long countProcesses(String token) {
        return ProcessHandle.allProcesses().filter(p -> {
            try {
                byte[] cmdline = Files.readAllBytes(Path.of("/proc", String.valueOf(p.pid()), "cmdline"));
                return new String(cmdline, StandardCharsets.UTF_8).startsWith(token);
            } catch (IOException e) {
                return false;
            }
        }).count();
    }

    private static boolean isRoot() {
        return HostTools.currentUid() == 0;
    }
}
