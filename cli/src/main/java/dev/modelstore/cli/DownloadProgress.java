package dev.modelstore.cli;

import java.io.PrintWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/**
 * A download's progress line on stderr: bytes done of the total, files, the rate of this run and the
 * time left, redrawn in place at most every 500 ms. When it is not shown it only counts.
 */
final class DownloadProgress implements AutoCloseable {

    /** How often the line is redrawn. */
    static final long INTERVAL_MILLIS = 500;

    private final PrintWriter err;
    private final long totalBytes;
    private final int totalFiles;
    private final AtomicLong done = new AtomicLong();
    private final AtomicLong transferred = new AtomicLong();
    private final AtomicInteger files = new AtomicInteger();
    private final long started = System.nanoTime();
    private final ScheduledExecutorService timer;
    private int lastWidth;

    /** A progress line for {@code totalBytes} in {@code totalFiles}, drawn on {@code err} when {@code shown}. */
    DownloadProgress(PrintWriter err, long totalBytes, int totalFiles, boolean shown) {
        this.err = err;
        this.totalBytes = totalBytes;
        this.totalFiles = totalFiles;
        if (shown) {
            timer = Executors.newSingleThreadScheduledExecutor(runnable -> {
                Thread thread = new Thread(runnable, "download-progress");
                thread.setDaemon(true);
                return thread;
            });
            timer.scheduleAtFixedRate(this::draw, INTERVAL_MILLIS, INTERVAL_MILLIS, TimeUnit.MILLISECONDS);
        } else {
            timer = null;
        }
    }

    /** Bytes already on disk (a file already there, a part to resume), or taken back (a part started over) when negative. */
    void present(long bytes) {
        done.addAndGet(bytes);
    }

    /** Bytes received from the network now. */
    void transferred(long bytes) {
        done.addAndGet(bytes);
        transferred.addAndGet(bytes);
    }

    /** One more file is in place. */
    void fileDone() {
        files.incrementAndGet();
    }

    /** The bytes received from the network by this run. */
    long transferredBytes() {
        return transferred.get();
    }

    /** Stops redrawing; the last line stays, followed by a new line. */
    @Override
    public void close() {
        if (timer != null) {
            timer.shutdownNow();
            draw();
            synchronized (this) {
                err.println();
                err.flush();
            }
        }
    }

    private synchronized void draw() {
        double seconds = (System.nanoTime() - started) / 1e9;
        String line = line(done.get(), totalBytes, files.get(), totalFiles, transferred.get(), seconds);
        int width = line.length();
        err.print("\r" + line + " ".repeat(Math.max(0, lastWidth - width)));
        err.flush();
        lastWidth = width;
    }

    /** The progress line of these figures. */
    static String line(long done, long total, int files, int totalFiles, long transferred, double seconds) {
        double rate = seconds > 0 ? transferred / seconds : 0;
        String eta = rate > 0 ? duration((long) Math.ceil(Math.max(0, total - done) / rate)) : "--";
        return String.format(Locale.ROOT, "%s / %s  %d/%d files  %s/s  ETA %s", size(done), size(total), files,
                totalFiles, size((long) rate), eta);
    }

    /** Bytes in decimal units, as the other commands show them. */
    static String size(long bytes) {
        if (bytes < 1000) {
            return bytes + " B";
        }
        String[] units = {"kB", "MB", "GB", "TB", "PB"};
        double value = bytes;
        int unit = -1;
        while (value >= 1000 && unit < units.length - 1) {
            value /= 1000;
            unit++;
        }
        return String.format(Locale.ROOT, "%.1f %s", value, units[unit]);
    }

    private static String duration(long seconds) {
        if (seconds >= 3600) {
            return String.format(Locale.ROOT, "%dh%02dm", seconds / 3600, seconds % 3600 / 60);
        }
        return seconds >= 60 ? String.format(Locale.ROOT, "%dm%02ds", seconds / 60, seconds % 60) : seconds + "s";
    }

    /** Whether stderr is a terminal (on Linux, where {@code /proc} tells; elsewhere when there is a console). */
    static boolean stderrIsTerminal() {
        Path fd = Path.of("/proc/self/fd/2");
        try {
            if (Files.isSymbolicLink(fd)) {
                String target = Files.readSymbolicLink(fd).toString();
                return target.startsWith("/dev/pts/") || target.startsWith("/dev/tty") || target.equals("/dev/console");
            }
        } catch (java.io.IOException | SecurityException e) {
            // fall back on the console
        }
        return System.console() != null;
    }
}
