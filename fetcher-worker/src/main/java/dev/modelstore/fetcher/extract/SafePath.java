package dev.modelstore.fetcher.extract;

import dev.modelstore.fetcher.IngestFailure;
import java.util.ArrayDeque;
import java.util.Deque;

/**
 * Turns a name from a source or an archive into a path relative to the model root, or refuses it.
 * Nothing that passes can point outside the model: no absolute paths, drive letters, backslashes,
 * control characters or {@code ..} segments; {@code .} segments and repeated slashes are dropped.
 */
public final class SafePath {

    private static final int MAX_LENGTH = 1024;

    private SafePath() {
    }

    /**
     * The normalised relative path.
     *
     * @throws IngestFailure naming the entry when it would escape the model
     */
    public static String of(String name) {
        if (name == null || name.isEmpty()) {
            throw new IngestFailure("an entry has an empty name");
        }
        if (name.length() > MAX_LENGTH) {
            throw new IngestFailure("an entry name is longer than " + MAX_LENGTH + " characters: " + shorten(name));
        }
        if (name.startsWith("/") || name.indexOf('\\') >= 0 || name.matches("^[A-Za-z]:.*")
                || name.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
            throw escape(name);
        }
        Deque<String> parts = new ArrayDeque<>();
        for (String part : name.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                throw escape(name);
            }
            parts.addLast(part);
        }
        if (parts.isEmpty()) {
            throw new IngestFailure("an entry has no file name: '" + shorten(name) + "'");
        }
        return String.join("/", parts);
    }

    /**
     * Resolves a symbolic link's target against the folder of the link, refusing targets that leave
     * the model.
     *
     * @return the target's path relative to the model root
     */
    public static String linkTarget(String linkPath, String target) {
        if (target == null || target.isEmpty() || target.startsWith("/") || target.indexOf('\\') >= 0) {
            throw new IngestFailure("the link '" + shorten(linkPath) + "' points outside the model (to '"
                    + shorten(String.valueOf(target)) + "'); links must stay inside the model");
        }
        Deque<String> parts = new ArrayDeque<>();
        int slash = linkPath.lastIndexOf('/');
        if (slash > 0) {
            for (String part : linkPath.substring(0, slash).split("/")) {
                parts.addLast(part);
            }
        }
        for (String part : target.split("/")) {
            if (part.isEmpty() || part.equals(".")) {
                continue;
            }
            if (part.equals("..")) {
                if (parts.isEmpty()) {
                    throw new IngestFailure("the link '" + shorten(linkPath) + "' points outside the model (to '"
                            + shorten(target) + "'); links must stay inside the model");
                }
                parts.removeLast();
            } else {
                parts.addLast(part);
            }
        }
        return String.join("/", parts);
    }

    private static IngestFailure escape(String name) {
        return new IngestFailure("the entry '" + shorten(name) + "' would be written outside the model "
                + "(absolute path, '..' or backslash); the archive is refused");
    }

    private static String shorten(String name) {
        String printable = name.replaceAll("\\p{Cntrl}", "?");
        return printable.length() > 200 ? printable.substring(0, 200) + "…" : printable;
    }
}
