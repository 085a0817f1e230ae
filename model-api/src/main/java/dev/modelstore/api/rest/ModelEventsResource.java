package dev.modelstore.api.rest;

import dev.modelstore.api.service.ProgressFeed;
import dev.modelstore.support.auth.Caller;
import io.smallrye.common.annotation.Blocking;
import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.api.service.TokenService;
import io.smallrye.mutiny.Multi;
import io.smallrye.mutiny.Uni;
import io.smallrye.mutiny.infrastructure.Infrastructure;
import java.util.UUID;
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
    private final TokenService tokens;
    private final ModelApiConfig config;

    ModelEventsResource(ProgressFeed feed, Caller caller, TokenService tokens, ModelApiConfig config) {
        this.feed = feed;
        this.caller = caller;
        this.tokens = tokens;
        this.config = config;
    }

    /** Blocking: the token check reads the database before the stream starts. */
    @GET
    @Blocking
    @Produces(MediaType.SERVER_SENT_EVENTS)
    @RestStreamElementType(MediaType.APPLICATION_JSON)
    public Multi<ProgressFeed.Update> events(@QueryParam("project_uuid") String projectUuid) {
        UUID project = caller.project(projectUuid);
        UUID token = caller.tokenId();
        // The token is checked again every interval (on a worker thread); once it no longer works the stream ends.
        Multi<ProgressFeed.Update> revoked = Multi.createFrom().ticks().every(config.feedTokenCheckInterval())
                .onItem().transformToUniAndConcatenate(tick -> Uni.createFrom().item(() -> tokens.isActive(token))
                        .runSubscriptionOn(Infrastructure.getDefaultWorkerPool()))
                .select().where(active -> !active)
                .map(inactive -> REVOKED);
        return Multi.createBy().merging().streams(feed.of(project), revoked)
                .select().first(update -> update != REVOKED);
    }

    /** The marker that ends a stream whose token was revoked; never sent. */
    private static final ProgressFeed.Update REVOKED = new ProgressFeed.Update("revoked", null, null, null, null, null,
            null, null, null);
}
