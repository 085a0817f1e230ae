package dev.modelstore.fetcher.source;

/**
 * A project's key for a source type: an access key id and secret (AWS, Wasabi), an account name
 * and key (Azure), a service-account JSON (GCP). {@link #toString()} never shows the secret.
 */
public record SourceCredential(String type, String keyId, String secret, String tenant) {

    @Override
    public String toString() {
        return "SourceCredential[type=" + type + ", keyId=" + keyId + ", secret=***]";
    }
}
