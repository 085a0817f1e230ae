package dev.modelstore.api.messaging;

import dev.modelstore.api.service.JobOutputModels;
import dev.modelstore.api.service.ModelJobUses;
import dev.modelstore.events.JobModelReleased;
import dev.modelstore.events.JobOutputCompleted;
import dev.modelstore.support.inbox.IncomingEvents;
import dev.modelstore.support.inbox.ProcessedEvents;
import io.smallrye.common.annotation.Blocking;
import jakarta.enterprise.context.ApplicationScoped;
import org.eclipse.microprofile.reactive.messaging.Incoming;

/** Applies job-runner's events once each: saved folders become models, ended jobs let go of their model. */
@ApplicationScoped
public class JobEventsConsumer {

    private static final String CONSUMER = "model-api.jobs";

    private final ProcessedEvents processed;
    private final JobOutputModels outputs;
    private final ModelJobUses uses;

    JobEventsConsumer(ProcessedEvents processed, JobOutputModels outputs, ModelJobUses uses) {
        this.processed = processed;
        this.outputs = outputs;
        this.uses = uses;
    }

    @Incoming("job-outputs")
    @Blocking
    public void onJobOutput(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof JobOutputCompleted saved) {
            processed.applyOnce(CONSUMER, saved, () -> outputs.saved(saved));
        }
    }

    @Incoming("job-lifecycle")
    @Blocking
    public void onJobLifecycle(String payload) {
        if (IncomingEvents.decode(payload).orElse(null) instanceof JobModelReleased released) {
            processed.applyOnce(CONSUMER, released, () -> uses.release(released));
        }
    }
}
