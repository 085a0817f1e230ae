package dev.modelstore.support.objectstore;

/** An object written to the store: its length and the SHA-256 of its bytes, computed on the way through. */
public record StoredObject(String key, long size, String sha256) {
}
