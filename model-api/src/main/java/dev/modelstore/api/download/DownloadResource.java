package dev.modelstore.api.download;

import dev.modelstore.api.Model;
import dev.modelstore.api.service.ModelService;
import dev.modelstore.support.archive.ModelArchive;
import dev.modelstore.support.auth.Caller;
import dev.modelstore.support.input.Inputs;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.rest.ApiException;
import jakarta.ws.rs.GET;
import jakarta.ws.rs.HEAD;
import jakarta.ws.rs.HeaderParam;
import jakarta.ws.rs.Path;
import jakarta.ws.rs.PathParam;
import jakarta.ws.rs.Produces;
import jakarta.ws.rs.QueryParam;
import jakarta.ws.rs.core.MediaType;
import jakarta.ws.rs.core.Response;
import jakarta.ws.rs.core.StreamingOutput;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.util.Optional;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.ResponseInputStream;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.s3.model.GetObjectResponse;

/**
 * Downloads of a model's files over HTTP: one file ({@code GET /model/{id}/files/{path}}, with
 * {@code Range}, {@code ETag} = its SHA-256, {@code If-None-Match}, and an optional presigned
 * redirect), or the whole model or one folder as a tar or zip stream built on the fly
 * ({@code GET /model/{id}/archive}). Another project's model is 404, as everywhere.
 */
@Path("/model/{id}")
public class DownloadResource {

    private static final Logger LOG = Logger.getLogger(DownloadResource.class);

    private final ModelService models;
    private final ModelFiles files;
    private final PresignedLinks presigned;
    private final ArchiveSlots slots;
    private final FileStreams streams;
    private final Caller caller;
    private final ExecutorService readers;

    DownloadResource(ModelService models, ModelFiles files, PresignedLinks presigned, ArchiveSlots slots,
            FileStreams streams, Caller caller, ArchiveReaders readers) {
        this.streams = streams;
        this.models = models;
        this.files = files;
        this.presigned = presigned;
        this.slots = slots;
        this.caller = caller;
        this.readers = readers.pool();
    }

    @GET
    @Path("files/{path: .+}")
    @Produces(MediaType.WILDCARD)
    public Response file(@PathParam("id") String id, @PathParam("path") String path,
            @QueryParam("project_uuid") String projectUuid, @QueryParam("redirect") String redirect,
            @HeaderParam("Range") String rangeHeader, @HeaderParam("If-None-Match") String ifNoneMatch,
            @HeaderParam("If-Range") String ifRange) {
        return file(id, path, projectUuid, redirect, rangeHeader, ifNoneMatch, ifRange, false);
    }

    /** The headers a GET would answer, from the manifest alone: no store read, no turn taken. */
    @HEAD
    @Path("files/{path: .+}")
    @Produces(MediaType.WILDCARD)
    public Response fileHead(@PathParam("id") String id, @PathParam("path") String path,
            @QueryParam("project_uuid") String projectUuid, @HeaderParam("Range") String rangeHeader,
            @HeaderParam("If-None-Match") String ifNoneMatch, @HeaderParam("If-Range") String ifRange) {
        return file(id, path, projectUuid, null, rangeHeader, ifNoneMatch, ifRange, true);
    }

    private Response file(String id, String path, String projectUuid, String redirect, String rangeHeader,
            String ifNoneMatch, String ifRange, boolean head) {
        Inputs.optional("path", path, Inputs.URI);
        Model model = model(id, projectUuid);
        ModelFiles.Found found = files.find(model, path);
        ModelManifest.File file = found.file();
        String etag = "\"" + file.sha256() + "\"";
        String name = file.path().substring(file.path().lastIndexOf('/') + 1);
        if (ifNoneMatch != null && matches(ifNoneMatch, etag)) {
            return Response.notModified().header("ETag", etag).build();
        }
        if ("true".equalsIgnoreCase(redirect)) {
            if (!presigned.enabled()) {
                throw ApiException.badRequest("this store does not offer redirects to the object store; "
                        + "download without redirect=true");
            }
            return Response.status(302).location(presigned.get(file.objectKey(model.id), name)).header("ETag", etag)
                    .build();
        }
        Optional<ByteRange> range;
        try {
            range = ifRange != null && !ifRange.trim().equals(etag) ? Optional.empty()
                    : ByteRange.parse(rangeHeader, file.size());
        } catch (ByteRange.Unsatisfiable e) {
            return Response.status(416).header("Content-Range", "bytes */" + file.size()).header("ETag", etag)
                    .type(MediaType.APPLICATION_JSON).entity(java.util.Map.of("message", e.getMessage())).build();
        }
        long length = range.map(ByteRange::length).orElse(file.size());
        Response.ResponseBuilder answer = range.isPresent()
                ? Response.status(206).header("Content-Range", range.get().contentRange(file.size()))
                : Response.ok();
        answer.type(MediaType.APPLICATION_OCTET_STREAM)
                .header("ETag", etag)
                .header("Accept-Ranges", "bytes")
                .header("Content-Disposition", Attachments.header(name))
                .header("Content-Length", length);
        if (length == 0 || head) {
            return answer.build();
        }
        // The object is opened only once the body is written (and the turn kept only then), so that a
        // response never written holds no store connection.
        var turn = streams.acquire(model.projectId);
        return answer.entity((StreamingOutput) out -> {
            turn.started();
            try (turn) {
                copy(files.open(model, file, range), out, length, file.path());
            }
        }).build();
    }

    @GET
    @Path("archive")
    @Produces(MediaType.WILDCARD)
    public Response archive(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            @QueryParam("format") String formatName, @QueryParam("path") String folder) {
        return archive(id, projectUuid, formatName, folder, false);
    }

    /** The headers a GET would answer: no archive is built, no turn taken. */
    @HEAD
    @Path("archive")
    @Produces(MediaType.WILDCARD)
    public Response archiveHead(@PathParam("id") String id, @QueryParam("project_uuid") String projectUuid,
            @QueryParam("format") String formatName, @QueryParam("path") String folder) {
        return archive(id, projectUuid, formatName, folder, true);
    }

    private Response archive(String id, String projectUuid, String formatName, String folder, boolean head) {
        ModelArchive.Format format = formatName == null || formatName.isBlank() ? ModelArchive.Format.TAR
                : ModelArchive.Format.of(formatName);
        if (format == null) {
            throw ApiException.badRequest("format '" + Inputs.optional("format", formatName, Inputs.SHORT)
                    + "' is not offered: use tar or zip");
        }
        String prefix = folder(Inputs.optional("path", folder, Inputs.URI));
        Model model = model(id, projectUuid);
        ModelManifest manifest = files.manifest(model);
        ModelArchive.Selection selection = ModelArchive.select(manifest, prefix);
        if (selection.entries().isEmpty() && !prefix.isEmpty()) {
            throw ApiException.notFound("model " + model.id + " has no folder '" + prefix + "'");
        }
        String fileName = (model.name + (prefix.isEmpty() ? "" : "-" + prefix.substring(0, prefix.length() - 1)
                .replace('/', '-'))).replace('/', '-') + "." + format.extension();
        if (head) {
            return Response.ok().type(format.mediaType()).header("Content-Disposition", Attachments.header(fileName))
                    .header("X-Model-Files", selection.files()).header("X-Model-Bytes", selection.bytes()).build();
        }
        var slot = slots.acquire(model.projectId);
        UUID modelId = model.id;
        StreamingOutput body = out -> {
            slot.started();
            try (slot) {
                ModelArchive.write(selection, format, manifest.createdAt(), file -> open(modelId, file), readers, out, null);
            } catch (IOException | RuntimeException e) {
                LOG.infof("the archive of model %s ended early: %s", modelId, e.getMessage());
                throw e instanceof IOException io ? io : new IOException(e);
            }
        };
        return Response.ok(body, format.mediaType())
                .header("Content-Disposition", Attachments.header(fileName))
                .header("X-Model-Files", selection.files())
                .header("X-Model-Bytes", selection.bytes())
                .build();
    }

    private InputStream open(UUID modelId, ModelManifest.File file) throws IOException {
        try {
            return files.openObject(file.objectKey(modelId));
        } catch (SdkException e) {
            throw new IOException("cannot read '" + file.path() + "' from the object store: " + e.getMessage(), e);
        }
    }

    /** {@code ""} for the whole model, else the folder with one trailing slash and no leading one. */
    static String folder(String path) {
        if (path == null) {
            return "";
        }
        String folder = path.strip();
        while (folder.startsWith("/")) {
            folder = folder.substring(1);
        }
        if (folder.isEmpty()) {
            return "";
        }
        for (String part : folder.split("/")) {
            if (part.equals("..") || part.equals(".")) {
                throw ApiException.badRequest("path '" + path + "' must name a folder of the model without . or ..");
            }
        }
        return folder.endsWith("/") ? folder : folder + "/";
    }

    private Model model(String id, String projectUuid) {
        return models.get(dev.modelstore.api.rest.RequestValues.modelId(id), caller.project(projectUuid));
    }

    private static boolean matches(String ifNoneMatch, String etag) {
        for (String candidate : ifNoneMatch.split(",")) {
            String tag = candidate.trim();
            if (tag.startsWith("W/")) {
                tag = tag.substring(2);
            }
            if (tag.equals("*") || tag.equals(etag)) {
                return true;
            }
        }
        return false;
    }

    /** Streams exactly {@code length} bytes; a client that goes away ends the store's read at once. */
    private static void copy(ResponseInputStream<GetObjectResponse> in, OutputStream out, long length, String path)
            throws IOException {
        boolean done = false;
        try {
            byte[] buffer = new byte[128 * 1024];
            long left = length;
            while (left > 0) {
                int read = in.read(buffer, 0, (int) Math.min(buffer.length, left));
                if (read < 0) {
                    throw new IOException("the store ended '" + path + "' early");
                }
                out.write(buffer, 0, read);
                left -= read;
            }
            done = true;
        } finally {
            if (done) {
                in.close();
            } else {
                in.abort();
            }
        }
    }
}
