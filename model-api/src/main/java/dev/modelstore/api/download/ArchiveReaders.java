package dev.modelstore.api.download;

import dev.modelstore.api.config.ModelApiConfig;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/** The threads that read small files ahead of the archives being streamed, shared by every archive. */
@ApplicationScoped
public class ArchiveReaders {

    private final ExecutorService pool;

    ArchiveReaders(ModelApiConfig config) {
        this.pool = Executors.newFixedThreadPool(Math.max(1, config.downloads().archiveReaders()), runnable -> {
            Thread thread = new Thread(runnable, "archive-reader");
            thread.setDaemon(true);
            return thread;
        });
    }

    ExecutorService pool() {
        return pool;
    }

    @PreDestroy
    void close() {
        pool.shutdownNow();
    }
}
