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
}
