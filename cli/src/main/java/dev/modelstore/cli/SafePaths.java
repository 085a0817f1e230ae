package dev.modelstore.cli;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.LinkOption;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Keeps what the CLI writes inside the folder it writes to: model-relative paths that are never
 * absolute and never contain {@code ..}, and symbolic links (existing ones, or ones being created)
 * that are followed step by step and must stay inside the folder at every step.
 */
final class SafePaths {

    /** How many links a path may go through before it counts as a loop. */
    private static final int MAX_LINKS = 40;

    private SafePaths() {
    }

    /** A path or link that would leave the folder. */
    static final class Escape extends IOException {
        Escape(String message) {
            super(message);
        }
    }

    /**
     * A model-relative path with {@code /} separators, without {@code .} or empty segments (a
     * trailing {@code /} is dropped).
     *
     * @throws Escape for an absolute path, a {@code ..} segment, a NUL character or an empty path
     */
    static String relative(String path) throws Escape {
        if (path == null || path.isEmpty() || path.indexOf('\0') >= 0) {
            throw new Escape("the path '" + path + "' is empty or not valid");
        }
        if (path.startsWith("/") || path.startsWith("\\") || path.matches("^[A-Za-z]:[\\\\/].*")) {
            throw new Escape("the path '" + path + "' is absolute");
        }
        List<String> parts = new ArrayList<>();
        for (String part : path.split("/")) {
            if (part.equals("..")) {
                throw new Escape("the path '" + path + "' contains '..'");
            }
            if (!part.isEmpty() && !part.equals(".")) {
                parts.add(part);
            }
        }
        if (parts.isEmpty()) {
            throw new Escape("the path '" + path + "' names no file");
        }
        return String.join("/", parts);
    }

    /**
     * Whether a link at {@code linkPath} (model-relative) with {@code target} (relative to the link's
     * folder) stays inside the model on its own, judged on the names alone.
     */
    static boolean targetStaysInside(String linkPath, String target) {
        if (target == null || target.isEmpty() || target.indexOf('\0') >= 0 || target.startsWith("/")
                || target.startsWith("\\") || target.matches("^[A-Za-z]:[\\\\/].*")) {
            return false;
        }
        int depth = linkPath.split("/").length - 1;
        for (String part : target.split("/")) {
            if (part.equals("..")) {
                depth--;
                if (depth < 0) {
                    return false;
                }
            } else if (!part.isEmpty() && !part.equals(".")) {
                depth++;
            }
        }
        return true;
    }

    /**
     * Where the model-relative {@code path} lands under {@code root} (a real path): its folders with
     * every link in them followed (each must stay inside {@code root}), and its last name as is, not
     * followed, so it can be replaced.
     */
    static Path resolve(Path root, String path) throws IOException {
        String clean = relative(path);
        int slash = clean.lastIndexOf('/');
        Path folder = slash < 0 ? root : follow(root, root, clean.substring(0, slash), clean, 0);
        return folder.resolve(clean.substring(slash + 1));
    }

    /**
     * Checks that a link at {@code link} (whose folder is a real path inside {@code root}) pointing at
     * {@code target} stays inside {@code root}, following any link on the way.
     */
    static void checkLink(Path root, Path link, String target) throws IOException {
        if (target == null || target.isEmpty() || Path.of(target).isAbsolute() || target.indexOf('\0') >= 0) {
            throw new Escape("the link '" + root.relativize(link) + "' points at '" + target
                    + "': a link's target must be a relative path");
        }
        follow(root, link.getParent(), target, root.relativize(link) + " -> " + target, 0);
    }

    /**
     * Walks {@code relative} from {@code from}, replacing each existing link by where it leads; every
     * step must stay inside {@code root}. Names that do not exist yet are taken as they are.
     */
    private static Path follow(Path root, Path from, String relative, String what, int links) throws IOException {
        Path current = from;
        for (String part : relative.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                current = current.getParent();
            } else {
                current = current.resolve(part);
                if (Files.isSymbolicLink(current)) {
                    if (links >= MAX_LINKS) {
                        throw new Escape("'" + what + "' goes through too many links");
                    }
                    Path target = Files.readSymbolicLink(current);
                    if (target.isAbsolute()) {
                        current = existingReal(current, target.normalize());
                    } else {
                        current = follow(root, current.getParent(), target.toString(), what, links + 1);
                    }
                }
            }
            if (current == null || !current.startsWith(root)) {
                throw new Escape("'" + what + "' would leave " + root);
            }
        }
        return current;
    }

    /** An absolute link's destination: its real path when it exists, else the link's own words. */
    private static Path existingReal(Path link, Path target) throws IOException {
        return Files.exists(link) ? link.toRealPath() : target;
    }

    /** Whether the path exists as itself (a link counts, whatever it points at). */
    static boolean present(Path path) {
        return Files.exists(path, LinkOption.NOFOLLOW_LINKS);
    }
}
