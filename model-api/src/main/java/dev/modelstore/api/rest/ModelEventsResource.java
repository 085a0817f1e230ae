package dev.modelstore.api.rest;

import dev.modelstore.api.service.ProgressFeed;
import dev.modelstore.support.auth.Caller;
import io.smallrye.common.annotation.Blocking;
import io.smallrye.mutiny.Multi;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import org.jboss.resteasy.reactive.RestStreamElementType;

/**
 * {@code GET /model/events}: server-sent events with the live ingest progress of the caller's
 * project (status, bytes and files while downloading, then ready or failed), fed from Kafka.
 */
@Path("/model/events")
public class ModelEventsResource {

    private final ProgressFeed feed;
    private final Caller caller;

    ModelEventsResource(ProgressFeed feed, Caller caller) {
        this.feed = feed;
        this.caller = caller;
    }

    /** Blocking: the token check reads the database before the stream starts. */
    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ProgressFeed.Update> events(@QueryParam("project_uuid") String projectUuid) {
        return feed.of(caller.project(projectUuid));
    }
}
