package dev.modelstore.jobs.health;

import dev.modelstore.jobs.config.JobRunnerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;
import org.eclipse.microprofile.health.Readiness;

/** Ready only when the folder that holds workers' working directories exists and is writable. */
@Readiness
@ApplicationScoped
public class WorkRootHealthCheck implements HealthCheck {

    private final JobRunnerConfig config;

    WorkRootHealthCheck(JobRunnerConfig config) {
        this.config = config;
    }

    @Override
    public HealthCheckResponse call() {
        Path root = config.workRoot();
        var response = HealthCheckResponse.named("job-work-root").withData("path", root.toString());
        try {
            Files.createDirectories(root);
            long free = Files.getFileStore(root).getUsableSpace();
            return (Files.isWritable(root) ? response.up() : response.down()).withData("usable_bytes", free).build();
        } catch (IOException e) {
            return response.down().withData("error", e.getMessage()).build();
        }
    }
}
