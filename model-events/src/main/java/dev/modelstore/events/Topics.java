package dev.modelstore.events;

import java.util.List;

/** The Kafka topics of Modelstore: the one place their names are spelled. Records are keyed by the model id (job events by the job id, storage-usage events by the project id). */
public final class Topics {

    /** {@link ModelRequested}: model-api → fetcher-worker. */
    public static final String MODEL_REQUESTS = "modelstore.model-requests";

    /** Ingest progress and outcome ({@link ModelIngestEvent}): fetcher-worker → model-api, storage-service. */
    public static final String MODEL_INGEST = "modelstore.model-ingest";

    /** {@link ModelDeleted}: model-api → storage-service, fetcher-worker. */
    public static final String MODEL_LIFECYCLE = "modelstore.model-lifecycle";

    /** {@link JobOutputCompleted}: job-runner → model-api, storage-service. */
    public static final String JOB_OUTPUTS = "modelstore.job-outputs";

    /** {@link JobModelReleased}: job-runner → model-api (a job's hold on its model ends). */
    public static final String JOB_LIFECYCLE = "modelstore.job-lifecycle";

    /** {@link JobLogLines}: job-runner → model-api (the live log stream of jobs). */
    public static final String JOB_LOGS = "modelstore.job-logs";

    /** {@link ModelExportRequested}: model-api → fetcher-worker. */
    public static final String MODEL_EXPORT_REQUESTS = "modelstore.model-export-requests";

    /** Export progress and outcome ({@link ModelExportEvent}): fetcher-worker → model-api. */
    public static final String MODEL_EXPORTS = "modelstore.model-exports";

    /** {@link StorageUsageChanged}: storage-service → ops dashboards. */
    public static final String STORAGE_USAGE = "modelstore.storage-usage";

    /** Every topic, for brokers and health checks that create or verify them up front. */
    public static final List<String> ALL = List.of(MODEL_REQUESTS, MODEL_INGEST, MODEL_LIFECYCLE, JOB_OUTPUTS, JOB_LIFECYCLE,
            STORAGE_USAGE, MODEL_EXPORT_REQUESTS, MODEL_EXPORTS, JOB_LOGS);

    private Topics() {
    }

    /** The topic an event is published to. */
    public static String of(ModelstoreEvent event) {
        if (event instanceof ModelRequested) {
            return MODEL_REQUESTS;
        } else if (event instanceof ModelIngestEvent) {
            return MODEL_INGEST;
        } else if (event instanceof ModelDeleted) {
            return MODEL_LIFECYCLE;
        } else if (event instanceof JobOutputCompleted) {
            return JOB_OUTPUTS;
        } else if (event instanceof JobModelReleased) {
            return JOB_LIFECYCLE;
        } else if (event instanceof JobLogLines) {
            return JOB_LOGS;
        } else if (event instanceof ModelExportRequested) {
            return MODEL_EXPORT_REQUESTS;
        } else if (event instanceof ModelExportEvent) {
            return MODEL_EXPORTS;
        } else if (event instanceof StorageUsageChanged) {
            return STORAGE_USAGE;
        }
        throw new IllegalArgumentException("no topic for event type " + event.getClass().getName());
    }
}
