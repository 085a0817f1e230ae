package dev.modelstore.api.service;

import dev.modelstore.api.Project;
import dev.modelstore.api.repository.ApiTokenRepository;
import dev.modelstore.api.repository.CredentialRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.api.repository.ProjectRepository;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.UUID;

/** Projects: every model, credential and token belongs to exactly one. */
@ApplicationScoped
public class ProjectService {

    private final ProjectRepository projects;
    private final ModelRepository models;
    private final CredentialRepository credentials;
    private final ApiTokenRepository tokens;
    private final TokenService tokenService;

    ProjectService(ProjectRepository projects, ModelRepository models, CredentialRepository credentials,
            ApiTokenRepository tokens, TokenService tokenService) {
        this.projects = projects;
        this.models = models;
        this.credentials = credentials;
        this.tokens = tokens;
        this.tokenService = tokenService;
    }

    /** A new project and its first token. */
    @Transactional
    public TokenService.Issued create(String name) {
        Project project = new Project();
        project.id = UUID.randomUUID();
        project.name = checkName(name);
        project.createdAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        projects.persist(project);
        return tokenService.issue(project.id, "first token");
    }

    /** The project; 404 when it does not exist. */
    @Transactional
    public Project get(UUID projectId) {
        Project project = projects.findById(projectId);
        if (project == null) {
            throw ApiException.notFound("project " + projectId + " does not exist");
        }
        return project;
    }

    /** Renames the project. */
    @Transactional
    public Project rename(UUID projectId, String name) {
        Project project = get(projectId);
        project.name = checkName(name);
        return project;
    }

    /** Deletes an empty project with its credentials and tokens; 409 while it has models. */
    @Transactional
    public void delete(UUID projectId) {
        Project project = get(projectId);
        long count = models.count("projectId", projectId);
        if (count > 0) {
            throw ApiException.conflict("project " + projectId + " still has " + count + " model(s); delete them first");
        }
        credentials.delete("id.projectId", projectId);
        tokens.delete("projectId", projectId);
        projects.delete(project);
    }

    private static String checkName(String name) {
        return dev.modelstore.support.input.Inputs.required("name", name, dev.modelstore.support.input.Inputs.NAME);
    }
}
