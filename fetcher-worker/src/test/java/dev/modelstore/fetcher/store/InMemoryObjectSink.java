package dev.modelstore.fetcher.store;

import dev.modelstore.support.objectstore.StoredObject;
import dev.modelstore.support.objectstore.ObjectSink;
import java.io.IOException;
import java.io.InputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.Map;
import java.util.TreeMap;

/** Keeps objects in a map (safe for parallel writers), for unit tests of the writer and extractors; the end-to-end tests use the real store. */
public final class InMemoryObjectSink implements ObjectSink {

    private final Map<String, byte[]> objects = java.util.Collections.synchronizedMap(new TreeMap<>());

    @Override
    public StoredObject put(String key, InputStream content, long length) throws IOException {
        byte[] bytes = length >= 0 ? content.readNBytes((int) length) : content.readAllBytes();
        if (length >= 0 && bytes.length != length) {
            throw new IOException("stream ended after " + bytes.length + " of " + length + " bytes");
        }
        objects.put(key, bytes);
        return new StoredObject(key, bytes.length, sha256(bytes));
    }

    /** Stored objects by key (a copy, in key order). */
    public Map<String, byte[]> objects() {
        synchronized (objects) {
            return new TreeMap<>(objects);
        }
    }

    static String sha256(byte[] bytes) {
        try {
            return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }
}
