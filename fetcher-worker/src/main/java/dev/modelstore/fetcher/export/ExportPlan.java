package dev.modelstore.fetcher.export;

import dev.modelstore.support.objectstore.ModelLinks;
import dev.modelstore.support.objectstore.ModelManifest;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * What a store export writes: every file of the model at its path, and, since object stores and
 * datastores hold no links, each link to a file as a copy of that file; links to folders cannot be
 * written and are named in the export's note.
 *
 * @param note what the person who asked should know, or null
 */
public record ExportPlan(List<Item> items, long bytes, String note) {

    /** One file to write: its path at the target and the manifest entry whose bytes it gets. */
    public record Item(String path, ModelManifest.File file) {
    }

    /** The plan of a model. */
    public static ExportPlan of(ModelManifest manifest) {
        List<Item> items = new ArrayList<>();
        Map<String, ModelManifest.File> files = new HashMap<>();
        long bytes = 0;
        for (ModelManifest.File file : manifest.files()) {
            files.put(file.path(), file);
            items.add(new Item(file.path(), file));
            bytes += file.size();
        }
        Map<String, String> links = new HashMap<>();
        manifest.links().forEach(l -> links.put(l.path(), l.target()));
        List<String> skipped = new ArrayList<>();
        for (ModelManifest.Link link : manifest.links()) {
            ModelManifest.File target = files.get(ModelLinks.resolve(link.path(), links));
            if (target == null) {
                skipped.add(link.path());
            } else {
                items.add(new Item(link.path(), target));
                bytes += target.size();
            }
        }
        String note = null;
        if (!manifest.links().isEmpty()) {
            note = (manifest.links().size() - skipped.size()) + " links written as copies of their files"
                    + (skipped.isEmpty() ? "" : "; " + skipped.size() + " links to folders not written (stores hold no "
                    + "links): " + String.join(", ", skipped.subList(0, Math.min(5, skipped.size())))
                    + (skipped.size() > 5 ? ", …" : ""));
        }
        return new ExportPlan(List.copyOf(items), bytes, note);
    }
}
