import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * Modelstore's way-out benchmark (run by bench/out.sh, with IngestBench's harness): models come back
 * out of the running stack, against rclone reading the same objects from the same store.
 *
 * <ul>
 *   <li>{@code download-2g}, {@code download-10k}: {@code modelstore model download} of a model of one
 *       2 GiB file, and of 10,000 files of 4–64 KiB, to a local folder, every file SHA-256-checked;
 *       peers: {@code rclone copy} of the model's objects with its defaults and tuned, and the store's
 *       own ceiling (curl GETs of the same objects, in parallel for many files). model-api's peak RSS
 *       is sampled while it serves.</li>
 *   <li>{@code export-2g}, {@code export-10k}: an aws export of the same models to another bucket
 *       (POST → completed); peers: {@code rclone copy} between the buckets (server-side copy disabled,
 *       as between two accounts), defaults and tuned.</li>
 * </ul>
 */
public final class OutBench extends IngestBench {

    final Path root = Path.of(env("BENCH_ROOT", ".")).toAbsolutePath().normalize();
    final String bucket = env("BENCH_BUCKET", "modelstore");

    public static void main(String[] args) throws Exception {
        OutBench bench = new OutBench();
        bench.runOut(List.of(env("BENCH_SCENARIOS", "download-2g,download-10k,export-2g,export-10k,archive-memory")
                .split(",")));
    }

    void runOut(List<String> scenarios) throws Exception {
        if (token == null) {
            throw new IllegalStateException("set MODELSTORE_TOKEN (bench/out.sh reads it from .modelstore/access.properties)");
        }
        Files.createDirectories(data);
        project = field(get("/project").body(), "project_uuid");
        String big = null;
        String small = null;
        for (String scenario : scenarios) {
            if (scenario.trim().equals("archive-memory")) {
                small = small != null ? small : smallModel();
                archiveMemory(small);
                continue;
            }
            switch (scenario.trim()) {
                case "download-2g", "export-2g" -> big = big != null ? big : bigModel();
                case "download-10k", "export-10k" -> small = small != null ? small : smallModel();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
            switch (scenario.trim()) {
                case "download-2g" -> download("download 2 GiB model (one file)", big, false);
                case "download-10k" -> download("download 10,000-file model", small, true);
                case "export-2g" -> export("export 2 GiB model to another bucket", big, false);
                default -> export("export 10,000-file model to another bucket", small, true);
            }
        }
        System.out.println();
        System.out.println("==== summary ====");
        report.forEach(System.out::println);
    }

    /** The model of one 2 GiB object, made once per stack (kept between scenarios). */
    String bigModel() throws Exception {
        Path file = randomFile("one-2g.bin", 2 * GIB, 1);
        Path folder = data.resolve("big-source");
        Files.createDirectories(folder);
        if (!Files.exists(folder.resolve("one-2g.bin"))) {
            Files.createLink(folder.resolve("one-2g.bin"), file);
        }
        uploadSource(folder, "big");
        return readyModel("s3://bench-source/big/one-2g.bin");
    }

    /** The model of 10,000 files of 4–64 KiB, made once per stack. */
    String smallModel() throws Exception {
        Path folder = data.resolve("small-10k");
        if (!Files.exists(folder.resolve("done"))) {
            Files.createDirectories(folder.resolve("files"));
            java.util.Random random = new java.util.Random(3);
            for (int i = 0; i < 10_000; i++) {
                byte[] bytes = new byte[4096 + random.nextInt(60 * 1024)];
                random.nextBytes(bytes);
                Path file = folder.resolve("files").resolve(String.format("d%02d/f%05d.bin", i % 50, i));
                Files.createDirectories(file.getParent());
                Files.write(file, bytes);
            }
            Files.writeString(folder.resolve("done"), "");
        }
        uploadSource(folder.resolve("files"), "small");
        return readyModel("s3://bench-source/small/");
    }

    String readyModel(String uri) throws Exception {
        String body = "{\"name\":\"out bench\",\"source_type\":\"aws\",\"source_uri\":\"" + uri + "\"}";
        String id = field(send("POST", "/model", body, 201).body(), "model_uuid");
        String status = awaitFinal(id, 3600);
        if (!status.equals("ready")) {
            throw new IllegalStateException("the bench model " + uri + " ended " + status);
        }
        return id;
    }

    long modelBytes(String id) throws Exception {
        return Long.parseLong(get("/model/" + id).body().replaceAll("(?s).*\"size\":(\\d+).*", "$1"));
    }

    void download(String scenario, String id, boolean manyFiles) throws Exception {
        long bytes = modelBytes(id);
        Path target = data.resolve("out-download");
        String objects = "src:" + bucket + "/models/" + id + "/files/";
        List<Peer> peers = new ArrayList<>();
        peers.add(new Peer("rclone copy (defaults)", () -> fresh(target, () -> peer(List.of("rclone", "copy", objects,
                target.toString())))));
        peers.add(new Peer(manyFiles ? "rclone copy --transfers 32 --checkers 32" : "rclone copy --multi-thread-streams 8",
                () -> fresh(target, () -> peer(manyFiles
                        ? List.of("rclone", "copy", objects, target.toString(), "--transfers", "32", "--checkers", "32")
                        : List.of("rclone", "copy", objects, target.toString(), "--multi-thread-streams", "8",
                                "--multi-thread-cutoff", "64M", "--buffer-size", "16M")))));
        peers.add(new Peer("ceiling: curl GETs from the store", () -> fresh(target, () -> curlCeiling(id, target))));
        long apiPid = servicePid("model-api");
        long[] apiPeak = {0};
        compare(scenario, bytes, () -> fresh(target, () -> {
            RssSampler serving = new RssSampler(apiPid);
            Run run = peer(List.of(root.resolve("modelstore").toString(), "model", "download", id, target.toString(),
                    "--quiet", "--parallel", manyFiles ? "16" : "8", "--api-url", this.api, "--token", token));
            apiPeak[0] = Math.max(apiPeak[0], serving.stop());
            return run;
        }), peers);
        report.add(String.format(Locale.ROOT, "    model-api peak RSS while serving: %d MB", apiPeak[0] / 1024));
    }

    void export(String scenario, String id, boolean manyFiles) throws Exception {
        long bytes = modelBytes(id);
        String objects = "src:" + bucket + "/models/" + id + "/files/";
        peer(List.of("rclone", "mkdir", "dest:bench-out"));
        List<Peer> peers = new ArrayList<>();
        peers.add(new Peer("rclone copy (defaults, no server-side copy)", () -> peer(List.of("rclone", "copy", objects,
                "dest:bench-peer/out", "--disable", "Copy"))));
        peers.add(new Peer(manyFiles ? "rclone copy --transfers 32 --checkers 32" : "rclone copy --s3-upload-concurrency 8 --s3-chunk-size 16M",
                () -> peer(manyFiles
                        ? List.of("rclone", "copy", objects, "dest:bench-peer/out", "--disable", "Copy", "--transfers", "32",
                                "--checkers", "32")
                        : List.of("rclone", "copy", objects, "dest:bench-peer/out", "--disable", "Copy",
                                "--s3-upload-concurrency", "8", "--s3-chunk-size", "16M", "--multi-thread-streams", "8",
                                "--buffer-size", "16M"))));
        long fetcher = fetcherPid();
        compare(scenario, bytes, () -> {
            RssSampler rss = new RssSampler(fetcher);
            long start = System.nanoTime();
            String prefix = "s3://bench-out/" + java.util.UUID.randomUUID() + "/";
            String answer = send("POST", "/model/" + id + "/export", "{\"output_type\":\"aws\",\"output_uri\":\"" + prefix
                    + "\"}", 200).body();
            String export = field(answer, "export_uuid");
            while (true) {
                String status = field(get("/model/" + id + "/exports/" + export).body(), "status");
                if (status.equals("completed")) {
                    break;
                }
                if (status.equals("failed")) {
                    throw new IllegalStateException("the export failed: " + get("/model/" + id + "/exports/" + export).body());
                }
                Thread.sleep(20);
            }
            double seconds = (System.nanoTime() - start) / 1e9;
            // the model is ready again a moment later, in the same transaction as the outcome
            while (!status(id).equals("ready")) {
                Thread.sleep(20);
            }
            peer(List.of("rclone", "purge", "dest:" + prefix.substring("s3://".length())));
            return new Run(seconds, rss.stop());
        }, peers);
    }

    /**
     * model-api's memory while it streams archives: a 1 GiB and a 4 GiB one-file model as tar, and the
     * 10,000-file model as tar and as zip (curl to /dev/null), model-api's peak RSS sampled.
     */
    void archiveMemory(String small) throws Exception {
        List<String> lines = new ArrayList<>();
        long apiPid = servicePid("model-api");
        for (long size : new long[] {GIB, 4 * GIB}) {
            Path file = randomFile("archive-" + (size / GIB) + "g.bin", size, 9);
            Path folder = data.resolve("archive-source-" + (size / GIB));
            Files.createDirectories(folder);
            if (!Files.exists(folder.resolve(file.getFileName()))) {
                Files.createLink(folder.resolve(file.getFileName()), file);
            }
            uploadSource(folder, "archive-" + (size / GIB));
            String id = readyModel("s3://bench-source/archive-" + (size / GIB) + "/" + file.getFileName());
            lines.add(archiveRun((size / GIB) + " GiB one-file model as tar", id, "tar", size, apiPid));
            send("DELETE", "/model/" + id + "?force=true", null, 200);
        }
        long smallBytes = modelBytes(small);
        lines.add(archiveRun("10,000-file model as tar", small, "tar", smallBytes, apiPid));
        lines.add(archiveRun("10,000-file model as zip", small, "zip", smallBytes, apiPid));
        report.add("archive-memory: GET /model/{id}/archive, model-api's peak RSS");
        report.addAll(lines);
        lines.forEach(System.out::println);
    }

    String archiveRun(String what, String id, String format, long bytes, long apiPid) throws Exception {
        RssSampler serving = new RssSampler(apiPid);
        Run run = peer(List.of("curl", "-sfS", "-o", "/dev/null", "-H", "Authorization: " + token,
                api + "/model/" + id + "/archive?format=" + format));
        long peak = serving.stop();
        return String.format(Locale.ROOT, "  %s: %.1f s, %.0f MB/s, model-api peak RSS %d MB", what, run.seconds(),
                bytes / 1e6 / run.seconds(), peak / 1024);
    }

    /** The store's ceiling: the same objects fetched with curl, signed with the store's keys (parallel for many). */
    Run curlCeiling(String id, Path target) throws Exception {
        List<String> keys = new ArrayList<>();
        ProcessBuilder lister = new ProcessBuilder("rclone", "lsf", "-R", "--files-only", "src:" + bucket + "/models/" + id + "/files/");
        rcloneEnvironment(lister.environment());
        Process listed = lister.start();
        String listing = new String(listed.getInputStream().readAllBytes());
        listed.waitFor();
        for (String line : listing.split("\n")) {
            if (!line.isBlank()) {
                keys.add(line.trim());
            }
        }
        Path config = Files.createTempFile(data, "curl", ".txt");
        StringBuilder lines = new StringBuilder();
        // Presigned URLs of the same objects (from the API's redirect), made before the clock starts.
        java.net.http.HttpClient noFollow = java.net.http.HttpClient.newBuilder()
                .followRedirects(java.net.http.HttpClient.Redirect.NEVER).build();
        for (String key : keys) {
            Path out = target.resolve(key);
            Files.createDirectories(out.getParent());
            String location = noFollow.send(request("/model/" + id + "/files/" + key + "?redirect=true").GET().build(),
                    java.net.http.HttpResponse.BodyHandlers.discarding()).headers().firstValue("Location").orElseThrow();
            lines.append("url = \"").append(location).append("\"\n").append("output = \"").append(out).append("\"\n");
        }
        Files.writeString(config, lines.toString());
        Run run = peer(List.of("curl", "-sfS", "--parallel", "--parallel-max", keys.size() > 1 ? "32" : "1",
                "--config", config.toString()));
        Files.delete(config);
        return run;
    }

    /** Runs {@code run} into an empty {@code folder}, removed afterwards. */
    Run fresh(Path folder, Callable run) throws Exception {
        deleteTree(folder);
        Files.createDirectories(folder);
        try {
            return run.call();
        } finally {
            deleteTree(folder);
        }
    }
}
