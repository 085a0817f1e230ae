package dev.modelstore.api.logs;

import java.time.Instant;

/**
 * One line of a live log as a stream sends it.
 *
 * @param id     its position in its log (increasing), so a stream resumes after the last line it sent
 * @param stream {@code data_worker} or the {@code job_worker_uuid} of the worker that wrote it
 */
public record LogLine(long id, Instant at, String msg, String stream) {
}
