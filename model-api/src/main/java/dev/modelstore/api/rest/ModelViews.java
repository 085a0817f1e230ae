package dev.modelstore.api.rest;

import com.fasterxml.jackson.core.type.TypeReference;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.api.Model;
import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.api.export.ExportService;
import dev.modelstore.api.service.ModelJobUses;
import dev.modelstore.api.service.ModelService;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.List;
import java.util.Map;
import java.util.UUID;

/** Builds models' views: active jobs, and the hand-off of a local upload or a local export while one waits. */
@ApplicationScoped
public class ModelViews {

    private final ModelService models;
    private final ModelJobUses jobUses;
    private final ExportService exports;
    private final ObjectMapper json;
    private final String uploadHostname;
    private final String exportHostname;

    ModelViews(ModelService models, ModelJobUses jobUses, ExportService exports, ObjectMapper json, ModelApiConfig config) {
        this.models = models;
        this.jobUses = jobUses;
        this.exports = exports;
        this.json = json;
        this.uploadHostname = config.uploadHostname();
        this.exportHostname = config.exportHostname();
    }

    /** The view of one model. */
    public ModelView of(Model model) {
        return of(model, jobUses.activeCounts(List.of(model.id)));
    }

    /** The view of one of several models whose active job counts are known. */
    public ModelView of(Model model, Map<UUID, Long> activeJobs) {
        long active = activeJobs.getOrDefault(model.id, 0L);
        var handOff = exports.localHandOff(model, exportHostname);
        if (handOff.isPresent()) {
            return ModelView.of(model, active, handOff.get().hostname(), handOff.get().authToken(), handOff.get().outputUri());
        }
        return ModelView.of(model, active, uploadHostname, models.uploadToken(model).orElse(null), null);
    }

    /** The view of one model as a JSON object, for answers that add fields to it. */
    public Map<String, Object> asMap(Model model) {
        return json.convertValue(of(model), new TypeReference<java.util.LinkedHashMap<String, Object>>() { });
    }
}
