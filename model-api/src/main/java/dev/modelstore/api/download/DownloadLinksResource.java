package dev.modelstore.api.download;

import com.fasterxml.jackson.annotation.JsonProperty;
import dev.modelstore.api.Model;
import dev.modelstore.api.service.ModelService;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.input.Inputs;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * {@code POST /model/{id}/download-links}: presigned store URLs for up to {@link #MAX_PATHS} files
 * at once, so that a client downloading many small files reads them from the store itself (as
 * {@code rclone} does) instead of asking model-api once per file. The same rules as
 * {@code ?redirect=true}: GET only, short-lived, offered only where redirects are on; a path the
 * manifest lacks is 404, another project's model is 404.
 */
@Path("/model/{id}/download-links")
public class DownloadLinksResource {

    /** The most paths one request may name. */
    public static final int MAX_PATHS = 1000;

    /** The files to link, as the manifest names them (a link's path is followed to its file). */
    public record LinksRequest(List<String> paths) {
    }

    /** One file's URL, with what it must be once fetched. */
    public record Link(String path, String url, long size, String sha256) {
    }

    /** The links, all valid until {@code expires_at}. */
    public record Links(@JsonProperty("model_uuid") String modelUuid, @JsonProperty("expires_at") String expiresAt,
            List<Link> links) {
    }

    private final ModelService models;
    private final ModelFiles files;
    private final PresignedLinks presigned;
    private final Caller caller;
    private final FileStreams streams;

    DownloadLinksResource(ModelService models, ModelFiles files, PresignedLinks presigned, Caller caller,
            FileStreams streams) {
        this.streams = streams;
        this.models = models;
        this.files = files;
        this.presigned = presigned;
        this.caller = caller;
    }

    /** Links for the named files, in the order asked. */
    @POST
    @Consumes(MediaType.APPLICATION_JSON)
    @Produces(MediaType.APPLICATION_JSON)
    public Links links(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid, LinksRequest request) {
        Model model = models.get(dev.modelstore.api.rest.RequestValues.modelId(id), caller.project(projectUuid));
        if (request == null || request.paths() == null || request.paths().isEmpty()) {
            throw ApiException.badRequest("paths must list between 1 and " + MAX_PATHS + " files of the model");
        }
        if (request.paths().size() > MAX_PATHS) {
            throw ApiException.badRequest("paths lists " + request.paths().size() + " files; ask for at most "
                    + MAX_PATHS + " at once");
        }
        if (!presigned.enabled()) {
            throw ApiException.badRequest("this store does not offer redirects to the object store; "
                    + "download each file from GET /model/" + model.id + "/files/{path}");
        }
        // Signing a batch takes one of the project's file-download turns while it runs, so that one
        // project asking for links in a loop meets 429 and leaves the others their share.
        var turn = streams.acquire(model.projectId);
        turn.started();
        try (turn) {
            return sign(model, request.paths());
        }
    }

    private Links sign(Model model, List<String> paths) {
        // The expiry is stated before the links are signed, so that none dies before expires_at.
        Instant expires = Instant.now().plus(presigned.lifetime()).truncatedTo(ChronoUnit.SECONDS);
        List<Link> links = new ArrayList<>(paths.size());
        Set<String> seen = new HashSet<>();
        for (String path : paths) {
            Inputs.optional("path", path, Inputs.URI);
            if (path == null || !seen.add(path)) {
                throw ApiException.badRequest(path == null ? "paths must not hold null"
                        : "paths names '" + path + "' twice");
            }
            ModelManifest.File file = files.find(model, path).file();
            links.add(new Link(path, presigned.get(file.objectKey(model.id)).toString(), file.size(), file.sha256()));
        }
        return new Links(model.id.toString(), expires.toString(), links);
    }
}
