package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * A ready model's manifest ({@code GET /model/{id}/manifest}) as the CLI uses it: every file with
 * its size and SHA-256, and the symbolic links. Every path is checked when it is read: none is
 * absolute or contains {@code ..}, so nothing the CLI writes from it can land outside its folder.
 */
record Manifest(String modelId, List<FileEntry> files, List<LinkEntry> links) {

    /** One file of the model. */
    record FileEntry(String path, long size, String sha256) {
    }

    /** One symbolic link of the model; {@code target} is relative to the link's folder. */
    record LinkEntry(String path, String target) {
    }

    Manifest {
        files = List.copyOf(files);
        links = List.copyOf(links);
    }

    /**
     * Reads the API's manifest.
     *
     * @throws SafePaths.Escape when a path would leave the model's folder
     */
    static Manifest of(JsonNode json) throws SafePaths.Escape {
        List<FileEntry> files = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (JsonNode file : json.path("files")) {
            String path = checked(file.path("path").asText(null));
            String sha256 = file.path("sha256").asText("").toLowerCase(Locale.ROOT);
            if (!sha256.matches("[0-9a-f]{64}") || !file.path("size").canConvertToLong() || file.path("size").asLong() < 0) {
                throw new IllegalStateException("the manifest's entry for '" + path + "' has no valid size and SHA-256");
            }
            if (!seen.add(path)) {
                throw new IllegalStateException("the manifest lists '" + path + "' twice");
            }
            files.add(new FileEntry(path, file.path("size").asLong(), sha256));
        }
        List<LinkEntry> links = new ArrayList<>();
        for (JsonNode link : json.path("links")) {
            String path = checked(link.path("path").asText(null));
            String target = link.path("target").asText(null);
            if (!SafePaths.targetStaysInside(path, target)) {
                throw new SafePaths.Escape("the manifest's link '" + path + "' points at '" + target
                        + "', outside the model; refusing to download it");
            }
            if (!seen.add(path)) {
                throw new IllegalStateException("the manifest lists '" + path + "' twice");
            }
            links.add(new LinkEntry(path, target));
        }
        return new Manifest(json.path("modelId").asText(null), files, links);
    }

    /** The bytes of the files given. */
    static long bytes(List<FileEntry> files) {
        return files.stream().mapToLong(FileEntry::size).sum();
    }

    private static String checked(String path) throws SafePaths.Escape {
        try {
            return SafePaths.relative(path);
        } catch (SafePaths.Escape e) {
            throw new SafePaths.Escape("the manifest names a file outside the model (" + e.getMessage()
                    + "); refusing to download it");
        }
    }
}
