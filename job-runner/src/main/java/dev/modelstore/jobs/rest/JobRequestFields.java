package dev.modelstore.jobs.rest;

import com.fasterxml.jackson.databind.JsonNode;
import dev.modelstore.support.rest.ApiException;
import dev.modelstore.support.input.Texts;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Checks every field of a {@code POST /job} body against what Modelstore does with it, so that no
 * field is silently dropped: a field it honours passes, a field trainML's SDK always sends but that
 * has no meaning here (GPU selection, the environment's image type) passes with a warning in the
 * answer, and everything else is refused with a 400 that names the field and says what is supported.
 */
final class JobRequestFields {

    private static final Set<String> ROOT = Set.of("name", "type", "resources", "worker_commands", "workers", "model",
            "data", "environment", "endpoint", "source_job_uuid", "project_uuid");
    /** disk_size is honoured; the others (trainML's GPU choice) are only answered with a warning. */
    private static final Set<String> RESOURCES = Set.of("disk_size", "gpu_count", "gpu_type_id", "gpu_types", "max_price",
            "preemptible");
    private static final Set<String> MODEL = Set.of("source_type", "source_uri", "project_uuid", "source_options");
    private static final Set<String> DATA = Set.of("output_type", "output_uri", "output_options", "datasets", "input_type",
            "input_uri", "input_options");
    private static final Set<String> ENVIRONMENT = Set.of("type", "env", "custom_image", "worker_key_types", "packages");

    private JobRequestFields() {
    }

    /** Refuses a field that would be dropped; answers the warnings for the fields only recorded. */
    static List<String> check(JsonNode body) {
        if (body == null || !body.isObject()) {
            throw ApiException.badRequest("a JSON object with name, type and worker_commands is required");
        }
        List<String> warnings = new ArrayList<>();
        known(body, "", ROOT, "name, type, resources, worker_commands (or workers), model, data, environment, project_uuid");
        unsupported(body, "endpoint", "endpoint jobs are not supported: Modelstore runs training, inference and notebook jobs");
        unsupported(body, "source_job_uuid", "copying a job (source_job_uuid) is not supported: save a notebook's folder "
                + "as a model with POST /job/{id}/model-saves and start a new job on it");
        if (present(body.get("worker_commands")) && present(body.get("workers"))
                && !body.get("worker_commands").equals(body.get("workers"))) {
            throw ApiException.badRequest("worker_commands and workers name different commands; send one of them");
        }
        JsonNode resources = object(body, "resources");
        if (resources != null) {
            known(resources, "resources.", RESOURCES, "disk_size (GB), and gpu_count, gpu_type_id, gpu_types, max_price, "
                    + "preemptible (recorded only)");
            resources.fieldNames().forEachRemaining(name -> {
                if (!name.equals("disk_size") && present(resources.get(name))) {
                    warnings.add("resources." + name + " is not used: Modelstore runs workers on its own hosts, "
                            + "without a GPU pool to choose from");
                }
            });
        }
        JsonNode model = object(body, "model");
        if (model != null) {
            known(model, "model.", MODEL, "source_type, source_uri");
            unsupported(model, "source_options", "model.source_options is not supported: a job uses a stored model "
                    + "(source_type trainml); create the model first and pass its id");
        }
        JsonNode data = object(body, "data");
        if (data != null) {
            known(data, "data.", DATA, "output_type, output_uri");
            unsupported(data, "datasets", "data.datasets is not supported: Modelstore stores models, not datasets; "
                    + "put the data in a model and use it as the job's model");
            for (String input : List.of("input_type", "input_uri", "input_options")) {
                unsupported(data, input, "data." + input + " is not supported: a job's input is its model "
                        + "(model.source_type trainml)");
            }
            JsonNode options = object(data, "output_options");
            if (options != null) {
                known(options, "data.output_options.", Set.of("name"), "name (the output model's name; 'Job - <name>' "
                        + "by default, with ' Worker <n>' for several workers)");
            }
        }
        JsonNode environment = body.get("environment");
        if (environment != null && environment.isObject() && trainmlShape(environment)) {
            known(environment, "environment.", ENVIRONMENT, "type, env");
            for (String image : List.of("custom_image", "worker_key_types", "packages")) {
                unsupported(environment, image, "environment." + image + " is not supported: workers run in the "
                        + "host's environment inside the sandbox; pass variables in environment.env");
            }
            if (present(environment.get("type"))) {
                warnings.add("environment.type '" + Texts.shown(environment.get("type").asText(), 40) + "' is not used: "
                        + "workers run with the host's tools inside the sandbox");
            }
        }
        return warnings;
    }

    /** trainML's form ({@code type}, {@code env}, …) rather than a plain object of variables. */
    private static boolean trainmlShape(JsonNode environment) {
        for (Iterator<String> names = environment.fieldNames(); names.hasNext(); ) {
            if (ENVIRONMENT.contains(names.next())) {
                return true;
            }
        }
        return false;
    }

    private static void known(JsonNode node, String prefix, Set<String> known, String supported) {
        for (Iterator<Map.Entry<String, JsonNode>> fields = node.fields(); fields.hasNext(); ) {
            String name = fields.next().getKey();
            if (!known.contains(name)) {
                throw ApiException.badRequest("unknown field '" + prefix + Texts.shown(name, 60) + "'; "
                        + (prefix.isEmpty() ? "a job" : prefix.substring(0, prefix.length() - 1)) + " takes " + supported);
            }
        }
    }

    private static void unsupported(JsonNode node, String field, String message) {
        if (present(node.get(field))) {
            throw ApiException.badRequest(message);
        }
    }

    private static JsonNode object(JsonNode body, String field) {
        JsonNode node = body.get(field);
        if (node == null || node.isNull()) {
            return null;
        }
        if (!node.isObject()) {
            throw ApiException.badRequest(field + " must be an object");
        }
        return node;
    }

    /** Sent with a value: trainML's SDK leaves out empty fields, but other clients send them empty. */
    private static boolean present(JsonNode node) {
        return node != null && !node.isNull() && !(node.isContainerNode() && node.isEmpty())
                && !(node.isTextual() && node.asText().isEmpty());
    }
}
