package dev.modelstore.jobs.sandbox;

import java.util.List;
import java.util.stream.Collectors;

/** Quoting for the scripts job-runner writes: every value is one single-quoted shell word. */
public final class ShellWords {

    private ShellWords() {
    }

    /** The value as one shell word that the shell never expands. */
    public static String quote(String value) {
        return "'" + value.replace("'", "'\\''") + "'";
    }

    /** The values as shell words, space-separated. */
    public static String join(List<String> values) {
        return values.stream().map(ShellWords::quote).collect(Collectors.joining(" "));
    }
}
