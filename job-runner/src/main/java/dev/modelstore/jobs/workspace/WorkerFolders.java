package dev.modelstore.jobs.workspace;

import dev.modelstore.jobs.config.JobRunnerConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.UUID;

/**
 * Where each worker works: {@code <work root>/<job id>/worker-<n>/} holds its own writable copy of
 * the model ({@code model/}), its output folder ({@code output/}) and its private {@code tmp/}; it is
 * all a sandboxed worker can see of the host's disks. job-runner's files for the worker (script, log,
 * exit code) are in {@code <work root>/<job id>/control/worker-<n>/}, out of the worker's reach. When
 * a job's output is a model, the output path is the model folder.
 */
@ApplicationScoped
public class WorkerFolders {

    private final Path root;

    WorkerFolders(JobRunnerConfig config) {
        this.root = config.workRoot().toAbsolutePath().normalize();
    }

    /** The root every job folder is under (for disk-space checks). */
    public Path root() {
        return root;
    }

    /** Everything of one job. */
    public Path job(UUID jobId) {
        return root.resolve(jobId.toString());
    }

    /** One worker's working directory. */
    public Path worker(UUID jobId, int number) {
        return job(jobId).resolve("worker-" + number);
    }

    /** The worker's copy of the model: {@code TRAINML_MODEL_PATH}. */
    public Path model(UUID jobId, int number) {
        return worker(jobId, number).resolve("model");
    }

    /** The worker's output folder: {@code TRAINML_OUTPUT_PATH} when the output is not a model. */
    public Path output(UUID jobId, int number) {
        return worker(jobId, number).resolve("output");
    }

    /** The worker's private {@code /tmp}. */
    public Path tmp(UUID jobId, int number) {
        return worker(jobId, number).resolve("tmp");
    }

    /** job-runner's own files for the worker: never inside the worker's folder, never visible to the worker. */
    public Path control(UUID jobId, int number) {
        return job(jobId).resolve("control").resolve("worker-" + number);
    }

    /** Removes the job's folders and everything in them (never following links out of them). */
    public void delete(UUID jobId) throws IOException {
        deleteTree(job(jobId));
    }

    /** Removes a folder and everything in it, without following symbolic links. */
    public static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder, java.nio.file.LinkOption.NOFOLLOW_LINKS)) {
            return;
        }
        Files.walkFileTree(folder, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attrs) throws IOException {
                Files.delete(file);
                return FileVisitResult.CONTINUE;
            }

            @Override
            public FileVisitResult postVisitDirectory(Path dir, IOException e) throws IOException {
                Files.delete(dir);
                return FileVisitResult.CONTINUE;
            }
        });
    }
}
