package dev.modelstore.api.logs;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.api.repository.ModelLogRepository;
import dev.modelstore.api.repository.ModelRepository;
import dev.modelstore.api.rest.ServiceForwarder;
import io.quarkus.narayana.jta.QuarkusTransaction;
import io.quarkus.websockets.next.OnClose;
import io.quarkus.websockets.next.OnOpen;
import io.quarkus.websockets.next.OnTextMessage;
import io.quarkus.websockets.next.WebSocket;
import io.quarkus.websockets.next.WebSocketConnection;
import java.net.URI;
import java.util.Optional;
import java.util.UUID;
import org.eclipse.microprofile.config.inject.ConfigProperty;

/**
 * {@code GET /ws}: trainML's live log stream ({@code attach}), on the API's own port. The client
 * sends {@code {"action":"getlogs","data":{"type":"init","entity":"model"|"job","id":…}}} for the
 * history and {@code {"action":"subscribe","data":{"type":"logs",…}}} for what follows; it gets
 * {@code {"type":"subscription","time","msg","stream"}} per line and {@code {"type":"end"}} once
 * the model is ready or failed, or the job is over. The upgrade needs a valid token
 * ({@link LogStreamAuth}); an entity of another project, or none, gets an {@code error} and {@code end}.
 * The endpoint is one instance for all connections: each callback is given its own connection,
 * which the poller threads may use (an injected connection works only on the connection's own threads).
 */
@WebSocket(path = "/ws")
public class LogStreamSocket {

    private static final ObjectMapper JSON = new ObjectMapper();

    private final LogStreams streams;
    private final ModelApiConfig config;
    private final ModelRepository models;
    private final ModelLogRepository modelLog;
    private final JobLogRepository jobLog;
    private final ServiceForwarder forwarder;
    private final Optional<URI> jobsUrl;
    /** Each open connection's stream (the endpoint is one instance for all connections). */
    private final java.util.Map<String, LogStream> byConnection = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, Object> locks = new java.util.concurrent.ConcurrentHashMap<>();
    private final java.util.Map<String, java.util.concurrent.atomic.AtomicInteger> errors = new java.util.concurrent.ConcurrentHashMap<>();
    /** Requests a connection may send that the stream cannot serve before it is closed. */
    static final int MAX_ERRORS = 20;

    LogStreamSocket(LogStreams streams, ModelApiConfig config, ModelRepository models,
            ModelLogRepository modelLog, JobLogRepository jobLog, ServiceForwarder forwarder,
            @ConfigProperty(name = "modelstore.jobs-url") Optional<URI> jobsUrl) {
        this.streams = streams;
        this.config = config;
        this.models = models;
        this.modelLog = modelLog;
        this.jobLog = jobLog;
        this.forwarder = forwarder;
        this.jobsUrl = jobsUrl;
    }

    /** One request of the client: {@code getlogs}, {@code subscribe} or {@code heartbeat}. */
    @OnTextMessage
    public void onMessage(String text, WebSocketConnection connection) {
        JsonNode message;
        try {
            message = JSON.readTree(text);
        } catch (java.io.IOException e) {
            complain(connection, LogMessages.error("messages are JSON: {\"action\": \"getlogs\"|\"subscribe\", \"data\": {…}}"));
            return;
        }
        String action = message.path("action").asText("");
        if (action.equals("heartbeat")) {
            return;
        }
        if (!action.equals("getlogs") && !action.equals("subscribe")) {
            complain(connection, LogMessages.error("unknown action '" + shown(action)
                    + "'; this stream knows getlogs, subscribe and heartbeat"));
            return;
        }
        LogStream target;
        // one connection's requests pick its stream one at a time (getlogs and subscribe come together)
        synchronized (locks.computeIfAbsent(connection.id(), id -> new Object())) {
            target = stream(connection, message.path("data"));
        }
        if (target == null) {
            return;
        }
        if (action.equals("getlogs")) {
            target.history(config.logStreams().historyLines());
        }
        // trainML's clients always send both; getlogs subscribes too, so that a client whose
        // subscribe is lost on the way still gets the lines that follow and its end
        target.subscribe();
    }

    /** Counts the connection against its project's limit at once (an idle connection counts too). */
    @OnOpen
    public void onOpen(WebSocketConnection connection) {
        UUID project = UUID.fromString(connection.userData().get(LogStreamAuth.PROJECT));
        if (!streams.open(connection.id(), project, () -> refuse(connection,
                "no getlogs or subscribe came within " + LogStreams.IDLE.toSeconds() + " s of connecting"))) {
            refuse(connection, "project " + project + " already has " + config.logStreams().maxPerProject()
                    + " log streams open; close one and attach again");
        }
    }

    @OnClose
    public void onClose(WebSocketConnection connection) {
        locks.remove(connection.id());
        errors.remove(connection.id());
        byConnection.remove(connection.id());
        streams.close(connection.id());
    }

    /** The connection's stream; the first request picks its entity and later ones must name the same. */
    private LogStream stream(WebSocketConnection connection, JsonNode data) {
        String entity = data.path("entity").asText("");
        UUID project = UUID.fromString(connection.userData().get(LogStreamAuth.PROJECT));
        UUID id;
        try {
            id = UUID.fromString(data.path("id").asText(""));
        } catch (IllegalArgumentException e) {
            refuse(connection, "data.id must be the " + (entity.isEmpty() ? "model's or job's" : shown(entity) + "'s") + " id (a UUID)");
            return null;
        }
        LogStream stream = byConnection.get(connection.id());
        if (stream != null) {
            if (!stream.entity.equals(entity) || !stream.id.equals(id)) {
                complain(connection, LogMessages.error("this connection streams the log of " + stream.entity + " "
                        + stream.id + "; open another connection for " + shown(entity) + " " + id));
                return null;
            }
            return stream;
        }
        String named = data.path("project_uuid").asText("");
        if (!named.isEmpty() && !named.equalsIgnoreCase(project.toString())) {
            refuse(connection, "project " + shown(named) + " does not exist");
            return null;
        }
        LogSource source;
        if (entity.equals("model")) {
            if (QuarkusTransaction.requiringNew().call(() -> models.findInProject(id, project).isEmpty())) {
                refuse(connection, "model " + id + " does not exist");
                return null;
            }
            source = new ModelLogSource(id, models, modelLog);
        } else if (entity.equals("job")) {
            JobLookup lookup = new JobLookup(forwarder, jobsUrl, connection.userData().get(LogStreamAuth.TOKEN), project);
            JobLookup.State state = lookup.state(id);
            if (state == JobLookup.State.GONE) {
                refuse(connection, "job " + id + " does not exist");
                return null;
            }
            if (state == JobLookup.State.UNKNOWN) {
                refuse(connection, "job-runner cannot be reached right now; attach again shortly");
                return null;
            }
            source = new JobLogSource(id, jobLog, lookup);
        } else {
            refuse(connection, "data.entity must be 'model' or 'job'");
            return null;
        }
        UUID tokenId = UUID.fromString(connection.userData().get(LogStreamAuth.TOKEN_ID));
        LogStream created = new LogStream(entity, id, project, tokenId, connection, source);
        byConnection.put(connection.id(), created);
        streams.start(connection.id(), created);
        if (!connection.isOpen()) {
            onClose(connection);
        }
        return created;
    }

    /** Answers a request it cannot serve; a connection that keeps sending such requests is closed. */
    private void complain(WebSocketConnection connection, String message) {
        int count = errors.computeIfAbsent(connection.id(), id -> new java.util.concurrent.atomic.AtomicInteger()).incrementAndGet();
        if (count > MAX_ERRORS) {
            connection.close(new io.quarkus.websockets.next.CloseReason(1008, "too many requests this stream cannot serve"))
                    .subscribe().with(ok -> { }, failure -> { });
            return;
        }
        connection.sendText(message).subscribe().with(ok -> { }, failure -> { });
    }

    /** Sends the reason and {@code end}, then closes: trainML's clients stop rather than reconnect. Never waits for the client. */
    private static void refuse(WebSocketConnection connection, String why) {
        connection.sendText(LogMessages.error(why)).chain(() -> connection.sendText(LogMessages.end()))
                .chain(() -> connection.close()).subscribe().with(ok -> { }, failure -> { });
    }

    private static String shown(String text) {
        return dev.modelstore.support.input.Texts.shown(text, 80);
    }
}
