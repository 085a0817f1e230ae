package dev.modelstore.api.service;

import dev.modelstore.api.Credential;
import dev.modelstore.api.repository.CredentialRepository;
import dev.modelstore.api.repository.ProjectRepository;
import dev.modelstore.support.rest.ApiException;
import dev.modelstore.support.input.Inputs;
import jakarta.enterprise.context.ApplicationScoped;
import jakarta.transaction.Transactional;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;

/** A project's third-party credentials: stored encrypted, listed without secrets, revealed only to fetchers. */
@ApplicationScoped
public class CredentialService {

    /** The types a project can hold a credential for. */
    /** The longest secret: far more than a key file needs. */
    private static final int MAX_SECRET = 65_536;

    public static final Set<String> TYPES = Set.of("aws", "azure", "gcp", "kaggle", "wasabi", "git");

    private final CredentialRepository credentials;
    private final ProjectRepository projects;
    private final CredentialCipher cipher;

    CredentialService(CredentialRepository credentials, ProjectRepository projects, CredentialCipher cipher) {
        this.credentials = credentials;
        this.projects = projects;
        this.cipher = cipher;
    }

    /** A credential with its secret, for a fetcher. */
    public record Revealed(String type, String keyId, String secret, String tenant) {
        @Override
        public String toString() {
            return "Revealed[type=" + type + ", keyId=" + keyId + ", secret=***]";
        }
    }

    /** Stores (or replaces) the project's credential of the type. */
    @Transactional
    public Credential put(UUID projectId, String type, String keyId, String secret, String tenant) {
        checkProject(projectId);
        checkType(type);
        keyId = Inputs.required("key_id", keyId, 1024);
        if (secret == null || secret.isEmpty()) {
            throw ApiException.badRequest("secret is required");
        }
        // A service-account key file or an ssh private key has line breaks; nothing else unprintable.
        Inputs.multiline("secret", secret, MAX_SECRET);
        Inputs.optional("tenant", tenant, 1024);
        Credential.Key id = new Credential.Key(projectId, type);
        Credential credential = credentials.findByIdOptional(id).orElseGet(Credential::new);
        boolean created = credential.id == null;
        credential.id = id;
        credential.keyId = keyId.trim();
        credential.secret = cipher.encrypt(secret, row(id));
        credential.tenant = tenant == null || tenant.isBlank() ? null : tenant.trim();
        credential.updatedAt = Instant.now().truncatedTo(ChronoUnit.MICROS);
        if (created) {
            credentials.persist(credential);
        }
        return credential;
    }

    /** The project's credentials, without secrets. */
    @Transactional
    public List<Credential> list(UUID projectId) {
        checkProject(projectId);
        return credentials.listByProject(projectId);
    }

    /** Removes the project's credential of the type; 404 when there is none. */
    @Transactional
    public void delete(UUID projectId, String type) {
        checkProject(projectId);
        if (!credentials.deleteById(new Credential.Key(projectId, checkType(type)))) {
            throw ApiException.notFound("project " + projectId + " has no " + type + " credential");
        }
    }

    /** The credential with its secret, if the project has one of the type. */
    @Transactional
    public Optional<Revealed> reveal(UUID projectId, String type) {
        return credentials.findByIdOptional(new Credential.Key(projectId, type))
                .map(c -> new Revealed(type, c.keyId, cipher.decrypt(c.secret, row(c.id)), c.tenant));
    }

    private void checkProject(UUID projectId) {
        if (projects.findById(projectId) == null) {
            throw ApiException.notFound("project " + projectId + " does not exist");
        }
    }

    private static String checkType(String type) {
        if (!TYPES.contains(type)) {
            throw ApiException.badRequest("credential type '" + type + "' is not known: use one of aws, azure, gcp, "
                    + "kaggle, wasabi, git");
        }
        return type;
    }

    private static String row(Credential.Key id) {
        return id.projectId() + "/" + id.type();
    }
}
