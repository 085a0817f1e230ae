package dev.modelstore.fetcher.rest;

import dev.modelstore.fetcher.export.LocalExportSender;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.POST;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.util.Map;

/**
 * trainML's local download protocol, as its client speaks it for an exporting model:
 * {@code GET /ping}, {@code GET /info} ({@code {"archive": false}}: a tar to extract;
 * {@code true}: one zip file), {@code GET /download} (the archive, streamed) and
 * {@code POST /finalize}. Each call carries the export's download token as Bearer.
 */
@Path("/exports")
@Produces(MediaType.APPLICATION_JSON)
public class ExportSenderResource {

    private final LocalExportSender sender;

    ExportSenderResource(LocalExportSender sender) {
        this.sender = sender;
    }

    @GET
    @Path("ping")
    public Map<String, String> ping(@HeaderParam("Authorization") String authorization) {
        sender.authenticate(authorization);
        return Map.of("status", "ok");
    }

    @GET
    @Path("info")
    public Response info(@HeaderParam("Authorization") String authorization) {
        LocalExportSender.Opened opened = sender.authenticate(authorization);
        Response.ResponseBuilder answer = Response.ok(Map.of("archive", opened.zip()));
        if (opened.zip()) {
            answer.header("Content-Disposition", "attachment; filename=\"" + opened.fileName() + "\"");
        }
        return answer.build();
    }

    @GET
    @Path("download")
    @Produces(MediaType.WILDCARD)
    public Response download(@HeaderParam("Authorization") String authorization) {
        LocalExportSender.Opened opened = sender.authenticate(authorization);
        var turn = sender.begin(opened);
        StreamingOutput body = out -> {
            turn.started();
            try (turn) {
                sender.send(opened, out);
            }
        };
        Response.ResponseBuilder answer = Response.ok(body, opened.zip() ? "application/zip" : "application/x-tar");
        if (opened.zip()) {
            answer.header("Content-Disposition", "attachment; filename=\"" + opened.fileName() + "\"");
        }
        return answer.build();
    }

    @POST
    @Path("finalize")
    public Map<String, String> finish(@HeaderParam("Authorization") String authorization) {
        sender.finish(sender.authenticate(authorization));
        return Map.of("status", "finished");
    }
}
