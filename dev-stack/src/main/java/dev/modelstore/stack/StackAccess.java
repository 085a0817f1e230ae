package dev.modelstore.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.Properties;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * How users and scripts reach the embedded stack: the API URL, the first project and its API
 * token. Made on first start (through model-api's internal bootstrap call) and kept in
 * {@code <data>/access.properties}, readable by its owner only.
 */
public record StackAccess(String apiUrl, String projectId, String token) {

    /** The file name scripts read: keys {@code api_url}, {@code project_uuid}, {@code token}. */
    public static final String FILE = "access.properties";

    /** Reads the access file, or makes the first token and writes it. */
    static StackAccess ensure(StackSettings settings, StackSecrets secrets) throws IOException, InterruptedException {
        Path file = settings.dataDir().resolve(FILE);
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            }
            return new StackAccess(settings.apiUrl(), properties.getProperty("project_uuid"), properties.getProperty("token"));
        }
        HttpResponse<String> response = HttpClient.newHttpClient().send(HttpRequest.newBuilder(
                        URI.create(settings.apiUrl() + "/internal/tokens/bootstrap"))
                .header("X-Modelstore-Service-Token", secrets.serviceToken())
                .timeout(Duration.ofSeconds(30))
                .POST(HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
        if (response.statusCode() != 200) {
            throw new IllegalStateException("model-api did not make the first API token: " + response.statusCode());
        }
        StackAccess access = new StackAccess(settings.apiUrl(), field(response.body(), "project_uuid"),
                field(response.body(), "token"));
        properties.setProperty("api_url", access.apiUrl());
        properties.setProperty("project_uuid", access.projectId());
        properties.setProperty("token", access.token());
        Files.deleteIfExists(file);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Modelstore: send the token as the Authorization header");
        }
        return access;
    }

    private static String field(String json, String name) {
        Matcher m = Pattern.compile("\"" + name + "\"\\s*:\\s*\"([^\"]+)\"").matcher(json);
        if (!m.find()) {
            throw new IllegalStateException("no " + name + " in model-api's answer");
        }
        return m.group(1);
    }

    @Override
    public String toString() {
        return "StackAccess[apiUrl=" + apiUrl + ", projectId=" + projectId + ", token=***]";
    }
}
