package dev.modelstore.jobs.sandbox;

import io.smallrye.health.api.Wellness;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.health.HealthCheck;
import org.eclipse.microprofile.health.HealthCheckResponse;

/**
 * How workers are isolated, in {@code /q/health} (and {@code /q/health/well}): DOWN when workers are
 * refused because the sandbox cannot work on this host; UP with {@code sandboxed=false} when an
 * operator chose to run them unsandboxed. Readiness is unaffected: the job API still answers.
 */
@Wellness
@ApplicationScoped
public class SandboxHealthCheck implements HealthCheck {

    private final WorkerSandbox sandbox;

    SandboxHealthCheck(WorkerSandbox sandbox) {
        this.sandbox = sandbox;
    }

    @Override
    public HealthCheckResponse call() {
        SandboxStatus status = sandbox.status();
        return HealthCheckResponse.named("job-sandbox").status(status.usable())
                .withData("sandboxed", status.sandboxed())
                .withData("workers", status.description())
                .build();
    }
}
