package dev.modelstore.fetcher.source;

/**
 * One object in a remote store, as listed or looked up.
 *
 * @param version what identifies this exact content (ETag, generation, modification time), so a
 *     copy can insist on it and the manifest can record it
 */
public record RemoteObject(String key, long size, String version) {
}
