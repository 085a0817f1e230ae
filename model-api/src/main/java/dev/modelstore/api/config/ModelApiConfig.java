package dev.modelstore.api.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.util.Set;

/** Settings of model-api. */
@ConfigMapping(prefix = "modelstore.api")
public interface ModelApiConfig {

    /**
     * Source types whose fetchers are deployed; a model of any other valid type is refused with 501.
     * Wire names ({@code web}, {@code aws}, …).
     */
    @WithDefault("web,aws,wasabi,azure,gcp,regional,git,kaggle,local")
    Set<String> enabledSourceTypes();

    /**
     * The key that encrypts stored credentials: 32 random bytes, base64. Without it, credentials
     * cannot be stored (the API says so).
     */
    java.util.Optional<String> credentialKey();

    /**
     * The folder where regional datastores are mounted (one sub-folder per datastore), the same
     * folder fetchers read; used to list datastores and to check a model's datastore exists.
     */
    @WithDefault("/var/lib/modelstore/datastores")
    java.nio.file.Path datastoreRoot();

    /** The base URL of the upload receiver that local models are uploaded to (trainML's {@code hostname}). */
    @WithDefault("http://127.0.0.1:8081/uploads")
    String uploadHostname();

    /**
     * The base URL of the export sender that local exports are downloaded from (trainML's
     * {@code hostname} of an exporting model): the fetchers' {@code /exports}.
     */
    @WithDefault("http://127.0.0.1:8081/exports")
    String exportHostname();

    /** URI schemes accepted for {@code web} sources. */
    @WithDefault("http,https,ftp,ftps")
    Set<String> enabledWebSchemes();

    /**
     * How long storage-service's answer about a project's quota is reused when accepting models;
     * {@code 0} asks on every request. Ingests always ask afresh.
     */
    @WithDefault("2s")
    java.time.Duration quotaCheckInterval();

    /**
     * Whether a project's API token may create further projects ({@code POST /project}). Off by
     * default: each project has its own free storage allowance, so creating projects is an
     * operator's action ({@code POST /internal/projects} with the service token). An install whose
     * projects all belong to one team, and that bills nobody, may turn it on.
     */
    @WithDefault("false")
    boolean selfServiceProjects();

    /** How often a live feed ({@code GET /model/events}) checks that its token still works; a revoked token ends it. */
    @WithDefault("30s")
    java.time.Duration feedTokenCheckInterval();

    /** Downloads of model files and archives. */
    Downloads downloads();

    /** The live log stream ({@code GET /ws}, trainML's {@code attach}). */
    LogStreams logStreams();

    /** Settings of the live log stream. */
    interface LogStreams {

        /** How often an open stream looks for new lines. */
        @WithDefault("500ms")
        java.time.Duration pollInterval();

        /** The most streams one project may have open at once (further connections are refused with 429). */
        @WithDefault("16")
        int maxPerProject();

        /** The most streams this instance keeps open at once. */
        @WithDefault("512")
        int maxOpen();

        /** The most lines of history a stream sends first (the latest ones). */
        @WithDefault("10000")
        int historyLines();

        /** How long a job's live-log lines are kept (the whole log stays with job-runner). */
        @WithDefault("30d")
        java.time.Duration jobLogRetention();
    }

    /** Settings of {@code GET /model/{id}/files/…} and {@code GET /model/{id}/archive}. */
    interface Downloads {

        /** How long a presigned store URL ({@code ?redirect=true}) stays valid. */
        @WithDefault("5m")
        java.time.Duration presignedUrlLifetime();

        /**
         * The store's address as clients reach it, for presigned URLs; empty means the address the
         * services use ({@code modelstore.object-store.endpoint}).
         */
        java.util.Optional<java.net.URI> publicStoreEndpoint();

        /** Whether {@code ?redirect=true} is offered at all (off where clients cannot reach the store). */
        @WithDefault("true")
        boolean redirects();

        /** Archives streamed at once, over all projects (each holds a few MiB of read-ahead). */
        @WithDefault("8")
        int maxArchives();

        /** Archives one project may stream at once; more get 429, so one project cannot take them all. */
        @WithDefault("2")
        int maxArchivesPerProject();

        /** Single files streamed at once, over all projects (each holds a store connection and write buffers). */
        @WithDefault("64")
        int maxFileStreams();

        /** Single files one project may stream at once; more get 429 (presigned redirects take no turn). */
        @WithDefault("16")
        int maxFileStreamsPerProject();

        /** Threads that read small files ahead of the archives being written, over all archives. */
        @WithDefault("16")
        int archiveReaders();
    }
}
