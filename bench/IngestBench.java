import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Random;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Modelstore's ingest benchmark (run by bench/ingest.sh, JDK only, no dependencies): the running
 * stack's fetcher against rclone (the peer), from the same loopback source (an HTTP server in this
 * process, or the stack's S3 store) into the same object store, alternating runs A B A B …, and
 * printing median seconds, MB/s, the ratio us/peer pair by pair and the peak RSS of both.
 *
 * <p>Environment: MODELSTORE_API (http://127.0.0.1:8080), MODELSTORE_TOKEN, BENCH_S3 (the stack's
 * S3 endpoint), BENCH_S3_KEY, BENCH_S3_SECRET, BENCH_DATA (generated data, kept between runs),
 * BENCH_PAIRS (3), BENCH_SCENARIOS (comma list: web-2g,web-targz,s3-10k,s3-2g,web-tarbz2,memory,api).
 */
public class IngestBench {

    static final long MIB = 1024 * 1024;
    static final long GIB = 1024 * MIB;

    final String api = env("MODELSTORE_API", "http://127.0.0.1:8080");
    final String token = env("MODELSTORE_TOKEN", null);
    final String s3 = env("BENCH_S3", "http://127.0.0.1:9000");
    final String s3Key = env("BENCH_S3_KEY", "modelstore");
    final String s3Secret = env("BENCH_S3_SECRET", "modelstore-secret");
    final Path data = Path.of(env("BENCH_DATA", "/tmp/modelstore-bench"));
    final int pairs = Integer.parseInt(env("BENCH_PAIRS", "3"));
    final HttpClient http = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build();
    final List<String> report = new ArrayList<>();
    HttpServer files;
    String project;

    public static void main(String[] args) throws Exception {
        IngestBench bench = new IngestBench();
        String scenarios = env("BENCH_SCENARIOS", "web-2g,web-targz,s3-10k,s3-2g,web-tarbz2,memory,api");
        bench.run(List.of(scenarios.split(",")));
    }

    void run(List<String> scenarios) throws Exception {
        if (token == null) {
            throw new IllegalStateException("set MODELSTORE_TOKEN (bench/ingest.sh reads it from .modelstore/access.properties)");
        }
        Files.createDirectories(data);
        files = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 64);
        files.createContext("/", this::serve);
        files.setExecutor(Executors.newCachedThreadPool());
        files.start();
        project = field(get("/project").body(), "project_uuid");
        System.out.printf("fetcher pid %d, files on %s, %d pairs per scenario%n", fetcherPid(), fileUrl(""), pairs);
        for (String scenario : scenarios) {
            switch (scenario.trim()) {
                case "web-2g" -> webSingleFile();
                case "web-targz" -> webArchive("tar.gz", GIB, "xz");
                case "web-tarbz2" -> webArchive("tar.bz2", 512 * MIB, "xj");
                case "s3-10k" -> s3SmallFiles();
                case "s3-2g" -> s3SingleObject();
                case "memory" -> memory();
                case "api" -> apiLatency();
                default -> throw new IllegalArgumentException("unknown scenario " + scenario);
            }
        }
        files.stop(0);
        System.out.println();
        System.out.println("==== summary ====");
        report.forEach(System.out::println);
    }

    // ---- scenarios ----------------------------------------------------------------------------------

    /** 1: one 2 GiB incompressible file over http; peer: rclone copyurl. */
    void webSingleFile() throws Exception {
        Path file = randomFile("one-2g.bin", 2 * GIB, 1);
        String url = fileUrl("one-2g.bin");
        compare("1 web 2 GiB file", Files.size(file),
                () -> ours("web", url, Map.of()),
                List.of(new Peer("rclone copyurl", () -> peer(List.of("rclone", "copyurl", url, "dest:bench-peer/one-2g.bin")))));
    }

    /** 2 and 5: an archive of ~200 files over http, extracted; peer: curl | tar, then rclone copy. */
    void webArchive(String kind, long size, String tarFlags) throws Exception {
        Path archive = archive(kind, size);
        long content = folderSize(data.resolve("archive-content-" + size));
        String url = fileUrl(archive.getFileName().toString());
        List<Peer> peers = new ArrayList<>();
        for (int transfers : new int[] {4, 16}) {
            peers.add(new Peer("curl|tar " + tarFlags + " + rclone copy --transfers " + transfers, () -> {
                Path scratch = Files.createTempDirectory(data, "peer-extract");
                Run fetch = peer(List.of("sh", "-c", "curl -sf " + url + " | tar " + tarFlags + " -C " + scratch));
                Run copy = peer(List.of("rclone", "copy", scratch.toString(), "dest:bench-peer/archive",
                        "--transfers", String.valueOf(transfers)));
                deleteTree(scratch);
                return new Run(fetch.seconds() + copy.seconds(), Math.max(fetch.peakRssKb(), copy.peakRssKb()));
            }));
        }
        compare((kind.equals("tar.gz") ? "2" : "5") + " web " + (size / MIB) + " MiB ." + kind + " (" + (content / MIB)
                + " MiB extracted)", content, () -> ours("web", url, Map.of()), peers);
    }

    /** 3: 10,000 files of 4–64 KiB under an S3 prefix; peer: rclone copy --transfers 32. */
    void s3SmallFiles() throws Exception {
        Path folder = data.resolve("small-10k");
        if (!Files.exists(folder.resolve("done"))) {
            Files.createDirectories(folder.resolve("files"));
            Random random = new Random(3);
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
        compare("3 s3 10,000 files of 4-64 KiB", folderSize(folder.resolve("files")),
                () -> ours("aws", "s3://bench-source/small/", Map.of()),
                List.of(new Peer("rclone copy --transfers 32", () -> peer(List.of("rclone", "copy", "src:bench-source/small",
                        "dest:bench-peer/small", "--transfers", "32", "--disable", "Copy")))));
    }

    /** 4: one 2 GiB object from S3 (a real transfer); peer: rclone copy (server-side copy disabled). */
    void s3SingleObject() throws Exception {
        Path file = randomFile("one-2g.bin", 2 * GIB, 1);
        Path folder = data.resolve("big-source");
        Files.createDirectories(folder);
        Path link = folder.resolve("one-2g.bin");
        if (!Files.exists(link)) {
            Files.createLink(link, file);
        }
        uploadSource(folder, "big");
        compare("4 s3 2 GiB object", Files.size(file),
                () -> ours("aws", "s3://bench-source/big/one-2g.bin", Map.of()),
                List.of(new Peer("rclone copy", () -> peer(List.of("rclone", "copy", "src:bench-source/big/one-2g.bin",
                        "dest:bench-peer/big", "--disable", "Copy")))));
    }

    /** Peak RSS of the fetcher for a 1 GiB and an 8 GiB file with the same settings. */
    void memory() throws Exception {
        List<String> lines = new ArrayList<>();
        for (long size : new long[] {GIB, 8 * GIB}) {
            Path file = randomFile("memory-" + (size / GIB) + "g.bin", size, 7);
            Run run = ours("web", fileUrl(file.getFileName().toString()), Map.of());
            lines.add(String.format(Locale.ROOT, "  %d GiB: %.1f s, %.0f MB/s, fetcher peak RSS %d MB", size / GIB,
                    run.seconds(), size / 1e6 / run.seconds(), run.peakRssKb() / 1024));
            Files.delete(file);
        }
        report.add("memory: one file, same fetcher settings");
        report.addAll(lines);
        lines.forEach(System.out::println);
    }

    /**
     * POST /model latency at a fixed rate, for each source type in BENCH_API_SOURCES: {@code local}
     * models wait for their upload, so that load is the API and the events every new model causes
     * (fetcher, storage-service, Kafka, PostgreSQL); {@code web} models each download a tiny file as
     * well, on the same two cores. Then the time from POST to {@code downloading}, one model at a time.
     */
    void apiLatency() throws Exception {
        int rate = Integer.parseInt(env("BENCH_API_RATE", "200"));
        int seconds = Integer.parseInt(env("BENCH_API_SECONDS", "30"));
        Files.writeString(data.resolve("tiny.bin"), "tiny model");
        String web = "{\"name\":\"api bench\",\"source_type\":\"web\",\"source_uri\":\"" + fileUrl("tiny.bin") + "\"}";
        String local = "{\"name\":\"api bench\",\"source_type\":\"local\",\"source_uri\":\"/home/me/model\"}";
        for (String source : env("BENCH_API_SOURCES", "local,web").split(",")) {
            String body = source.equals("local") ? local : web;
            // Warm-up at the same rate (a long-running service is measured warm), then the measured run.
            postAtRate(body, rate, Math.min(seconds, 20));
            String line = String.format(Locale.ROOT, "api POST /model (%s) at %d/s for %d s: %s", source, rate, seconds,
                    postAtRate(body, rate, seconds));
            System.out.println(line);
            report.add(line);
        }

        // POST → downloading, one model at a time once the load's models are out of the way.
        List<String> created = new ArrayList<>();
        List<Long> toDownloading = new ArrayList<>();
        for (int i = 0; i < 30; i++) {
            long start = System.nanoTime();
            String id = field(send("POST", "/model", web, 201).body(), "model_uuid");
            created.add(id);
            while (true) {
                String status = status(id);
                if (!status.equals("new")) {
                    toDownloading.add(System.nanoTime() - start);
                    break;
                }
                Thread.sleep(2);
            }
        }
        toDownloading.sort(Comparator.naturalOrder());
        String second = String.format(Locale.ROOT, "api POST -> downloading (or beyond), 30 single models: median %.0f ms, "
                + "p90 %.0f ms", pct(toDownloading, 50), pct(toDownloading, 90));
        System.out.println(second);
        report.add(second);
        removeModels(created, true);
    }

    /**
     * Sends {@code body} to POST /model at a fixed rate (an open model: requests leave on schedule
     * whether or not earlier ones have answered), removes the models it made, and describes the
     * latencies.
     */
    String postAtRate(String body, int rate, int seconds) throws Exception {
        ConcurrentLinkedQueue<Long> latencies = new ConcurrentLinkedQueue<>();
        ConcurrentLinkedQueue<String> created = new ConcurrentLinkedQueue<>();
        AtomicLong errors = new AtomicLong();
        ScheduledExecutorService clock = Executors.newScheduledThreadPool(2);
        long total = (long) rate * seconds;
        AtomicLong sent = new AtomicLong();
        clock.scheduleAtFixedRate(() -> {
            if (sent.incrementAndGet() > total) {
                return;
            }
            long start = System.nanoTime();
            http.sendAsync(request("/model").POST(HttpRequest.BodyPublishers.ofString(body)).build(),
                    HttpResponse.BodyHandlers.ofString()).whenComplete((response, error) -> {
                        latencies.add(System.nanoTime() - start);
                        if (error != null || response.statusCode() != 201) {
                            errors.incrementAndGet();
                        } else {
                            created.add(field(response.body(), "model_uuid"));
                        }
                    });
        }, 0, 1_000_000 / rate, TimeUnit.MICROSECONDS);
        while (sent.get() < total || latencies.size() < total) {
            Thread.sleep(100);
        }
        clock.shutdownNow();
        List<Long> sorted = latencies.stream().sorted().toList();
        String described = String.format(Locale.ROOT, "p50 %.1f ms, p90 %.1f ms, p99 %.1f ms, max %.1f ms, errors %d",
                pct(sorted, 50), pct(sorted, 90), pct(sorted, 99), sorted.get(sorted.size() - 1) / 1e6, errors.get());
        removeModels(created, body.contains("\"web\""));
        return described;
    }

    /** Deletes the models, each once its ingest has settled (a local model waiting for its upload is deleted as it is). */
    void removeModels(Collection<String> ids, boolean settle) throws Exception {
        for (String id : ids) {
            if (settle) {
                awaitFinal(id, 600);
            }
            send("DELETE", "/model/" + id + "?force=true", null, 200);
        }
    }

    // ---- running us and the peer --------------------------------------------------------------------

    /** A run's wall time and the peak RSS of the process that did the work. */
    record Run(double seconds, long peakRssKb) {
    }

    /** A peer command line and how to run it once. */
    record Peer(String name, Callable run) {
    }

    interface Callable {
        Run call() throws Exception;
    }

    void compare(String scenario, long bytes, Callable ours, List<Peer> peers) throws Exception {
        System.out.printf("%n== %s (%.0f MB) ==%n", scenario, bytes / 1e6);
        // One untimed run first: the fetcher is a long-running service, so it is measured warm (JIT, pools).
        Run warmUp = ours.call();
        System.out.printf(Locale.ROOT, "  warm-up modelstore %7.2f s (not counted)%n", warmUp.seconds());
        List<Run> usRuns = new ArrayList<>();
        List<List<Run>> peerRuns = new ArrayList<>();
        peers.forEach(p -> peerRuns.add(new ArrayList<>()));
        for (int pair = 1; pair <= pairs; pair++) {
            Run us = ours.call();
            usRuns.add(us);
            System.out.printf(Locale.ROOT, "  pair %d  modelstore %7.2f s %7.0f MB/s  rss %4d MB%n", pair, us.seconds(),
                    bytes / 1e6 / us.seconds(), us.peakRssKb() / 1024);
            for (int p = 0; p < peers.size(); p++) {
                purgePeer();
                Run peer = peers.get(p).run().call();
                peerRuns.get(p).add(peer);
                System.out.printf(Locale.ROOT, "  pair %d  %-40s %7.2f s %7.0f MB/s  rss %4d MB  ratio us/peer %.2f%n", pair,
                        peers.get(p).name(), peer.seconds(), bytes / 1e6 / peer.seconds(), peer.peakRssKb() / 1024,
                        peer.seconds() / us.seconds());
            }
        }
        double usMedian = median(usRuns);
        report.add(String.format(Locale.ROOT, "%s: modelstore median %.2f s, %.0f MB/s, peak RSS %d MB", scenario, usMedian,
                bytes / 1e6 / usMedian, usRuns.stream().mapToLong(Run::peakRssKb).max().orElse(0) / 1024));
        for (int p = 0; p < peers.size(); p++) {
            List<Run> runs = peerRuns.get(p);
            double peerMedian = median(runs);
            StringBuilder ratios = new StringBuilder();
            for (int i = 0; i < runs.size(); i++) {
                ratios.append(String.format(Locale.ROOT, "%s%.2f", i == 0 ? "" : " ", runs.get(i).seconds() / usRuns.get(i).seconds()));
            }
            report.add(String.format(Locale.ROOT, "    vs %s: median %.2f s, %.0f MB/s, peak RSS %d MB; throughput ratio "
                            + "us/peer by pair: %s (median %.2f)", peers.get(p).name(), peerMedian, bytes / 1e6 / peerMedian,
                    runs.stream().mapToLong(Run::peakRssKb).max().orElse(0) / 1024, ratios, peerMedian / usMedian));
        }
    }

    /** Creates the model, waits until it is ready (time from the POST), samples the fetcher's RSS, deletes it. */
    Run ours(String sourceType, String uri, Map<String, String> options) throws Exception {
        long pid = fetcherPid();
        RssSampler rss = new RssSampler(pid);
        long start = System.nanoTime();
        String body = "{\"name\":\"bench\",\"source_type\":\"" + sourceType + "\",\"source_uri\":\"" + uri + "\"}";
        String id = field(send("POST", "/model", body, 201).body(), "model_uuid");
        String status = awaitFinal(id, 3600);
        double seconds = (System.nanoTime() - start) / 1e9;
        long peak = rss.stop();
        if (!status.equals("ready")) {
            throw new IllegalStateException("model " + id + " ended " + status + ": " + get("/model/" + id).body());
        }
        send("DELETE", "/model/" + id + "?force=true", null, 200);
        Thread.sleep(2000); // let storage-service remove the objects before the next run
        return new Run(seconds, peak);
    }

    /** Runs a peer command under /usr/bin/time, answering its wall time and peak RSS. */
    Run peer(List<String> command) throws Exception {
        List<String> timed = new ArrayList<>(List.of("/usr/bin/time", "-f", "MAXRSS %M"));
        timed.addAll(command);
        ProcessBuilder builder = new ProcessBuilder(timed).redirectErrorStream(true);
        rcloneEnvironment(builder.environment());
        long start = System.nanoTime();
        Process process = builder.start();
        String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        int exit = process.waitFor();
        double seconds = (System.nanoTime() - start) / 1e9;
        if (exit != 0) {
            throw new IllegalStateException(String.join(" ", command) + " failed: " + output);
        }
        Matcher rss = Pattern.compile("MAXRSS (\\d+)").matcher(output);
        long kb = 0;
        while (rss.find()) {
            kb = Math.max(kb, Long.parseLong(rss.group(1)));
        }
        return new Run(seconds, kb);
    }

    void purgePeer() throws Exception {
        ProcessBuilder builder = new ProcessBuilder("rclone", "purge", "dest:bench-peer").redirectErrorStream(true);
        rcloneEnvironment(builder.environment());
        Process process = builder.start();
        process.getInputStream().readAllBytes();
        process.waitFor();
        ProcessBuilder mkdir = new ProcessBuilder("rclone", "mkdir", "dest:bench-peer").redirectErrorStream(true);
        rcloneEnvironment(mkdir.environment());
        Process made = mkdir.start();
        made.getInputStream().readAllBytes();
        made.waitFor();
    }

    /** Two rclone remotes on the stack's S3 store: the source bucket and the peer's destination. */
    void rcloneEnvironment(Map<String, String> env) {
        env.remove("AWS_CA_BUNDLE"); // rclone's plain-http transport refuses a custom CA bundle
        for (String remote : new String[] {"SRC", "DEST"}) {
            env.put("RCLONE_CONFIG_" + remote + "_TYPE", "s3");
            env.put("RCLONE_CONFIG_" + remote + "_PROVIDER", "Other");
            env.put("RCLONE_CONFIG_" + remote + "_ENDPOINT", s3);
            env.put("RCLONE_CONFIG_" + remote + "_ACCESS_KEY_ID", s3Key);
            env.put("RCLONE_CONFIG_" + remote + "_SECRET_ACCESS_KEY", s3Secret);
            env.put("RCLONE_CONFIG_" + remote + "_FORCE_PATH_STYLE", "true");
        }
    }

    /** Puts a folder under s3://bench-source/<prefix>/ once, and gives the project the store's keys as its aws credential. */
    void uploadSource(Path folder, String prefix) throws Exception {
        Path marker = data.resolve("uploaded-" + prefix);
        if (!Files.exists(marker)) {
            peer(List.of("rclone", "mkdir", "src:bench-source"));
            peer(List.of("rclone", "copy", folder.toString(), "src:bench-source/" + prefix, "--transfers", "32"));
            Files.writeString(marker, "");
        }
        send("PUT", "/project/" + project + "/credentials/aws", "{\"key_id\":\"" + s3Key + "\",\"secret\":\"" + s3Secret + "\"}",
                200, 201);
    }

    // ---- data -------------------------------------------------------------------------------------

    /** A file of seeded random (incompressible) bytes, made once. */
    Path randomFile(String name, long size, long seed) throws IOException {
        Path file = data.resolve(name);
        if (Files.exists(file) && Files.size(file) == size) {
            return file;
        }
        Random random = new Random(seed);
        byte[] buffer = new byte[(int) MIB];
        try (OutputStream out = Files.newOutputStream(file)) {
            for (long written = 0; written < size; written += buffer.length) {
                random.nextBytes(buffer);
                out.write(buffer, 0, (int) Math.min(buffer.length, size - written));
            }
        }
        return file;
    }

    /** An archive of ~200 seeded files of incompressible bytes totalling about {@code size}, made once with tar. */
    Path archive(String kind, long size) throws Exception {
        Path archive = data.resolve("archive-" + (size / MIB) + "m." + kind);
        if (Files.exists(archive)) {
            return archive;
        }
        Path content = data.resolve("archive-content-" + size);
        deleteTree(content);
        Random random = new Random(size);
        long left = size;
        byte[] buffer = new byte[(int) MIB];
        for (int i = 0; left > 0; i++) {
            long fileSize = Math.min(left, (long) (size / 200 * (0.5 + random.nextDouble())));
            Path file = content.resolve("layer-" + (i % 10)).resolve("shard-" + i + ".bin");
            Files.createDirectories(file.getParent());
            try (OutputStream out = Files.newOutputStream(file)) {
                for (long written = 0; written < fileSize; written += buffer.length) {
                    random.nextBytes(buffer);
                    out.write(buffer, 0, (int) Math.min(buffer.length, fileSize - written));
                }
            }
            left -= fileSize;
        }
        String flag = kind.equals("tar.gz") ? "z" : "j";
        Process tar = new ProcessBuilder("tar", "c" + flag + "f", archive.toString(), "-C", content.toString(), ".")
                .inheritIO().start();
        if (tar.waitFor() != 0) {
            throw new IllegalStateException("tar failed");
        }
        return archive;
    }

    // ---- small helpers ------------------------------------------------------------------------------

    void serve(HttpExchange exchange) throws IOException {
        Path file = data.resolve(exchange.getRequestURI().getPath().substring(1)).normalize();
        if (!file.startsWith(data) || !Files.isRegularFile(file)) {
            exchange.sendResponseHeaders(404, -1);
            exchange.close();
            return;
        }
        exchange.getResponseHeaders().set("Content-Type", "application/octet-stream");
        exchange.sendResponseHeaders(200, Files.size(file));
        try (OutputStream out = exchange.getResponseBody(); InputStream in = Files.newInputStream(file)) {
            in.transferTo(out);
        } catch (IOException e) {
            // the client went away
        }
        exchange.close();
    }

    String fileUrl(String name) {
        return "http://127.0.0.1:" + files.getAddress().getPort() + "/" + name;
    }

    String awaitFinal(String id, int timeoutSeconds) throws Exception {
        long deadline = System.nanoTime() + timeoutSeconds * 1_000_000_000L;
        while (System.nanoTime() < deadline) {
            String status = status(id);
            if (status.equals("ready") || status.equals("failed")) {
                return status;
            }
            Thread.sleep(50);
        }
        throw new IllegalStateException("model " + id + " did not finish in " + timeoutSeconds + " s");
    }

    String status(String id) throws Exception {
        return field(get("/model/" + id).body(), "status");
    }

    HttpRequest.Builder request(String path) {
        return HttpRequest.newBuilder(URI.create(api + path)).header("Authorization", token)
                .header("Content-Type", "application/json");
    }

    HttpResponse<String> get(String path) throws Exception {
        return http.send(request(path).GET().build(), HttpResponse.BodyHandlers.ofString());
    }

    HttpResponse<String> send(String method, String path, String body, int... expected) throws Exception {
        HttpResponse<String> response = http.send(request(path).method(method, body == null
                ? HttpRequest.BodyPublishers.noBody() : HttpRequest.BodyPublishers.ofString(body)).build(),
                HttpResponse.BodyHandlers.ofString());
        for (int status : expected) {
            if (response.statusCode() == status) {
                return response;
            }
        }
        throw new IllegalStateException(method + " " + path + " answered " + response.statusCode() + ": " + response.body());
    }

    /** The first string field of that name in a JSON answer (the benchmark needs no JSON library for this). */
    static String field(String json, String name) {
        Matcher value = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!value.find()) {
            throw new IllegalStateException("no " + name + " in " + json);
        }
        return value.group(1);
    }

    /** The fetcher-worker process of the running stack. */
    static long fetcherPid() throws IOException {
        return servicePid("fetcher-worker");
    }

    /** The process of one of the running stack's services. */
    static long servicePid(String module) throws IOException {
        try (var procs = Files.list(Path.of("/proc"))) {
            for (Path proc : procs.filter(p -> p.getFileName().toString().matches("\\d+")).toList()) {
                try {
                    String cmdline = Files.readString(proc.resolve("cmdline")).replace('\0', ' ');
                    if (cmdline.contains(module) && cmdline.contains("quarkus-run.jar")) {
                        return Long.parseLong(proc.getFileName().toString());
                    }
                } catch (IOException e) {
                    // gone meanwhile
                }
            }
        }
        throw new IllegalStateException("no " + module + " process: is the stack running (./stack start)?");
    }

    /** Samples a process's resident set every 50 ms; the peak since it started. */
    static final class RssSampler {
        private final AtomicLong peakKb = new AtomicLong();
        private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();

        RssSampler(long pid) {
            Path status = Path.of("/proc", String.valueOf(pid), "status");
            timer.scheduleAtFixedRate(() -> {
                try {
                    for (String line : Files.readAllLines(status)) {
                        if (line.startsWith("VmRSS:")) {
                            long kb = Long.parseLong(line.replaceAll("\\D", ""));
                            peakKb.accumulateAndGet(kb, Math::max);
                        }
                    }
                } catch (IOException e) {
                    // the process ended
                }
            }, 0, 50, TimeUnit.MILLISECONDS);
        }

        long stop() {
            timer.shutdownNow();
            return peakKb.get();
        }
    }

    static double median(List<Run> runs) {
        List<Double> seconds = runs.stream().map(Run::seconds).sorted().toList();
        int n = seconds.size();
        return n % 2 == 1 ? seconds.get(n / 2) : (seconds.get(n / 2 - 1) + seconds.get(n / 2)) / 2;
    }

    static double pct(List<Long> sortedNanos, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sortedNanos.size()) - 1;
        return sortedNanos.get(Math.max(0, Math.min(sortedNanos.size() - 1, index))) / 1e6;
    }

    static long folderSize(Path folder) throws IOException {
        try (var walk = Files.walk(folder)) {
            return walk.filter(Files::isRegularFile).mapToLong(p -> {
                try {
                    return Files.size(p);
                } catch (IOException e) {
                    return 0;
                }
            }).sum();
        }
    }

    static void deleteTree(Path folder) throws IOException {
        if (!Files.exists(folder)) {
            return;
        }
        try (var walk = Files.walk(folder)) {
            for (Path path : walk.sorted(Comparator.reverseOrder()).toList()) {
                Files.delete(path);
            }
        }
    }

    static String env(String name, String fallback) {
        String value = System.getenv(name);
        return value == null || value.isBlank() ? fallback : value;
    }
}
