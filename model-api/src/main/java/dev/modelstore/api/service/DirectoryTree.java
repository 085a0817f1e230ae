package dev.modelstore.api.service;

import com.fasterxml.jackson.annotation.JsonInclude;
import dev.modelstore.support.objectstore.ModelManifest;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A model's files as the directory tree trainML's {@code /model/{id}/details} answers:
 * {@code {"type":"directory","name":"/","count":…,"size":…,"contents":[…]}}, where a directory's
 * count and size cover every file below it.
 */
@JsonInclude(JsonInclude.Include.NON_NULL)
public record DirectoryTree(String type, String name, Long count, long size, String sha256, String target,
        List<DirectoryTree> contents) {

    /** The tree of a manifest's files and links, each folder's entries sorted by name. */
    public static DirectoryTree of(ModelManifest manifest) {
        Folder root = new Folder();
        for (ModelManifest.File file : manifest.files()) {
            root.folderOf(file.path()).entries.put(leaf(file.path()),
                    new DirectoryTree("file", leaf(file.path()), null, file.size(), file.sha256(), null, null));
        }
        for (ModelManifest.Link link : manifest.links()) {
            root.folderOf(link.path()).entries.put(leaf(link.path()),
                    new DirectoryTree("link", leaf(link.path()), null, 0, null, link.target(), null));
        }
        return root.toTree("/");
    }

    private static String leaf(String path) {
        return path.substring(path.lastIndexOf('/') + 1);
    }

    private static final class Folder {
        private final Map<String, Folder> folders = new TreeMap<>();
        private final Map<String, DirectoryTree> entries = new TreeMap<>();

        Folder folderOf(String path) {
            Folder folder = this;
            String[] parts = path.split("/");
            for (int i = 0; i < parts.length - 1; i++) {
                folder = folder.folders.computeIfAbsent(parts[i], k -> new Folder());
            }
            return folder;
        }

        DirectoryTree toTree(String name) {
            List<DirectoryTree> contents = new ArrayList<>();
            long count = 0;
            long size = 0;
            for (Map.Entry<String, Folder> sub : folders.entrySet()) {
                DirectoryTree tree = sub.getValue().toTree(sub.getKey());
                contents.add(tree);
                count += tree.count();
                size += tree.size();
            }
            for (DirectoryTree entry : entries.values()) {
                contents.add(entry);
                count += entry.type().equals("file") ? 1 : 0;
                size += entry.size();
            }
            return new DirectoryTree("directory", name, count, size, null, null, contents);
        }
    }
}
