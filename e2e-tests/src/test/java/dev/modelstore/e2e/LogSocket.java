package dev.modelstore.e2e;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/**
 * A client of the live log stream that speaks the wire as trainML's SDK does ({@code
 * ../shared/TRAINML-API.md}): {@code ws://…/ws?Authorization=<token>}, then {@code getlogs} and
 * {@code subscribe} (only {@code subscribe} when it reconnects), reading JSON texts until {@code end}.
 */
final class LogSocket implements AutoCloseable {

    private static final ObjectMapper JSON = new ObjectMapper();

    final List<JsonNode> messages = new CopyOnWriteArrayList<>();
    final CompletableFuture<Integer> closed = new CompletableFuture<>();
    private final WebSocket socket;

    private LogSocket(WebSocket socket) {
        this.socket = socket;
    }

    /** The stream's URL on the API's port, with the token in the query as the SDK puts it. */
    static URI url(String token) {
        String api = StackExtension.stack().settings().apiUrl().replaceFirst("^http", "ws");
        return URI.create(api + "/ws?Authorization=" + URLEncoder.encode(token, StandardCharsets.UTF_8));
    }

    /** Connects; throws (the handshake's status in the message) when the upgrade is refused. */
    static LogSocket open(URI url) throws Exception {
        LogSocket[] self = new LogSocket[1];
        CompletableFuture<Void> ready = new CompletableFuture<>();
        List<JsonNode> early = new CopyOnWriteArrayList<>();
        CompletableFuture<Integer> closedEarly = new CompletableFuture<>();
        WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().connectTimeout(Duration.ofSeconds(5))
                .buildAsync(url, new WebSocket.Listener() {
                    private final StringBuilder text = new StringBuilder();

                    @Override
                    public CompletionStage<?> onText(WebSocket webSocket, CharSequence data, boolean last) {
                        text.append(data);
                        if (last) {
                            try {
                                (self[0] == null ? early : self[0].messages).add(JSON.readTree(text.toString()));
                            } catch (Exception e) {
                                throw new IllegalStateException(e);
                            }
                            text.setLength(0);
                        }
                        webSocket.request(1);
                        return null;
                    }

                    @Override
                    public CompletionStage<?> onClose(WebSocket webSocket, int statusCode, String reason) {
                        (self[0] == null ? closedEarly : self[0].closed).complete(statusCode);
                        return null;
                    }

                    @Override
                    public void onError(WebSocket webSocket, Throwable error) {
                        (self[0] == null ? closedEarly : self[0].closed).complete(-1);
                    }
                }).get(10, TimeUnit.SECONDS);
        self[0] = new LogSocket(socket);
        self[0].messages.addAll(early);
        closedEarly.thenAccept(self[0].closed::complete);
        return self[0];
    }

    /** The SDK's first two messages: history, then the live lines. */
    LogSocket attach(String entity, String id) {
        getlogs(entity, id);
        return subscribe(entity, id);
    }

    LogSocket getlogs(String entity, String id) {
        return send("{\"action\":\"getlogs\",\"data\":{\"type\":\"init\",\"entity\":\"" + entity + "\",\"id\":\"" + id + "\"}}");
    }

    LogSocket subscribe(String entity, String id) {
        return send("{\"action\":\"subscribe\",\"data\":{\"type\":\"logs\",\"entity\":\"" + entity + "\",\"id\":\"" + id + "\"}}");
    }

    LogSocket send(String text) {
        socket.sendText(text, true).join();
        return this;
    }

    /** Waits until a message matches; answers it. */
    JsonNode await(Predicate<JsonNode> wanted, Duration timeout) {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (System.nanoTime() < deadline) {
            for (JsonNode message : messages) {
                if (wanted.test(message)) {
                    return message;
                }
            }
            ModelApiClient.sleep(50);
        }
        throw new AssertionError("no such message within " + timeout + "; got " + messages + (closed.isDone()
                ? " and the socket closed with " + closed.getNow(null) : ""));
    }

    /** Waits for {@code end} and the close after it. */
    List<JsonNode> awaitEnd(Duration timeout) throws Exception {
        await(message -> message.path("type").asText().equals("end"), timeout);
        closed.get(10, TimeUnit.SECONDS);
        return messages;
    }

    /** The lines received, in order. */
    List<String> lines() {
        return messages.stream().filter(m -> m.path("type").asText().equals("subscription")).map(m -> m.path("msg").asText())
                .toList();
    }

    /** Drops the connection without a close handshake, as a lost network would. */
    void abort() {
        socket.abort();
    }

    @Override
    public void close() {
        if (!socket.isOutputClosed()) {
            socket.sendClose(WebSocket.NORMAL_CLOSURE, "").exceptionally(e -> null);
        }
    }
}
