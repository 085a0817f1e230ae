package dev.modelstore.support.objectstore;

import java.io.IOException;
import java.io.InputStream;

/** Where a model writer puts objects: the model store in production ({@link ObjectUploader}). */
public interface ObjectSink {

    /** Stores the stream's bytes (exactly {@code length} of them, or all when -1) under the key. */
    StoredObject put(String key, InputStream content, long length) throws IOException;

    /** Copies an object already stored to another key. */
    void copy(String fromKey, String toKey);
}
