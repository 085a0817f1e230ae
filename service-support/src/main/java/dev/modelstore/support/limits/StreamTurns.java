package dev.modelstore.support.limits;

import dev.modelstore.support.rest.ApiException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Bounds the long responses a service streams at once (archives, exports' downloads): so many in
 * all, fewer per key (a project, an export), so that one caller cannot take the memory or every
 * other caller's turn. A turn is taken before the response is answered (so that a refusal is a clean
 * 429 or 503) and given back when its stream ends; a turn whose stream never started (the client went
 * away before the body was written) is taken back after {@code unstarted}, so none leaks.
 */
public final class StreamTurns<K> {

    /** One stream's turn: {@link #started()} when its body starts, {@link #close()} when it ends. */
    public final class Turn implements AutoCloseable {
        private final K key;
        private final long takenAt = System.nanoTime();
        private boolean started;
        private boolean closed;

        private Turn(K key) {
            this.key = key;
        }

        /** The stream's body is being written: the turn is kept until it closes. */
        public void started() {
            synchronized (StreamTurns.this) {
                started = true;
            }
        }

        @Override
        public void close() {
            synchronized (StreamTurns.this) {
                release(this);
            }
        }
    }

    private final int total;
    private final int perKey;
    private final long unstartedNanos;
    private final String what;
    private final Map<K, Integer> byKey = new HashMap<>();
    private final List<Turn> turns = new ArrayList<>();

    /**
     * @param what what is streamed, for messages ("archives")
     * @param unstarted how long a turn whose stream has not started is kept
     */
    public StreamTurns(String what, int total, int perKey, Duration unstarted) {
        this.what = what;
        this.total = total;
        this.perKey = perKey;
        this.unstartedNanos = unstarted.toNanos();
    }

    /** Takes a turn for the key; 429 beyond the key's bound, 503 beyond the bound of all. */
    public synchronized Turn take(K key, String keyName) {
        long now = System.nanoTime();
        for (Turn turn : List.copyOf(turns)) {
            if (!turn.started && now - turn.takenAt > unstartedNanos) {
                release(turn);
            }
        }
        int mine = byKey.getOrDefault(key, 0);
        if (mine >= perKey) {
            throw new ApiException(429, "this " + keyName + " already streams " + mine + " " + what + ", the most it may "
                    + "at once; wait for one to finish");
        }
        if (turns.size() >= total) {
            throw new ApiException(503, "this service streams as many " + what + " as it may at once; try again shortly");
        }
        Turn turn = new Turn(key);
        turns.add(turn);
        byKey.put(key, mine + 1);
        return turn;
    }

    /** How many turns are taken now. */
    public synchronized int taken() {
        return turns.size();
    }

    private void release(Turn turn) {
        if (!turn.closed) {
            turn.closed = true;
            turns.remove(turn);
            byKey.computeIfPresent(turn.key, (k, n) -> n <= 1 ? null : n - 1);
        }
    }
}
