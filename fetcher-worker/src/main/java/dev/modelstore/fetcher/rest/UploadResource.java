package dev.modelstore.fetcher.rest;

import dev.modelstore.fetcher.Upload;
import dev.modelstore.fetcher.upload.UploadReceiver;
import jakarta.ws.rs.Consumes;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.PUT;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import java.io.IOException;
import java.io.InputStream;
import java.util.Map;

/**
 * trainML's local upload protocol, as its client speaks it: {@code GET /ping},
 * {@code PUT /upload} (chunks with {@code Content-Range} and {@code Upload-Id}; 409 with the
 * expected offset when a chunk is out of place), {@code GET /upload/status}, {@code POST /finalize}
 * with the SHA-512 of the whole stream. Each call carries the model's upload token as Bearer.
 */
@Path("/uploads")
@Produces(MediaType.APPLICATION_JSON)
public class UploadResource {

    private final UploadReceiver receiver;

    UploadResource(UploadReceiver receiver) {
        this.receiver = receiver;
    }

    /** The body of finalize. */
    public record FinalizeRequest(String hash) {
    }

    @GET
    @Path("ping")
    public Map<String, String> ping(@HeaderParam("Authorization") String authorization) {
        receiver.authenticate(authorization);
        return Map.of("status", "ok");
    }

    @PUT
    @Path("upload")
    @Consumes(MediaType.WILDCARD)
    public Response upload(@HeaderParam("Authorization") String authorization, @HeaderParam("Upload-Id") String uploadId,
            @HeaderParam("Content-Range") String contentRange, InputStream body) throws IOException {
        Upload upload = receiver.authenticate(authorization);
        try {
            return Response.ok(Map.of("expected_offset", receiver.put(upload, uploadId, contentRange, body))).build();
        } catch (UploadReceiver.WrongOffset wrong) {
            return Response.status(409).type(MediaType.APPLICATION_JSON)
                    .entity(Map.of("expected_offset", wrong.expected(), "message", wrong.getMessage())).build();
        }
    }

    @GET
    @Path("upload/status")
    public Map<String, Long> status(@HeaderParam("Authorization") String authorization,
            @QueryParam("upload_id") String uploadId) {
        return Map.of("expected_offset", receiver.status(receiver.authenticate(authorization), uploadId));
    }

    @POST
    @Path("finalize")
    @Consumes(MediaType.APPLICATION_JSON)
    public Map<String, String> finish(@HeaderParam("Authorization") String authorization,
            @HeaderParam("Upload-Id") String uploadId, FinalizeRequest body) throws IOException {
        receiver.finish(receiver.authenticate(authorization), uploadId, body == null ? null : body.hash());
        return Map.of("status", "ready");
    }
}
