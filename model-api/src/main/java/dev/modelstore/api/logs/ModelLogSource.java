package dev.modelstore.api.logs;

import dev.modelstore.api.Model;
import dev.modelstore.api.ModelLogEntry;
import dev.modelstore.api.ModelStatus;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.events.JobLogLines;
import io.quarkus.narayana.jta.QuarkusTransaction;
import java.util.Collections;
import java.util.List;
import java.util.UUID;

/**
 * A model's ingest log (stream {@code data_worker}); it ends once the model is {@code ready} or
 * {@code failed} (or deleted) and every line before that was read. The status is read before the
 * lines, and the last line is written with the status, so no line is missed at the end.
 */
final class ModelLogSource implements LogSource {

    private final UUID modelId;
    private final ModelRepository models;
    private final ModelLogRepository log;

    ModelLogSource(UUID modelId, ModelRepository models, ModelLogRepository log) {
        this.modelId = modelId;
        this.models = models;
        this.log = log;
    }

    @Override
    public Page latest(int count) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Long head = log.find("select max(id) from ModelLogEntry where modelId = ?1", modelId).project(Long.class)
                    .firstResult();
            // only lines up to the head: one written meanwhile is sent live, after the history
            List<ModelLogEntry> rows = count <= 0 || head == null ? List.of()
                    : log.find("modelId = ?1 and id <= ?2 order by id desc", modelId, head).page(0, count).list();
            List<LogLine> lines = new java.util.ArrayList<>(rows.stream().map(ModelLogSource::line).toList());
            Collections.reverse(lines);
            return new Page(lines, head == null ? 0 : head, false);
        });
    }

    @Override
    public Page after(long after, int limit) {
        return QuarkusTransaction.requiringNew().call(() -> {
            Model model = models.findById(modelId);
            boolean done = model == null || model.status == ModelStatus.READY || model.status == ModelStatus.FAILED;
            List<ModelLogEntry> rows = log.find("modelId = ?1 and id > ?2 order by id", modelId, after).page(0, limit).list();
            long cursor = rows.isEmpty() ? after : rows.get(rows.size() - 1).id;
            return new Page(rows.stream().map(ModelLogSource::line).toList(), cursor, done && rows.size() < limit);
        });
    }

    private static LogLine line(ModelLogEntry row) {
        return new LogLine(row.id, row.at, row.message, JobLogLines.DATA_WORKER);
    }
}
