package dev.modelstore.fetcher.source.azure;

import com.azure.core.credential.AzureSasCredential;
import com.azure.storage.blob.BlobContainerClient;
import com.azure.storage.blob.BlobServiceClientBuilder;
import com.azure.storage.common.StorageSharedKeyCredential;
import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.ObjectStoreSource;
import dev.modelstore.fetcher.source.RemoteObjects;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.URI;
import java.util.Optional;

/**
 * {@code azure}: {@code https://<account>.blob.core.windows.net/<container>/<path>} (a path ending
 * in {@code /} is a folder), through {@code azure-storage-blob}. The project's {@code azure}
 * credential holds the account name and key, or a SAS token as the secret; without one, access is
 * anonymous (public containers).
 */
@ApplicationScoped
public class AzureSource extends ObjectStoreSource {

    private final NetworkGuard guard;
    private final Optional<String> endpointOverride;
    private final com.azure.core.http.HttpClient http;

    AzureSource(NetworkGuard guard, FetcherConfig config) {
        this.guard = guard;
        this.endpointOverride = config.sources().azureEndpoint();
        this.http = new com.azure.core.http.netty.NettyAsyncHttpClientBuilder(reactor.netty.http.client.HttpClient.create()
                .resolver(new dev.modelstore.fetcher.network.GuardedNettyResolver(guard.resolver()))).build();
    }

    @Override
    public SourceType type() {
        return SourceType.AZURE;
    }

    @Override
    protected Location locate(SourceRequest request) {
        URI uri = URI.create(request.uri());
        String path = uri.getRawPath() == null ? "" : uri.getPath();
        String[] parts = path.startsWith("/") ? path.substring(1).split("/", 2) : new String[] {""};
        if (uri.getHost() == null || parts[0].isEmpty()) {
            throw new IngestFailure("'" + request.uri() + "' is not an https://<account>.blob.core.windows.net/<container>/<path> URI");
        }
        return new Location(uri.getHost() + "/" + parts[0], parts.length > 1 ? parts[1] : "", request.uri());
    }

    @Override
    protected RemoteObjects connect(SourceRequest request, Location location) {
        String host = location.container().substring(0, location.container().indexOf('/'));
        String container = location.container().substring(host.length() + 1);
        return new AzureBlobs(container(host, container, request.credential()), "https://" + host + "/" + container);
    }

    /**
     * A client of the container on the account's host (or the configured endpoint), whose HTTP client
     * resolves names only through the guard, authenticated with the credential if any. Exports write
     * through it too.
     */
    public BlobContainerClient container(String host, String container, Optional<SourceCredential> credential) {
        String endpoint = endpointOverride.orElse("https://" + host);
        guard.checkedAddress(URI.create(endpoint).getHost(), "Azure endpoint " + endpoint);
        // The SDK's HTTP client resolves names only through the guard, so a DNS answer that changes
        // after the check above cannot lead it elsewhere.
        BlobServiceClientBuilder builder = new BlobServiceClientBuilder().endpoint(endpoint).httpClient(http);
        credential.ifPresent(c -> credential(builder, c));
        return builder.buildClient().getBlobContainerClient(container);
    }

    private static void credential(BlobServiceClientBuilder builder, SourceCredential credential) {
        String secret = credential.secret().trim();
        if (secret.startsWith("?sv=") || secret.startsWith("sv=")) {
            builder.credential(new AzureSasCredential(secret));
        } else {
            builder.credential(new StorageSharedKeyCredential(credential.keyId(), secret));
        }
    }
}
