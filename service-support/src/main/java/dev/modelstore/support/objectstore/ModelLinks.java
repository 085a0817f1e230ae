package dev.modelstore.support.objectstore;

import java.util.ArrayDeque;
import java.util.Deque;
import java.util.Map;
import java.util.Set;

/**
 * The checks a model's symbolic links must pass once all of its entries are known, judged on where a
 * link really leads (as the file system of a job's copy will resolve it), not on its text: no path
 * is both a file and a link, nothing is stored inside a link (as {@code p/x} with {@code p} a link),
 * and every link, followed through the model's other links, ends inside the model. Link chains are
 * followed at most {@value #MAX_HOPS} times, as the kernel does ({@code ELOOP}).
 */
public final class ModelLinks {

    static final int MAX_HOPS = 40;

    /** A model whose links break a rule; the message says which entry and why. */
    public static final class Refused extends RuntimeException {
        public Refused(String message) {
            super(message);
        }
    }

    private ModelLinks() {
    }

    /**
     * Refuses the model ({@link Refused}) when a link breaks a rule.
     *
     * @param filePaths the model's file paths
     * @param modelLinks the model's links, their targets as written
     */
    public static void check(java.util.Collection<String> filePaths, java.util.Collection<ModelManifest.Link> modelLinks) {
        Set<String> files = Set.copyOf(filePaths);
        Map<String, String> links = new java.util.HashMap<>();
        modelLinks.forEach(link -> links.put(link.path(), link.target()));
        for (String link : links.keySet()) {
            if (files.contains(link)) {
                throw new Refused("the archive has both a file and a link at '" + link + "'; it is refused");
            }
        }
        for (String path : concat(files, links.keySet())) {
            String inside = parentLink(path, links);
            if (inside != null) {
                throw new Refused("the entry '" + path + "' is inside the link '" + inside + "'; an archive "
                        + "may not store entries through a link, so it is refused");
            }
        }
        for (Map.Entry<String, String> link : links.entrySet()) {
            resolve(link.getKey(), links);
        }
    }

    /** The first proper prefix of {@code path} that is a link, or null. */
    private static String parentLink(String path, Map<String, String> links) {
        int slash = path.indexOf('/');
        while (slash > 0) {
            String prefix = path.substring(0, slash);
            if (links.containsKey(prefix)) {
                return prefix;
            }
            slash = path.indexOf('/', slash + 1);
        }
        return null;
    }

    /** Where the link really leads, relative to the model root; refuses one that leaves the model or loops. */
    public static String resolve(String linkPath, Map<String, String> links) {
        Deque<String> location = new ArrayDeque<>();
        int slash = linkPath.lastIndexOf('/');
        if (slash > 0) {
            for (String part : linkPath.substring(0, slash).split("/")) {
                location.addLast(part);
            }
        }
        Deque<String> pending = new ArrayDeque<>();
        push(pending, links.get(linkPath));
        int hops = 0;
        while (!pending.isEmpty()) {
            String part = pending.pop();
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (location.isEmpty()) {
                    throw escape(linkPath, links.get(linkPath));
                }
                location.removeLast();
                continue;
            }
            location.addLast(part);
            String here = String.join("/", location);
            String target = links.get(here);
            if (target != null) {
                if (++hops > MAX_HOPS) {
                    throw new Refused("the link '" + linkPath + "' leads through more than " + MAX_HOPS
                            + " links (a loop); the archive is refused");
                }
                if (target.startsWith("/")) {
                    throw escape(linkPath, links.get(linkPath));
                }
                location.removeLast();
                push(pending, target);
            }
        }
        return String.join("/", location);
    }

    private static void push(Deque<String> pending, String target) {
        String[] parts = target.split("/");
        for (int i = parts.length - 1; i >= 0; i--) {
            pending.push(parts[i]);
        }
    }

    private static Refused escape(String link, String target) {
        return new Refused("the link '" + link + "' leads outside the model (to '" + target + "', followed "
                + "through the model's other links); links must stay inside the model");
    }

    private static Iterable<String> concat(Set<String> a, Set<String> b) {
        java.util.List<String> all = new java.util.ArrayList<>(a);
        all.addAll(b);
        return all;
    }
}
