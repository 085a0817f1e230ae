package dev.modelstore.fetcher.store;

import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.support.objectstore.ObjectStoreConfig;
import dev.modelstore.support.objectstore.ObjectUploader;
import jakarta.enterprise.inject.Disposes;
import jakarta.enterprise.inject.Produces;
import jakarta.inject.Singleton;

/** The fetcher's one {@link ObjectUploader}, sized by its upload settings (part size, parallel parts, buffers). */
public class ObjectUploaderProducer {

    @Produces
    @Singleton
    ObjectUploader uploader(ObjectStoreConfig store, FetcherConfig config) {
        return new ObjectUploader(store, config.uploadPartBytes(), config.singlePutMaxBytes(), config.uploadPartConcurrency(),
                config.uploadBuffers());
    }

    void close(@Disposes ObjectUploader uploader) {
        uploader.close();
    }
}
