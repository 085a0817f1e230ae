package dev.modelstore.cli;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import picocli.CommandLine;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

/** {@code modelstore job create|list|get|stop|start|logs|wait|remove}. */
@Command(name = "job", description = "Jobs that use models and save their outputs as models.",
        subcommands = {JobCommands.Create.class, JobCommands.ListJobs.class, JobCommands.Get.class, JobCommands.Stop.class,
            JobCommands.Start.class, JobCommands.Logs.class, JobCommands.Wait.class, JobCommands.Remove.class})
final class JobCommands {

    @CommandLine.ParentCommand
    ModelstoreCli root;

    /** What every job command shares. */
    abstract static class Base extends ApiCommand {
        @CommandLine.ParentCommand
        JobCommands parent;

        @Override
        ModelstoreApi api() throws Exception {
            return parent.root.api();
        }

        void row(JsonNode job) {
            List<String> workers = new ArrayList<>();
            job.path("workers").forEach(w -> workers.add(w.path("status").asText()
                    + (w.hasNonNull("output_uuid") ? "→" + w.get("output_uuid").asText() : "")));
            out().printf(Locale.ROOT, "%-36s  %-9s  %-9s  %-24s  %s%n", job.path("job_uuid").asText(),
                    job.path("type").asText(), job.path("status").asText(), job.path("name").asText(),
                    String.join(", ", workers));
            if (job.hasNonNull("failure_reason")) {
                out().println("  reason: " + job.get("failure_reason").asText());
            }
        }
    }

    @Command(name = "create", description = "Create a job; its workers start at once.")
    static final class Create extends Base {
        @Option(names = "--name", required = true, description = "the job's name")
        String name;

        @Option(names = "--type", defaultValue = "training", description = "training, inference or notebook")
        String type;

        @Option(names = "--worker", description = "a worker's command (repeat for several workers)")
        List<String> workers = new ArrayList<>();

        @Option(names = "--model", description = "the id of the model each worker gets a copy of")
        String model;

        @Option(names = "--output-model", description = "save each worker's model folder as a new model")
        boolean outputModel;

        @Option(names = "--disk-size", description = "the working directory's size in GB")
        Integer diskSize;

        @Option(names = "--env", description = "an environment variable NAME=value (repeatable)")
        Map<String, String> env = new LinkedHashMap<>();

        @Override
        public Integer call() throws Exception {
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("name", name);
            body.put("type", type);
            body.put("workers", workers);
            if (model != null) {
                body.put("model", Map.of("source_type", "trainml", "source_uri", model));
            }
            if (outputModel) {
                body.put("data", Map.of("output_type", "trainml", "output_uri", "model"));
            }
            if (diskSize != null) {
                body.put("resources", Map.of("disk_size", diskSize));
            }
            List<Map<String, String>> variables = new ArrayList<>();
            env.forEach((key, value) -> variables.add(Map.of("key", key, "value", value)));
            body.put("environment", Map.of("env", variables));
            JsonNode job = api().send("POST", "/job", body, 201);
            print(job, () -> row(job));
            return 0;
        }
    }

    @Command(name = "list", description = "List the project's jobs.")
    static final class ListJobs extends Base {
        @Override
        public Integer call() throws Exception {
            JsonNode jobs = api().get("/job");
            print(jobs, () -> {
                out().printf("%-36s  %-9s  %-9s  %-24s  %s%n", "JOB", "TYPE", "STATUS", "NAME", "WORKERS");
                jobs.forEach(this::row);
            });
            return 0;
        }
    }

    @Command(name = "get", description = "Show one job and its workers.")
    static final class Get extends Base {
        @Parameters(index = "0", description = "the job's id")
        String id;

        @Override
        public Integer call() throws Exception {
            JsonNode job = api().get("/job/" + id);
            print(job, () -> row(job));
            return 0;
        }
    }

    /** A command that asks something of one job ({@code stop}, {@code start}) and shows the job after. */
    abstract static class JobAction extends Base {
        @Parameters(index = "0", description = "the job's id")
        String id;

        /** The path segment after the job's id. */
        abstract String action();

        @Override
        public Integer call() throws Exception {
            JsonNode job = api().send("POST", "/job/" + id + "/" + action(), null, 200);
            print(job, () -> row(job));
            return 0;
        }
    }

    @Command(name = "stop", description = "Stop a job (a stopped notebook can be started again).")
    static final class Stop extends JobAction {
        @Override
        String action() {
            return "stop";
        }
    }

    @Command(name = "start", description = "Start a stopped notebook again.")
    static final class Start extends JobAction {
        @Override
        String action() {
            return "start";
        }
    }

    @Command(name = "logs", description = "Print the end of a worker's output.")
    static final class Logs extends Base {
        @Parameters(index = "0", description = "the job's id")
        String id;

        @Option(names = "--worker", defaultValue = "1", description = "the worker's number")
        int worker;

        @Override
        public Integer call() throws Exception {
            out().print(api().text("/job/" + id + "/logs?worker=" + worker));
            out().flush();
            return 0;
        }
    }

    @Command(name = "wait", description = "Wait until a job ends: exit 0 when finished, 1 when failed or stopped.")
    static final class Wait extends Base {
        @Parameters(index = "0", description = "the job's id")
        String id;

        @Option(names = "--timeout", defaultValue = "3600", description = "seconds to wait at most (exit 4 when they pass)")
        long timeoutSeconds;

        @Override
        public Integer call() throws Exception {
            long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
            while (System.nanoTime() < deadline) {
                JsonNode job = api().get("/job/" + id);
                String status = job.path("status").asText();
                if (Set.of("finished", "failed", "stopped").contains(status)) {
                    print(job, () -> row(job));
                    return status.equals("finished") ? 0 : 1;
                }
                if (!json) {
                    err().printf("\r%s", status);
                    err().flush();
                }
                Thread.sleep(1000);
            }
            return 4;
        }
    }

    @Command(name = "remove", description = "Remove a job (stops it first); its model is no longer held.")
    static final class Remove extends Base {
        @Parameters(index = "0", description = "the job's id")
        String id;

        @Option(names = "--yes", description = "do not ask for confirmation")
        boolean yes;

        @Override
        public Integer call() throws Exception {
            if (!confirmed(yes, "removing job " + id)) {
                return NOT_CONFIRMED;
            }
            JsonNode answer = api().send("DELETE", "/job/" + id + "?force=true", null, 200);
            print(answer, () -> out().println("removed job " + id));
            return 0;
        }
    }
}
