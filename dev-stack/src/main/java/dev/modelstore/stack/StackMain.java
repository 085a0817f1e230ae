package dev.modelstore.stack;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CountDownLatch;

/**
 * {@code run}: starts the whole stack, writes {@code <data>/stack.ready} with the API URL, and keeps
 * it running until this process is stopped (SIGTERM stops every server it started). The
 * {@code ./stack} script starts this in the background and stops it again.
 */
public final class StackMain {

    private StackMain() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length != 1 || !args[0].equals("run")) {
            System.err.println("usage: StackMain run   (use ./stack start|stop|status)");
            System.exit(2);
        }
        StackSettings settings = StackSettings.fromEnvironment();
        Path ready = settings.dataDir().resolve("stack.ready");
        Files.createDirectories(settings.dataDir());
        Files.deleteIfExists(ready);
        long startedAt = System.nanoTime();
        Stack stack;
        try {
            stack = Stack.start(settings);
        } catch (Exception e) {
            System.err.println("the stack did not start: " + e.getMessage());
            Files.writeString(settings.dataDir().resolve("stack.failed"), String.valueOf(e.getMessage()));
            System.exit(1);
            return;
        }
        CountDownLatch stopped = new CountDownLatch(1);
        Runtime.getRuntime().addShutdownHook(new Thread(() -> {
            stack.close();
            stopped.countDown();
        }, "stack-shutdown"));
        long seconds = (System.nanoTime() - startedAt) / 1_000_000_000L;
        Files.writeString(ready, settings.apiUrl() + "\n");
        System.out.println("Modelstore is up in " + seconds + " s: " + settings.apiUrl() + " (project "
                + stack.access().projectId() + "; token in " + settings.dataDir().resolve(StackAccess.FILE) + ")");
        stopped.await();
    }
}
