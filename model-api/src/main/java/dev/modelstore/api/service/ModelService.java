package dev.modelstore.api.service;

import dev.modelstore.support.rest.ApiException;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.Project;
import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.api.repository.ProjectRepository;
import dev.modelstore.events.ModelDeleted;
import dev.modelstore.events.ModelRequested;
import dev.modelstore.events.SourceType;
import dev.modelstore.support.auth.ApiTokens;
import dev.modelstore.support.input.Inputs;
import dev.modelstore.support.input.Redaction;
import dev.modelstore.support.outbox.Outbox;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Creating, reading, renaming and deleting models; each change commits with the event announcing it. */
@ApplicationScoped
public class ModelService {

    private final ModelRepository models;
    private final ProjectRepository projects;
    private final Outbox outbox;
    private final ModelApiConfig config;
    private final Datastores datastores;
    private final QuotaGate quota;
    private final CredentialCipher cipher;
    private final ModelJobUses jobUses;
    private final ModelLogRepository log;
    private final EnabledSources enabled;

    ModelService(ModelRepository models, ProjectRepository projects, Outbox outbox, ModelApiConfig config,
            Datastores datastores, QuotaGate quota, CredentialCipher cipher, ModelJobUses jobUses,
            ModelLogRepository log, EnabledSources enabled) {
        this.enabled = enabled;
        this.jobUses = jobUses;
        this.log = log;
        this.models = models;
        this.projects = projects;
        this.outbox = outbox;
        this.config = config;
        this.datastores = datastores;
        this.quota = quota;
        this.cipher = cipher;
    }

    /** The upload token of a local model still waiting for its upload, for the model's JSON. */
    public java.util.Optional<String> uploadToken(Model model) {
        if (model.uploadToken == null || model.status.isFinal()) {
            return java.util.Optional.empty();
        }
        return java.util.Optional.of(cipher.decrypt(model.uploadToken, "upload/" + model.id));
    }

    /** What a caller asks for when creating a model. */
    public record NewModel(String name, String sourceType, String sourceUri, UUID projectId, String type,
            Map<String, String> sourceOptions) {
    }

    /** A request that passed every check, ready to store. */
    private record Checked(String name, SourceType sourceType, String uri, Map<String, String> options, Project project) {
    }

    /**
     * Runs every check {@link #create} runs, storing nothing: 400/403/404/501 with the same message
     * a create would get. Forms use it to validate before they send.
     */
    @Transactional
    public void validate(NewModel request) {
        check(request);
    }

    private Checked check(NewModel request) {
        String name = checkName(request.name());
        Inputs.optional("source_type", request.sourceType(), Inputs.SHORT);
        Inputs.optional("type", request.type(), Inputs.SHORT);
        Inputs.optional("source_uri", request.sourceUri(), Inputs.URI);
        Inputs.options("source_options", request.sourceOptions(), Inputs.OPTION_VALUE);
        if (request.sourceType() == null || request.sourceType().isBlank()) {
            throw ApiException.badRequest("source_type is required: one of aws, azure, gcp, git, kaggle, local, wasabi, "
                    + "web, regional");
        }
        SourceType sourceType = SourceType.fromWireName(request.sourceType()).filter(SourceType::requestable)
                .orElseThrow(() -> ApiException.badRequest("source_type '" + request.sourceType()
                        + "' is not known: use one of aws, azure, gcp, git, kaggle, local, wasabi, web, regional "
                        + "(models from jobs are made by a job whose data.output_type is 'trainml')"));
        Map<String, String> options = request.sourceOptions() == null ? Map.of() : request.sourceOptions();
        String uri = request.sourceUri() == null ? null : request.sourceUri().trim();
        SourceUriRules.check(sourceType, uri, options);
        enabled.check(sourceType, uri);
        Project project = project(request.projectId());
        if (sourceType == SourceType.REGIONAL) {
            datastores.check(project.id, uri);
        }
        quota.check(project.id);
        return new Checked(name, sourceType, uri, options, project);
    }

    /** Stores the model as {@code new} and, in the same transaction, its {@link ModelRequested} event. */
    @Transactional
    public Model create(NewModel request) {
        Checked checked = check(request);
        String name = checked.name();
        SourceType sourceType = checked.sourceType();
        String uri = checked.uri();
        Map<String, String> options = checked.options();
        Project project = checked.project();

        Model model = new Model();
        model.id = UUID.randomUUID();
        model.projectId = project.id;
        model.name = name;
        model.type = request.type() == null || request.type().isBlank() ? "model" : request.type();
        model.status = ModelStatus.NEW;
        model.sourceType = sourceType;
        model.sourceUri = uri;
        model.sourceOptions = Map.copyOf(options);
        model.createdAt = now();
        model.updatedAt = model.createdAt;
        Map<String, String> eventOptions = model.sourceOptions;
        if (sourceType == SourceType.LOCAL) {
            // The token goes to the user (in the model's JSON) and, hashed, to the receiver; never the token in an event.
            String token = ApiTokens.generate();
            model.uploadToken = cipher.encrypt(token, "upload/" + model.id);
            eventOptions = new java.util.HashMap<>(model.sourceOptions);
            eventOptions.put("upload_token_sha256", ApiTokens.hash(token));
        }
        models.persist(model);
        log.append(model.id, model.createdAt, "requested from " + sourceType + " " + Redaction.urls(uri));
        outbox.append(new ModelRequested(UUID.randomUUID(), model.createdAt, model.id, project.id, sourceType, uri,
                eventOptions));
        return model;
    }


    /** One model; 404 when it does not exist in the project (or was deleted). */
    @Transactional
    public Model get(UUID modelId, UUID projectId) {
        return models.findInProject(modelId, project(projectId).id)
                .orElseThrow(() -> ApiException.notFound("model " + modelId + " does not exist"));
    }

    /** The model's ingest log, oldest line first. */
    @Transactional
    public List<dev.modelstore.api.ModelLogEntry> log(UUID modelId) {
        return log.of(modelId);
    }

    /** Renames the model; its files never change. */
    @Transactional
    public Model rename(UUID modelId, UUID projectId, String newName) {
        Model model = get(modelId, projectId);
        model.name = checkName(newName);
        model.updatedAt = now();
        return model;
    }

    /**
     * Deletes the model for good and announces {@link ModelDeleted}, which removes its objects. A model
     * still downloading (or exporting) is deleted only with {@code force}, which cancels the download
     * (or the export: the fetcher running it stops when it sees the deletion). A model that
     * active jobs use is never deleted (409 naming them), whatever {@code force} says.
     */
    @Transactional
    public void delete(UUID modelId, UUID projectId, boolean force) {
        Model model = get(modelId, projectId);
        model = models.findForUpdate(model.id).orElseThrow(() -> ApiException.notFound("model " + modelId + " does not exist"));
        jobUses.checkUnused(model.id);
        if (model.status == ModelStatus.EXPORTING && !force) {
            throw ApiException.conflict("model " + modelId + " is exporting; delete it with force=true to cancel the "
                    + "export, or wait for the export to end");
        }
        if (!model.status.isFinal() && !force) {
            throw ApiException.conflict("model " + modelId + " is still " + model.status.wireName()
                    + "; delete it with force=true to cancel the download");
        }
        models.delete(model);
        outbox.append(new ModelDeleted(UUID.randomUUID(), now(), model.id, model.projectId));
    }

    private Project project(UUID projectId) {
        Project project = projects.findById(projectId);
        if (project == null) {
            throw ApiException.notFound("project " + projectId + " does not exist");
        }
        return project;
    }


    private static String checkName(String name) {
        return Inputs.required("name", name, Inputs.NAME);
    }

    private static Instant now() {
        return Instant.now().truncatedTo(ChronoUnit.MICROS);
    }
}
