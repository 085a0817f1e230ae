package dev.modelstore.cli;

import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/**
 * {@code modelstore model download <id> [DIR]}: a ready model's files, fetched in parallel from
 * {@code GET /model/{id}/files/{path}}, each resumable and checked against the manifest's SHA-256,
 * and its links; nothing is written outside {@code DIR}. Running it again resumes what is missing.
 */
@Command(name = "download", description = "Download a ready model's files into a folder (resumable, checked by SHA-256).")
final class ModelDownload extends ModelQueries.Base {

    @Parameters(index = "0", description = "the model's id")
    String modelId;

    @Parameters(index = "1", arity = "0..1", paramLabel = "DIR",
            description = "the folder to download into (default: ./<model name>)")
    Path dir;

    @Option(names = "--parallel", defaultValue = "8", description = "files fetched at once (default: ${DEFAULT-VALUE})")
    int parallel;

    @Option(names = "--streams", defaultValue = "8",
            description = "ranges of one large file (64 MiB and more) fetched at once (default: ${DEFAULT-VALUE})")
    int streams;

    @Option(names = "--include", description = "download only paths matching this glob, e.g. '**.json' (repeatable)")
    List<String> include = new ArrayList<>();

    @Option(names = "--exclude", description = "skip paths matching this glob, e.g. '*.bin' (repeatable; wins over --include)")
    List<String> exclude = new ArrayList<>();

    @Option(names = "--progress", description = "show the progress line even when stderr is not a terminal")
    boolean progress;

    @Option(names = "--quiet", description = "show no progress line")
    boolean quiet;

    /** What a download did. */
    record Summary(int fetched, int alreadyThere, int links, long bytes, long transferred) {
    }

    @Override
    public Integer call() throws Exception {
        if (streams < 1 || streams > 32) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--streams must be between 1 and 32");
        }
        if (parallel < 1 || parallel > 64) {
            throw new CommandLine.ParameterException(spec.commandLine(), "--parallel must be between 1 and 64");
        }
        FileSelection selection;
        try {
            selection = FileSelection.of(include, exclude);
        } catch (IllegalArgumentException e) {
            throw new CommandLine.ParameterException(spec.commandLine(), e.getMessage());
        }
        ModelstoreApi api = api();
        Manifest manifest = Manifest.of(api.manifest(modelId));
        Path folder = dir != null ? dir : Path.of(folderName(api.model(modelId).path("name").asText(""), modelId));
        List<Manifest.FileEntry> files = manifest.files().stream().filter(f -> selection.selects(f.path()))
                .sorted(Comparator.comparingLong(Manifest.FileEntry::size).reversed()).toList();
        List<Manifest.LinkEntry> links = manifest.links().stream().filter(l -> selection.selects(l.path())).toList();
        if (files.isEmpty() && links.isEmpty() && selection.filters()) {
            throw new IllegalArgumentException("no file of model " + modelId + " matches --include/--exclude");
        }
        checkNoPartClash(files);
        boolean shown = !quiet && (progress || DownloadProgress.stderrIsTerminal());
        Summary summary;
        try (DownloadProgress bar = new DownloadProgress(err(), Manifest.bytes(files), files.size(), shown)) {
            summary = download(api, folder, files, links, bar);
        } catch (Failed failed) {
            failed.failures.forEach(failure -> err().println("failed: " + failure));
            throw new IllegalStateException(failed.failures.size() + " of " + files.size()
                    + " files could not be downloaded; run the same command again to resume");
        }
        ObjectNode result = JSON.createObjectNode().put("model_uuid", modelId).put("dir", folder.toString())
                .put("fetched", summary.fetched()).put("already_there", summary.alreadyThere())
                .put("links", summary.links()).put("bytes", summary.bytes()).put("transferred", summary.transferred());
        print(result, () -> out().printf("downloaded model %s into %s: %d files fetched, %d already there, %d links, %s%n",
                modelId, folder, summary.fetched(), summary.alreadyThere(), summary.links(),
                DownloadProgress.size(summary.bytes())));
        return 0;
    }

    /** Fetches the files, {@code parallel} at once, then makes the links. */
    private Summary download(ModelstoreApi api, Path folder, List<Manifest.FileEntry> files,
            List<Manifest.LinkEntry> links, DownloadProgress bar) throws Exception {
        Files.createDirectories(folder);
        Path root = folder.toRealPath();
        // Files fetched in one stream are read from the store itself where the API hands out links
        // (large files find their own redirect, range by range).
        DirectLinks direct = new DirectLinks(files.stream()
                .filter(f -> streams == 1 || f.size() < ChunkedFetch.THRESHOLD).map(Manifest.FileEntry::path).toList(),
                paths -> api.downloadLinks(modelId, paths), java.time.Clock.systemUTC());
        FileFetcher fetcher = new FileFetcher(path -> api.fileSource(modelId, path), bar, 1000, streams)
                .withLinks(direct);
        ExecutorService pool = Executors.newFixedThreadPool(parallel, runnable -> {
            Thread thread = new Thread(runnable, "download");
            thread.setDaemon(true);
            return thread;
        });
        Map<String, Future<FileFetcher.Outcome>> running = new TreeMap<>();
        try {
            for (Manifest.FileEntry file : files) {
                running.put(file.path(), pool.submit(() -> {
                    Path target = SafePaths.resolve(root, file.path());
                    Files.createDirectories(target.getParent());
                    return fetcher.fetch(file, target);
                }));
            }
            int fetched = 0;
            int there = 0;
            List<String> failures = new ArrayList<>();
            for (Map.Entry<String, Future<FileFetcher.Outcome>> entry : running.entrySet()) {
                try {
                    if (entry.getValue().get() == FileFetcher.Outcome.FETCHED) {
                        fetched++;
                    } else {
                        there++;
                    }
                } catch (ExecutionException e) {
                    failures.add(entry.getKey() + ": " + java.util.Objects.requireNonNullElse(e.getCause().getMessage(),
                            e.getCause().toString()));
                }
            }
            if (!failures.isEmpty()) {
                throw new Failed(failures);
            }
            int made = makeLinks(root, links);
            return new Summary(fetched, there, made, Manifest.bytes(files), bar.transferredBytes());
        } finally {
            pool.shutdownNow();
            direct.close();
        }
    }

    /** Files that could not be downloaded, each with why. */
    private static final class Failed extends Exception {
        final List<String> failures;

        Failed(List<String> failures) {
            super(failures.size() + " files failed");
            this.failures = failures;
        }
    }

    /** Creates the links (target as written), each checked to stay inside {@code root}; answers how many. */
    static int makeLinks(Path root, List<Manifest.LinkEntry> links) throws IOException {
        for (Manifest.LinkEntry link : links) {
            Path path = SafePaths.resolve(root, link.path());
            Files.createDirectories(path.getParent());
            SafePaths.checkLink(root, path, link.target());
            if (Files.isSymbolicLink(path)) {
                if (Files.readSymbolicLink(path).toString().equals(link.target())) {
                    continue;
                }
                Files.delete(path);
            } else if (SafePaths.present(path)) {
                throw new IOException("cannot make the link '" + link.path() + "': something else is there");
            }
            Files.createSymbolicLink(path, Path.of(link.target()));
        }
        // Once every link is there, each one is followed again: one made later may have changed where another leads.
        for (Manifest.LinkEntry link : links) {
            Path path = SafePaths.resolve(root, link.path());
            try {
                SafePaths.checkLink(root, path, link.target());
            } catch (SafePaths.Escape e) {
                Files.deleteIfExists(path);
                throw e;
            }
        }
        return links.size();
    }

    /** The default folder: the model's name as one folder name (its id when the name cannot be one). */
    static String folderName(String name, String modelId) {
        String folder = name.replace('/', '-').replace('\\', '-').replace('\0', '-').strip();
        return folder.isEmpty() || folder.equals(".") || folder.equals("..") ? modelId : folder;
    }

    /** A file named like another's part file would be overwritten by that download. */
    private static void checkNoPartClash(List<Manifest.FileEntry> files) {
        Set<String> paths = new HashSet<>();
        files.forEach(f -> paths.add(f.path()));
        for (String path : paths) {
            for (String suffix : new String[] {".part", ".part.chunks"}) {
                if (paths.contains(path + suffix)) {
                    throw new IllegalStateException("the model has both '" + path + "' and '" + path + suffix
                            + "', which the download of the first writes to; download them separately with --exclude");
                }
            }
        }
    }
}
