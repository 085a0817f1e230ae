package dev.modelstore.cli;

import java.nio.file.FileSystems;
import java.nio.file.Path;
import java.nio.file.PathMatcher;
import java.util.List;

/**
 * Which of a model's paths {@code --include} and {@code --exclude} select, with
 * {@link java.nio.file.FileSystem#getPathMatcher} {@code glob:} semantics on the model-relative path
 * ({@code *} stays within a folder, {@code **} crosses folders): no include selects every path, an
 * exclude always wins.
 */
final class FileSelection {

    private final List<PathMatcher> include;
    private final List<PathMatcher> exclude;

    private FileSelection(List<PathMatcher> include, List<PathMatcher> exclude) {
        this.include = include;
        this.exclude = exclude;
    }

    /**
     * The selection of the globs given (either list may be null).
     *
     * @throws IllegalArgumentException naming a glob that is not valid
     */
    static FileSelection of(List<String> include, List<String> exclude) {
        return new FileSelection(matchers(include), matchers(exclude));
    }

    /** Whether the model-relative path is selected. */
    boolean selects(String path) {
        Path relative = Path.of(path);
        if (exclude.stream().anyMatch(m -> m.matches(relative))) {
            return false;
        }
        return include.isEmpty() || include.stream().anyMatch(m -> m.matches(relative));
    }

    /** Whether any glob was given. */
    boolean filters() {
        return !include.isEmpty() || !exclude.isEmpty();
    }

    private static List<PathMatcher> matchers(List<String> globs) {
        if (globs == null) {
            return List.of();
        }
        return globs.stream().map(glob -> {
            try {
                return FileSystems.getDefault().getPathMatcher("glob:" + glob);
            } catch (IllegalArgumentException e) {
                throw new IllegalArgumentException("'" + glob + "' is not a valid glob: " + e.getMessage(), e);
            }
        }).toList();
    }
}
