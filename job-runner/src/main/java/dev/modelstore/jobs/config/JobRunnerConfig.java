package dev.modelstore.jobs.config;

import dev.modelstore.jobs.sandbox.SandboxMode;
import dev.modelstore.jobs.sandbox.SandboxNetwork;
import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/** Settings of job-runner. */
@ConfigMapping(prefix = "modelstore.jobs")
public interface JobRunnerConfig {

    /** The folder under which each job worker gets its working directory (model copy and output). */
    @WithDefault("/var/lib/modelstore/jobs")
    Path workRoot();

    /** A job's working-directory size when the request names none ({@code resources.disk_size}, GB). */
    @WithDefault("10")
    int defaultDiskSizeGb();

    /** The largest {@code resources.disk_size} a job may ask for (GB); larger requests are 400s. */
    @WithDefault("1000")
    int maxDiskSizeGb();

    /** The most workers one job may have. */
    @WithDefault("16")
    int maxWorkers();

    /** The command a notebook's worker runs when the request gives none: it keeps the notebook's environment up. */
    @WithDefault("exec tail -f /dev/null")
    String notebookCommand();

    /** The largest model a job folder may become (the same 50 GB limit as every model). */
    @WithDefault("53687091200")
    long maxModelBytes();

    /** Multipart part size when saving folders, and the one buffer an upload holds. */
    @WithDefault("16777216")
    int uploadPartBytes();

    /** How often a file that changes while it is saved is read again before the save fails. */
    @WithDefault("3")
    int changedFileRetries();

    /** The PATH a worker's command runs with (workers never inherit job-runner's own environment). */
    @WithDefault("/usr/local/bin:/usr/bin:/bin")
    String workerPath();

    /** The most bytes {@code worker.log} holds before it is rotated to {@code worker.log.1} (so at most twice this per worker). */
    @WithDefault("16777216")
    long workerLogMaxBytes();

    /** How often each running worker's folder is measured against its {@code resources.disk_size}. */
    @WithDefault("1s")
    Duration diskCheckInterval();

    /** How workers are kept apart from job-runner, the host and each other. */
    Sandbox sandbox();

    /** Worker isolation (see docs/security.md). */
    interface Sandbox {

        /**
         * {@code bubblewrap}: every worker runs in its own user, mount, pid, network, IPC and UTS namespaces
         * under an unprivileged uid. {@code none}: workers run as plain processes of job-runner's user; only
         * an operator who trusts every job's code may choose it.
         */
        @WithDefault("bubblewrap")
        SandboxMode mode();

        /** The bubblewrap program. */
        @WithDefault("bwrap")
        String bwrap();

        /** The host uid workers run as when job-runner runs as root (a uid no other process uses). */
        @WithDefault("61000")
        int uid();

        /** The host gid workers run as when job-runner runs as root. */
        @WithDefault("61000")
        int gid();

        /**
         * {@code none}: a worker has only its own loopback. {@code slirp4netns}: outbound connections through a
         * user-mode network that refuses the host's loopback (see docs/security.md for what it does not refuse).
         */
        @WithDefault("none")
        SandboxNetwork network();

        /** The entries of {@code /etc} a worker sees, read-only; nothing else of {@code /etc} is there. */
        @WithDefault("passwd,group,hosts,host.conf,nsswitch.conf,resolv.conf,gai.conf,protocols,services,networks,"
                + "ld.so.cache,ld.so.conf,ld.so.conf.d,alternatives,ca-certificates,ca-certificates.conf,ssl/certs,"
                + "localtime,timezone,mime.types,magic,os-release,debian_version,profile,bash.bashrc,inputrc,"
                + "java-17-openjdk,python3,python3.11,gitconfig,environment")
        List<String> etcEntries();

        /** Further host folders a worker sees read-only (a conda install, a shared dataset cache). */
        Optional<List<Path>> readOnlyPaths();
    }
}
