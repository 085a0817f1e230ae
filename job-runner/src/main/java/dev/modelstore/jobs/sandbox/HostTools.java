package dev.modelstore.jobs.sandbox;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds the host programs the sandbox is built from, and who job-runner runs as. */
final class HostTools {

    private HostTools() {
    }

    /** The program's absolute path: as configured when absolute, else found on PATH or in the system folders. */
    static Optional<Path> find(String program) {
        if (program.contains("/")) {
            Path path = Path.of(program);
            return Files.isExecutable(path) ? Optional.of(path) : Optional.empty();
        }
        List<String> folders = new ArrayList<>();
        String path = System.getenv("PATH");
        if (path != null) {
            folders.addAll(List.of(path.split(":")));
        }
        folders.addAll(List.of("/usr/bin", "/usr/sbin", "/bin", "/sbin"));
        return folders.stream().filter(f -> !f.isBlank()).map(f -> Path.of(f, program)).filter(Files::isExecutable)
                .findFirst();
    }

    /** The host uid job-runner runs as. */
    static int currentUid() {
        try {
            return ((Number) Files.getAttribute(Path.of("/proc/self"), "unix:uid")).intValue();
        } catch (IOException | UnsupportedOperationException | IllegalArgumentException e) {
            return "root".equals(System.getProperty("user.name")) ? 0 : 1000;
        }
    }
}
