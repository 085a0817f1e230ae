package dev.modelstore.jobs.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.nio.file.Path;

/** Settings of job-runner. */
@ConfigMapping(prefix = "modelstore.jobs")
public interface JobRunnerConfig {

    /** The folder under which each job worker gets its working directory (model copy and output). */
    @WithDefault("/var/lib/modelstore/jobs")
    Path workRoot();

    /** A job's working-directory size when the request names none ({@code resources.disk_size}, GB). */
    @WithDefault("10")
    int defaultDiskSizeGb();

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
}
