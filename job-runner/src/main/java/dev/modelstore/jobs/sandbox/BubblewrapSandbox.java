package dev.modelstore.jobs.sandbox;

import dev.modelstore.jobs.config.JobRunnerConfig;
import dev.modelstore.jobs.executor.WorkerLaunch;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/**
 * Runs each worker under bubblewrap ({@code bwrap}): new user, mount, pid, network, IPC, UTS and
 * cgroup namespaces, no capabilities, no further user namespaces, a new session, and (when
 * job-runner is root) an unprivileged host uid set by {@code setpriv}. The worker sees a read-only
 * {@code /usr}, an allow-list of {@code /etc}, its own {@code /proc} and a minimal {@code /dev}, its
 * own folder read-write and that folder's {@code tmp/} as {@code /tmp}, {@code /var/tmp} and
 * {@code /dev/shm}; the rest of its root is read-only: nothing of job-runner, other
 * jobs, {@code .modelstore/} or the services' processes. When the command ends, the pid namespace
 * ends, and with it every process the worker started. Its environment goes to bwrap through a file
 * descriptor, so it never shows on a command line.
 */
public class BubblewrapSandbox implements WorkerSandbox {

    private final JobRunnerConfig.Sandbox config;
    private final Path bwrap;
    private final Optional<Path> setpriv;
    private final Optional<Path> prlimit;
    private final Optional<Path> unshare;
    private final Optional<Path> slirp;
    private final boolean asRoot;
    private volatile SandboxStatus status;

    /** Uses the tools found on this host; {@link #probe} tells whether they work. */
    public BubblewrapSandbox(JobRunnerConfig.Sandbox config) {
        this.config = config;
        this.bwrap = HostTools.find(config.bwrap()).orElse(null);
        this.asRoot = HostTools.currentUid() == 0;
        this.setpriv = asRoot ? HostTools.find("setpriv") : Optional.empty();
        this.prlimit = HostTools.find("prlimit");
        this.unshare = HostTools.find("unshare");
        this.slirp = HostTools.find("slirp4netns");
        this.status = new SandboxStatus(false, true, "the sandbox has not been tried yet");
    }

    @Override
    public void handOver(Path workerFolder) throws IOException {
        if (!asRoot) {
            return;
        }
        Files.walkFileTree(workerFolder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult preVisitDirectory(Path dir, BasicFileAttributes attrs) throws IOException {
                chown(dir);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                chown(file);
                return FileVisitResult.CONTINUE;
            }
        });
    }

    private void chown(Path path) throws IOException {
        Files.setAttribute(path, "unix:uid", config.uid(), LinkOption.NOFOLLOW_LINKS);
        Files.setAttribute(path, "unix:gid", config.gid(), LinkOption.NOFOLLOW_LINKS);
    }

    @Override
    public String runLines(WorkerLaunch launch) throws IOException {
        Path control = launch.controlFolder();
        if (config.network() == SandboxNetwork.SLIRP4NETNS) {
            Files.writeString(control.resolve("resolv.conf"), SlirpNetwork.RESOLV_CONF, StandardCharsets.UTF_8);
        }
        List<String> args = bwrapArguments(launch);
        StringBuilder file = new StringBuilder();
        for (String arg : args) {
            if (arg.indexOf('\0') >= 0) {
                // one NUL would add arguments of its own to bwrap's: refused, whatever checked the input before
                throw new IOException("a worker's environment or path holds a NUL character");
            }
            file.append(arg).append('\0');
        }
        Path argsFile = control.resolve("sandbox.args");
        Files.deleteIfExists(argsFile);
        Files.createFile(argsFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(argsFile, file, StandardCharsets.UTF_8);
        List<String> sandbox = new ArrayList<>(limits(launch));
        sandbox.addAll(asWorker());
        if (config.network() == SandboxNetwork.SLIRP4NETNS) {
            return SlirpNetwork.runLines(sandbox, unshare.orElseThrow(), slirp.orElseThrow(), asWorker(),
                    bwrapCommand(launch));
        }
        sandbox.addAll(bwrapCommand(launch));
        return ShellWords.join(sandbox) + " 3< sandbox.args\n";
    }

    /**
     * No single file may pass {@code resources.disk_size} (one byte more, so that the folder is then over
     * it and the disk check names the reason), and workers leave no core dumps.
     */
    private List<String> limits(WorkerLaunch launch) {
        return prlimit.map(p -> List.of(p.toString(), "--fsize=" + (Math.max(1, launch.diskBytes()) + 1), "--core=0"))
                .orElse(List.of());
    }

    /** As root, drop to the workers' uid and gid with no supplementary groups and no way to regain privileges. */
    private List<String> asWorker() {
        return setpriv.map(p -> List.of(p.toString(), "--reuid=" + config.uid(), "--regid=" + config.gid(),
                "--clear-groups", "--no-new-privs")).orElse(List.of());
    }

    private List<String> bwrapCommand(WorkerLaunch launch) {
        return List.of(bwrap.toString(), "--args", "3", "--", "/bin/sh", "-c", launch.command());
    }

    /** Everything bwrap is told besides the command, in the order it applies them. */
    List<String> bwrapArguments(WorkerLaunch launch) {
        List<String> args = new ArrayList<>(List.of("--unshare-user", "--unshare-pid", "--unshare-ipc",
                "--unshare-uts", "--unshare-cgroup-try", "--disable-userns", "--die-with-parent", "--new-session",
                "--hostname", "modelstore-worker"));
        if (config.network() == SandboxNetwork.NONE) {
            args.add("--unshare-net");
        }
        args.addAll(List.of("--ro-bind", "/usr", "/usr"));
        for (String top : List.of("bin", "sbin", "lib", "lib32", "lib64", "libx32")) {
            Path host = Path.of("/", top);
            if (Files.isSymbolicLink(host)) {
                try {
                    args.addAll(List.of("--symlink", Files.readSymbolicLink(host).toString(), host.toString()));
                } catch (IOException e) {
                    // an unreadable link is left out of the sandbox
                }
            } else if (Files.isDirectory(host)) {
                args.addAll(List.of("--ro-bind", host.toString(), host.toString()));
            }
        }
        for (String entry : config.etcEntries()) {
            Path host = Path.of("/etc").resolve(entry).normalize();
            if (host.startsWith("/etc") && !host.equals(Path.of("/etc"))) {
                args.addAll(List.of("--ro-bind-try", host.toString(), host.toString()));
            }
        }
        if (config.network() == SandboxNetwork.SLIRP4NETNS) {
            args.addAll(List.of("--ro-bind", launch.controlFolder().resolve("resolv.conf").toString(), "/etc/resolv.conf"));
        }
        config.readOnlyPaths().orElse(List.of()).forEach(p -> args.addAll(List.of("--ro-bind-try", p.toString(), p.toString())));
        args.addAll(List.of("--proc", "/proc", "--dev", "/dev"));
        String folder = launch.workerFolder().toString();
        String tmp = launch.workerFolder().resolve("tmp").toString();
        // Every writable place is the worker's own folder, so resources.disk_size counts all it writes
        // (nothing lands in the sandbox's root, which is memory). /tmp first: a worker folder under the
        // host's /tmp is then mounted on top of it, not hidden by it.
        args.addAll(List.of("--bind", tmp, "/tmp", "--bind", tmp, "/var/tmp", "--bind", tmp, "/dev/shm",
                "--bind", folder, folder,
                "--remount-ro", "/",
                "--chdir", folder, "--clearenv"));
        for (Map.Entry<String, String> variable : launch.environment().entrySet()) {
            args.addAll(List.of("--setenv", variable.getKey(), variable.getValue()));
        }
        return args;
    }

    @Override
    public SandboxStatus status() {
        return status;
    }

    /** Tries the sandbox once with a command that checks what it must not see; the result is {@link #status()}. */
    public SandboxStatus probe(Path scratch) {
        status = new SandboxProbe(this, scratch).run(missingTools());
        return status;
    }

    /** A description of how workers run, for health and logs. */
    String describe() {
        return "workers run under bubblewrap (" + bwrap + ") as " + (asRoot ? "uid " + config.uid() : "job-runner's uid")
                + " in their own namespaces; network: " + config.network().name().toLowerCase();
    }

    private Optional<String> missingTools() {
        if (bwrap == null) {
            return Optional.of("bubblewrap ('" + config.bwrap() + "') is not installed (Debian package 'bubblewrap')");
        }
        if (asRoot && setpriv.isEmpty()) {
            return Optional.of("setpriv (util-linux) is missing, so workers cannot be given an unprivileged uid");
        }
        if (config.network() == SandboxNetwork.SLIRP4NETNS && (slirp.isEmpty() || unshare.isEmpty())) {
            return Optional.of("network=slirp4netns needs slirp4netns (Debian package 'slirp4netns') and unshare");
        }
        return Optional.empty();
    }

    boolean expectsUnprivilegedUid() {
        return asRoot;
    }

    int workerUid() {
        return config.uid();
    }

    SandboxNetwork network() {
        return config.network();
    }
}
