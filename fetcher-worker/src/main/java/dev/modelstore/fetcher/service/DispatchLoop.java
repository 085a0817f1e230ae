package dev.modelstore.fetcher.service;

import java.time.Duration;
import java.util.concurrent.ArrayBlockingQueue;
import java.util.concurrent.TimeUnit;
import org.jboss.logging.Logger;

/**
 * The loop a dispatcher of queued work runs on a thread of its own (ingests, exports): every
 * {@code beat} it beats the heartbeats of its running work and queues again abandoned work; in
 * between it dispatches queued work while a slot is free, and waits for a wake-up (a request
 * arrived, a slot freed) or a second. A database that cannot be reached is retried every second.
 */
public final class DispatchLoop {

    /** What the loop does. */
    public interface Work {

        /** Heartbeats and the recovery of abandoned work; runs every beat. */
        void beat();

        /** Claims and starts one piece of queued work if a slot is free; false when there is nothing to do. */
        boolean dispatchOne();
    }

    private final String name;
    private final Duration beat;
    private final Work work;
    private final Logger log;
    private final ArrayBlockingQueue<Boolean> signal = new ArrayBlockingQueue<>(1);
    private volatile boolean stopping;
    private Thread thread;

    public DispatchLoop(String name, Duration beat, Work work, Logger log) {
        this.name = name;
        this.beat = beat;
        this.work = work;
        this.log = log;
    }

    /** Starts the loop's thread. */
    public void start() {
        thread = new Thread(this::loop, name);
        thread.setDaemon(true);
        thread.start();
    }

    /** Ends the loop. */
    public void stop() {
        stopping = true;
        if (thread != null) {
            thread.interrupt();
        }
    }

    /** Asks the loop to look at the queue now. */
    public void wakeUp() {
        signal.offer(Boolean.TRUE);
    }

    private void loop() {
        long nextBeat = 0;
        while (!stopping) {
            try {
                if (System.nanoTime() >= nextBeat) {
                    work.beat();
                    nextBeat = System.nanoTime() + beat.toNanos();
                }
                while (!stopping && work.dispatchOne()) {
                    // a slot was free and work waited: look for the next
                }
                signal.poll(1, TimeUnit.SECONDS);
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            } catch (RuntimeException e) {
                log.warnf("the %s could not reach the database (will retry): %s", name, e.toString());
                try {
                    Thread.sleep(1_000);
                } catch (InterruptedException interrupted) {
                    Thread.currentThread().interrupt();
                    return;
                }
            }
        }
    }
}
