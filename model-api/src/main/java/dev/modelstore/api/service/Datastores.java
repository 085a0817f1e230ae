package dev.modelstore.api.service;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

/**
 * The regional datastores a project can create models from: the folders mounted under
 * {@code <datastore root>/<project id>/}, which fetchers read at the same place.
 */
@ApplicationScoped
public class Datastores {

    private final Path root;

    Datastores(ModelApiConfig config) {
        this.root = config.datastoreRoot().toAbsolutePath().normalize();
    }

    /** A datastore: its id is its name. */
    public record Datastore(String id, String name) {
    }

    /** Every mounted datastore, by name. */
    public List<Datastore> list(UUID projectId) {
        Path project = root.resolve(projectId.toString());
        if (!Files.isDirectory(project)) {
            return List.of();
        }
        try (Stream<Path> folders = Files.list(project)) {
            return folders.filter(Files::isDirectory).map(p -> p.getFileName().toString()).sorted()
                    .map(name -> new Datastore(name, name)).toList();
        } catch (IOException e) {
            throw new ApiException(503, "the datastores cannot be listed right now; try again shortly");
        }
    }

    /** Refuses a model whose datastore is not mounted. */
    public void check(UUID projectId, String name) {
        if (list(projectId).stream().noneMatch(d -> d.name().equals(name))) {
            throw ApiException.badRequest("datastore '" + name + "' is not known; GET /project/" + projectId
                    + "/datastores lists the datastores of the project");
        }
    }
}
