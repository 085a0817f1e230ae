package dev.modelstore.cli;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.IOException;
import java.nio.file.FileVisitResult;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.nio.file.SimpleFileVisitor;
import java.nio.file.attribute.BasicFileAttributes;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.TreeSet;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/**
 * {@code modelstore model verify <id> DIR}: compares a folder with the model's manifest: files
 * missing, files the model does not have ({@code *.part} and {@code *.part.chunks} files of a download are ignored), and files
 * whose size or SHA-256 differ (links: whose target differs). Exit 0 when everything matches, 1 otherwise.
 */
@Command(name = "verify", description = "Compare a folder with a model's manifest: exit 0 when all files match, 1 otherwise.")
final class ModelVerify extends ModelQueries.Base {

    @Parameters(index = "0", description = "the model's id")
    String modelId;

    @Parameters(index = "1", paramLabel = "DIR", description = "the folder to check")
    Path dir;

    /** A file or link that is there but differs from the manifest. */
    record Changed(String path, String reason) {
    }

    /** What differs between a folder and a manifest, each list sorted by path. */
    record Result(int matching, List<String> missing, List<String> extra, List<Changed> changed) {

        /** Whether the folder holds exactly the model. */
        boolean matches() {
            return missing.isEmpty() && extra.isEmpty() && changed.isEmpty();
        }
    }

    @Override
    public Integer call() throws Exception {
        if (!Files.isDirectory(dir)) {
            throw new IllegalArgumentException(dir + " is not a folder");
        }
        Manifest manifest = Manifest.of(api().manifest(modelId));
        Result result = compare(manifest, dir);
        ObjectNode answer = JSON.createObjectNode().put("model_uuid", modelId).put("dir", dir.toString())
                .put("ok", result.matches()).put("matching", result.matching());
        result.missing().forEach(answer.putArray("missing")::add);
        result.extra().forEach(answer.putArray("extra")::add);
        ArrayNode changed = answer.putArray("changed");
        result.changed().forEach(c -> changed.addObject().put("path", c.path()).put("reason", c.reason()));
        print(answer, () -> {
            result.missing().forEach(path -> out().println("missing  " + path));
            result.extra().forEach(path -> out().println("extra    " + path));
            result.changed().forEach(c -> out().println("changed  " + c.path() + " (" + c.reason() + ")"));
            out().printf("%d of %d entries match; %d missing, %d extra, %d changed%n", result.matching(),
                    manifest.files().size() + manifest.links().size(), result.missing().size(), result.extra().size(),
                    result.changed().size());
        });
        return result.matches() ? 0 : 1;
    }

    /** Compares the folder with the manifest (links in the folder are not followed). */
    static Result compare(Manifest manifest, Path dir) throws IOException {
        Map<String, Path> present = contents(dir);
        List<String> missing = new ArrayList<>();
        List<Changed> changed = new ArrayList<>();
        int matching = 0;
        for (Manifest.FileEntry file : manifest.files()) {
            Path path = present.remove(file.path());
            String reason = path == null ? null : fileDifference(file, path);
            if (path == null) {
                missing.add(file.path());
            } else if (reason != null) {
                changed.add(new Changed(file.path(), reason));
            } else {
                matching++;
            }
        }
        for (Manifest.LinkEntry link : manifest.links()) {
            Path path = present.remove(link.path());
            if (path == null) {
                missing.add(link.path());
            } else if (!Files.isSymbolicLink(path)) {
                changed.add(new Changed(link.path(), "not a link; expected a link to " + link.target()));
            } else if (!Files.readSymbolicLink(path).toString().equals(link.target())) {
                changed.add(new Changed(link.path(), "a link to " + Files.readSymbolicLink(path) + ", expected "
                        + link.target()));
            } else {
                matching++;
            }
        }
        List<String> extra = present.keySet().stream().filter(path -> !path.endsWith(".part") && !path.endsWith(".part.chunks"))
                .toList();
        missing.sort(null);
        changed.sort(java.util.Comparator.comparing(Changed::path));
        return new Result(matching, List.copyOf(missing), List.copyOf(new TreeSet<>(extra)), List.copyOf(changed));
    }

    /** Why the file on disk is not the manifest's file, or null when it is. */
    private static String fileDifference(Manifest.FileEntry file, Path path) throws IOException {
        if (Files.isSymbolicLink(path)) {
            return "a link, expected a file";
        }
        if (!Files.isRegularFile(path, LinkOption.NOFOLLOW_LINKS)) {
            return "not a file";
        }
        long size = Files.size(path);
        if (size != file.size()) {
            return "size " + size + ", expected " + file.size();
        }
        String sha256 = Sha256.of(path);
        return sha256.equals(file.sha256()) ? null : "SHA-256 " + sha256 + ", expected " + file.sha256();
    }

    /** The files and links under the folder by model-relative path (folders themselves are not listed). */
    private static Map<String, Path> contents(Path dir) throws IOException {
        Map<String, Path> found = new TreeMap<>();
        Files.walkFileTree(dir, new SimpleFileVisitor<>() {
            @Override
            public FileVisitResult visitFile(Path file, BasicFileAttributes attributes) {
                found.put(dir.relativize(file).toString().replace('\\', '/'), file);
                return FileVisitResult.CONTINUE;
            }
        });
        return found;
    }
}
