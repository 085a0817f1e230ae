package dev.modelstore.api.logs;

import io.quarkus.websockets.next.CloseReason;
import io.quarkus.websockets.next.WebSocketConnection;
import java.time.Duration;
import java.time.Instant;
import java.util.UUID;
import org.jboss.logging.Logger;

/**
 * One connection's stream of one model's or job's log: history on {@code getlogs}, then, once
 * subscribed, new lines as they come, then {@code end}. Sends never block the poller: a client that
 * reads slower than its log grows is skipped until it has caught up.
 */
final class LogStream {

    private static final Logger LOG = Logger.getLogger(LogStream.class);
    /** The most lines sent per poll. */
    static final int PAGE = 500;
    /** Bytes sent but not yet written to the socket beyond which the stream waits for its client; the history sent first fits in them too. */
    static final long MAX_PENDING_BYTES = 1024 * 1024;

    final String entity;
    final UUID id;
    final UUID projectId;
    final UUID tokenId;
    private final WebSocketConnection connection;
    private final LogSource source;
    private final java.util.concurrent.atomic.AtomicLong pending = new java.util.concurrent.atomic.AtomicLong();
    private long cursor = -1;
    private boolean historySent;
    private boolean subscribed;
    private boolean closed;
    private Instant tokenChecked = Instant.now();

    LogStream(String entity, UUID id, UUID projectId, UUID tokenId, WebSocketConnection connection, LogSource source) {
        this.entity = entity;
        this.id = id;
        this.projectId = projectId;
        this.tokenId = tokenId;
        this.connection = connection;
        this.source = source;
    }

    /** {@code getlogs}: the latest lines so far (once per connection). */
    synchronized void history(int lines) {
        if (historySent || closed) {
            return;
        }
        historySent = true;
        LogSource.Page page = source.latest(lines);
        java.util.List<String> texts = page.lines().stream().filter(line -> cursor < 0 || line.id() <= cursor)
                .map(LogMessages::line).toList();
        // the latest lines that fit in the pending bound, oldest of them first
        int from = texts.size();
        long bytes = 0;
        while (from > 0 && bytes + texts.get(from - 1).length() <= MAX_PENDING_BYTES) {
            bytes += texts.get(--from).length();
        }
        texts.subList(from, texts.size()).forEach(this::send);
        if (cursor < 0) {
            cursor = page.cursor();
        }
    }

    /** {@code subscribe}: from now on, new lines as they come (after the history, if it was asked first). */
    synchronized void subscribe() {
        if (subscribed || closed) {
            return;
        }
        subscribed = true;
        if (cursor < 0) {
            cursor = source.latest(0).cursor();
        }
    }

    /** One poll: sends the new lines; at the end sends {@code end} and closes. Answers whether the stream goes on. */
    synchronized boolean poll() {
        if (closed) {
            return false;
        }
        if (!connection.isOpen()) {
            closed = true;
            return false;
        }
        if (!subscribed || pending.get() > MAX_PENDING_BYTES) {
            return true;
        }
        LogSource.Page page = source.after(cursor, PAGE);
        page.lines().forEach(line -> send(LogMessages.line(line)));
        cursor = page.cursor();
        if (page.ended()) {
            finish();
            return false;
        }
        return true;
    }

    /** Whether the token is due for another check. */
    synchronized boolean tokenCheckDue(Duration every) {
        if (Duration.between(tokenChecked, Instant.now()).compareTo(every) < 0) {
            return false;
        }
        tokenChecked = Instant.now();
        return true;
    }

    /** Closes the stream without {@code end}: the client reconnects, and is refused if it no longer may. */
    synchronized void drop(int code, String why) {
        closed = true;
        connection.close(new CloseReason(code, why)).subscribe().with(ok -> { }, failure -> { });
    }

    private void finish() {
        send(LogMessages.end());
        closed = true;
        connection.close(CloseReason.NORMAL).subscribe().with(ok -> { }, failure -> { });
    }

    private void send(String text) {
        pending.addAndGet(text.length());
        connection.sendText(text).subscribe().with(ok -> pending.addAndGet(-text.length()), failure -> {
            pending.addAndGet(-text.length());
            LOG.debugf("a log line could not be sent on connection %s: %s", connection.id(), failure.toString());
        });
    }
}
