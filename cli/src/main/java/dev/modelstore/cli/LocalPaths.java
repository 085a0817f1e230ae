package dev.modelstore.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** Resolves a local model's {@code source_uri} on the user's computer: {@code /abs}, {@code ~/rel}, {@code $VAR/rel}. */
final class LocalPaths {

    private static final Pattern VARIABLE = Pattern.compile("^\\$(\\{([A-Za-z_][A-Za-z0-9_]*)}|([A-Za-z_][A-Za-z0-9_]*))(.*)$");

    private LocalPaths() {
    }

    static Path resolve(String uri, Map<String, String> env, String home) {
        if (uri.equals("~") || uri.startsWith("~/")) {
            return Path.of(home + uri.substring(1)).normalize();
        }
        Matcher variable = VARIABLE.matcher(uri);
        if (variable.matches()) {
            String name = variable.group(2) != null ? variable.group(2) : variable.group(3);
            String value = env.get(name);
            if (value == null) {
                throw new IllegalArgumentException("the environment variable " + name + " (in " + uri + ") is not set");
            }
            return Path.of(value + variable.group(4)).normalize();
        }
        if (uri.startsWith("/")) {
            return Path.of(uri).normalize();
        }
        throw new IllegalArgumentException("'" + uri + "' is not a path starting with /, ~/ or $VAR");
    }
}
