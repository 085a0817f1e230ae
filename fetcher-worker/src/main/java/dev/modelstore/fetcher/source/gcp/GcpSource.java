package dev.modelstore.fetcher.source.gcp;

import com.google.auth.Credentials;
import com.google.auth.oauth2.AccessToken;
import com.google.auth.oauth2.GoogleCredentials;
import com.google.auth.oauth2.ServiceAccountCredentials;
import com.google.cloud.NoCredentials;
import com.google.cloud.storage.StorageOptions;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.source.BucketUris;
import dev.modelstore.fetcher.source.ObjectStoreSource;
import dev.modelstore.fetcher.source.RemoteObjects;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.Optional;

/**
 * {@code gcp}: {@code gs://bucket/key} or {@code gs://bucket/prefix/} on Google Cloud Storage,
 * through {@code google-cloud-storage}. The project's {@code gcp} credential holds a service
 * account's JSON key (or an OAuth access token); without one, access is anonymous (public buckets).
 */
@ApplicationScoped
public class GcpSource extends ObjectStoreSource {

    private final Optional<String> host;
    private final java.net.URI tokenUri;

    GcpSource(FetcherConfig config) {
        this.host = config.sources().gcpHost();
        this.tokenUri = config.sources().gcpTokenUri();
    }

    @Override
    public SourceType type() {
        return SourceType.GCP;
    }

    @Override
    protected Location locate(SourceRequest request) {
        return BucketUris.locate("gs", request);
    }

    @Override
    protected RemoteObjects connect(SourceRequest request, Location location) throws IOException {
        return new GcsObjects(storage(request.credential(), false), location.container());
    }

    /** A client of Cloud Storage (or the configured host) with the credential, for reading or (exports) writing. */
    public com.google.cloud.storage.Storage storage(Optional<SourceCredential> credential, boolean write) throws IOException {
        StorageOptions.Builder options = StorageOptions.http()
                .setProjectId("modelstore")
                .setCredentials(credentials(credential, write));
        host.ifPresent(options::setHost);
        return options.build().getService();
    }

    private Credentials credentials(Optional<SourceCredential> credential, boolean write) throws IOException {
        if (credential.isEmpty()) {
            return NoCredentials.getInstance();
        }
        String secret = credential.get().secret().trim();
        if (secret.startsWith("{")) {
            try {
                // The key's own token_uri is never used: the token request goes to the configured endpoint.
                return ServiceAccountCredentials.fromStream(new ByteArrayInputStream(secret.getBytes(StandardCharsets.UTF_8)))
                        .toBuilder().setTokenServerUri(tokenUri).build()
                        .createScoped(write ? "https://www.googleapis.com/auth/devstorage.read_write"
                                : "https://www.googleapis.com/auth/devstorage.read_only");
            } catch (IOException e) {
                throw new IngestFailure("the project's 'gcp' credential is not a valid service account key (JSON); "
                        + "store the key file's content as the secret");
            }
        }
        return GoogleCredentials.create(new AccessToken(secret, null));
    }
}
