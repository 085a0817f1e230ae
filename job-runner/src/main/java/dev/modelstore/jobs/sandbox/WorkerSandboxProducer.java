package dev.modelstore.jobs.sandbox;

import dev.modelstore.jobs.config.JobRunnerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.enterprise.inject.Produces;
import org.jboss.logging.Logger;

/**
 * Chooses the {@link WorkerSandbox} from {@code modelstore.jobs.sandbox.mode}, in this one place,
 * and tries it once at start: an unusable sandbox is logged as an error and reported by the health
 * check, and workers are then refused rather than run unsandboxed.
 */
@ApplicationScoped
public class WorkerSandboxProducer {

    private static final Logger LOG = Logger.getLogger(WorkerSandboxProducer.class);

    @Produces
    @ApplicationScoped
    WorkerSandbox sandbox(JobRunnerConfig config) {
        WorkerSandbox sandbox = switch (config.sandbox().mode()) {
            case NONE -> new UnsandboxedWorkers();
            case BUBBLEWRAP -> {
                BubblewrapSandbox bubblewrap = new BubblewrapSandbox(config.sandbox());
                bubblewrap.probe(config.workRoot().toAbsolutePath().normalize().resolve(".sandbox-probe"));
                yield bubblewrap;
            }
        };
        SandboxStatus status = sandbox.status();
        if (!status.usable()) {
            LOG.error(status.description());
        } else if (!status.sandboxed()) {
            LOG.warn(status.description());
        } else {
            LOG.info(status.description());
        }
        return sandbox;
    }
}
