package dev.modelstore.jobs.workspace;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.jobs.config.JobRunnerConfig;
import dev.modelstore.support.objectstore.ModelLinks;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.support.objectstore.ModelObjects;
import dev.modelstore.support.objectstore.ModelStorageLayout;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.objectstore.ObjectSink;
import dev.modelstore.support.objectstore.ObjectUploader;
import dev.modelstore.support.objectstore.StoredObject;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.nio.file.attribute.FileTime;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.function.BooleanSupplier;
import java.util.function.Consumer;
import jakarta.inject.Inject;
import org.jboss.logging.Logger;
import software.amazon.awssdk.core.exception.SdkException;

/**
 * Saves a folder of a job as a model under the model's own prefix: every regular file streamed to
 * the store with its SHA-256, symbolic links kept only when they stay inside the folder (never
 * followed), the manifest written last. A file that changes while it is read (a notebook still
 * writing) is read again; if it keeps changing the save fails, so no model is ever torn. On any
 * failure the objects written so far are removed.
 */
@ApplicationScoped
public class FolderSaver {

    private static final Logger LOG = Logger.getLogger(FolderSaver.class);

    /** What was saved. */
    public record Saved(long sizeBytes, long fileCount, String manifestKey, String manifestSha256) {
    }

    private final ObjectSink uploader;
    private final Consumer<UUID> removeModelObjects;
    private final AutoCloseable onClose;
    private final ObjectMapper json;
    private final int retries;

    @Inject
    FolderSaver(ObjectStoreConfig store, ModelObjects objects, ObjectMapper json, JobRunnerConfig config) {
        this(new ObjectUploader(store, config.uploadPartBytes(), config.uploadPartBytes()), objects::deleteAll, json,
                config.changedFileRetries());
    }

    /**
     * A saver writing to any object sink.
     *
     * @param removeModelObjects removes everything under a model's prefix (after a failed save)
     * @param retries how often a file that changed while it was read is read again
     */
    public FolderSaver(ObjectSink sink, Consumer<UUID> removeModelObjects, ObjectMapper json, int retries) {
        this.uploader = sink;
        this.removeModelObjects = removeModelObjects;
        this.onClose = sink instanceof AutoCloseable closeable ? closeable : () -> { };
        this.json = json;
        this.retries = retries;
    }

    /**
     * Saves the folder as model {@code modelId}. Repeating a save (after a restart) writes the same keys.
     *
     * @param maxBytes the most bytes the model may have (the per-model limit or the project's quota)
     * @param limitName what that limit is, for the failure reason
     * @param cancelled checked between files; a cancelled save removes what it wrote
     */
    public Saved save(UUID modelId, Path folder, String source, long maxBytes, String limitName,
            BooleanSupplier cancelled) {
        try {
            Saved saved = write(modelId, folder, source, maxBytes, limitName, cancelled);
            LOG.infof("saved %s as model %s: %d files, %d bytes", folder, modelId, saved.fileCount(), saved.sizeBytes());
            return saved;
        } catch (RuntimeException e) {
            removeModelObjects.accept(modelId);
            throw e;
        }
    }

    private Saved write(UUID modelId, Path folder, String source, long maxBytes, String limitName,
            BooleanSupplier cancelled) {
        if (!Files.isDirectory(folder, LinkOption.NOFOLLOW_LINKS)) {
            throw new WorkspaceFailure("the folder to save does not exist any more");
        }
        List<Path> files = new ArrayList<>();
        List<ModelManifest.Link> links = new ArrayList<>();
        walk(folder, files, links);
        checkLinks(folder, files, links);
        Path folderReal = realPath(folder);
        List<ModelManifest.File> stored = new ArrayList<>();
        long total = 0;
        for (Path file : files) {
            if (cancelled.getAsBoolean()) {
                throw new WorkspaceFailure("the save was cancelled (its job was removed)");
            }
            String relative = relative(folder, file);
            ModelManifest.File saved = saveStable(modelId, folderReal, file, relative);
            if (saved == null) {
                continue;
            }
            total += saved.size();
            if (total > maxBytes) {
                throw new WorkspaceFailure("the folder is larger than " + maxBytes + " bytes (" + limitName
                        + "); remove files from it and save again");
            }
            stored.add(saved);
        }
        ModelManifest manifest = new ModelManifest(modelId, source, null, Instant.now(), total, stored.size(), stored, links);
        try {
            byte[] manifestJson = json.writeValueAsBytes(manifest);
            StoredObject written = uploader.put(ModelStorageLayout.manifestKey(modelId),
                    new java.io.ByteArrayInputStream(manifestJson), manifestJson.length);
            return new Saved(total, stored.size(), written.key(), written.sha256());
        } catch (IOException | SdkException e) {
            throw new WorkspaceFailure("the model store could not save the manifest (" + e.getMessage() + "); try again", e);
        }
    }

    /** Stores one file; reads it again while it changes underneath. Null when it disappeared meanwhile. */
    private ModelManifest.File saveStable(UUID modelId, Path folderReal, Path file, String relative) {
        for (int attempt = 0; attempt <= retries; attempt++) {
            FileState before = FileState.of(file);
            if (before == null) {
                return null;
            }
            // The walk never follows links, but a folder on the way could have become one since: the
            // file's real folder must still be inside the saved folder (the worker is also paused).
            if (!realPath(file.getParent()).startsWith(folderReal)) {
                throw new WorkspaceFailure("'" + relative + "' is no longer inside the folder (a folder on its way was "
                        + "replaced by a link); the save is refused");
            }
            StoredObject object;
            try (InputStream in = Files.newInputStream(file, LinkOption.NOFOLLOW_LINKS)) {
                object = uploader.put(ModelStorageLayout.fileKey(modelId, relative), in, before.size());
            } catch (java.nio.file.NoSuchFileException e) {
                return null;
            } catch (IOException | SdkException e) {
                if (!before.equals(FileState.of(file))) {
                    continue;
                }
                throw new WorkspaceFailure("'" + relative + "' could not be saved (" + e.getMessage() + "); try again", e);
            }
            FileState after = FileState.of(file);
            if (before.equals(after) && object.size() == before.size()) {
                return new ModelManifest.File(relative, object.size(), object.sha256(), null);
            }
            LOG.debugf("'%s' changed while it was saved; reading it again", relative);
        }
        throw new WorkspaceFailure("'" + relative + "' kept changing while it was being saved; let whatever writes it "
                + "finish (or stop the notebook) and save again");
    }

    private static Path realPath(Path path) {
        try {
            return path.toRealPath();
        } catch (IOException e) {
            throw new WorkspaceFailure("the folder changed while it was being saved (" + e.getMessage() + "); save again", e);
        }
    }

    /** A saved model's links must lead inside it however they chain (as a job's copy will resolve them). */
    private static void checkLinks(Path folder, List<Path> files, List<ModelManifest.Link> links) {
        try {
            ModelLinks.check(files.stream().map(file -> relative(folder, file)).toList(), links);
        } catch (ModelLinks.Refused refused) {
            throw new WorkspaceFailure(refused.getMessage() + "; fix the folder's links and save again");
        }
    }

    private static void walk(Path folder, List<Path> files, List<ModelManifest.Link> links) {
        try {
            Files.walkFileTree(folder, new SimpleFileVisitor<>() {
                @Override
                public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                    if (attrs.isRegularFile()) {
                        files.add(file);
                    } else if (attrs.isSymbolicLink()) {
                        link(folder, file, links);
                    }
                    return FileVisitResult.CONTINUE;
                }

                @Override
                public FileVisitResult visitFileFailed(Path file, IOException e) {
                    // Removed while walking: it is not part of the snapshot.
                    return FileVisitResult.CONTINUE;
                }
            });
        } catch (IOException e) {
            throw new WorkspaceFailure("the folder could not be read (" + e.getMessage() + ")", e);
        }
        files.sort(null);
    }

    /** Keeps a link whose target stays inside the folder; a link leading out is left out and never followed. */
    private static void link(Path folder, Path file, List<ModelManifest.Link> links) throws IOException {
        Path target = Files.readSymbolicLink(file);
        Path resolved = file.getParent().resolve(target).normalize();
        if (target.isAbsolute() || !resolved.startsWith(folder)) {
            LOG.infof("left out the link %s: it points outside the folder", relative(folder, file));
            return;
        }
        links.add(new ModelManifest.Link(relative(folder, file), target.toString()));
    }

    private static String relative(Path folder, Path file) {
        return folder.relativize(file).toString().replace(java.io.File.separatorChar, '/');
    }

    /** A file's size and modification time: equal before and after reading means it did not change meanwhile. */
    private record FileState(long size, FileTime modified) {
        static FileState of(Path file) {
            try {
                BasicFileAttributes attrs = Files.readAttributes(file, BasicFileAttributes.class, LinkOption.NOFOLLOW_LINKS);
                return new FileState(attrs.size(), attrs.lastModifiedTime());
            } catch (IOException e) {
                return null;
            }
        }
    }

    @PreDestroy
    void close() throws Exception {
        onClose.close();
    }
}
