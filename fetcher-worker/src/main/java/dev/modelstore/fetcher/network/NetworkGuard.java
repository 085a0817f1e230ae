package dev.modelstore.fetcher.network;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
import javax.net.ssl.SSLContext;
import org.apache.hc.client5.http.config.ConnectionConfig;
import org.apache.hc.client5.http.config.RequestConfig;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.client5.http.impl.classic.HttpClients;
import org.apache.hc.client5.http.impl.io.PoolingHttpClientConnectionManagerBuilder;
import org.apache.hc.client5.http.ssl.DefaultClientTlsStrategy;
import org.apache.hc.core5.http.io.SocketConfig;
import org.apache.hc.core5.util.Timeout;
import java.net.UnknownHostException;

/**
 * The fetcher's one policy for where sources may connect, for every client: a DNS resolver for
 * HTTP clients that take one (so the checked address is the one connected to), and a check of a
 * host for clients that resolve on their own.
 */
@ApplicationScoped
public class NetworkGuard {

    private final AddressGuard guard;

    public NetworkGuard(FetcherConfig config) {
        this.guard = new AddressGuard(config.network().allowLoopback(), config.network().allowPrivate());
    }

    /** A resolver for Apache HttpClient 5 that refuses forbidden addresses. */
    public GuardedDnsResolver resolver() {
        return new GuardedDnsResolver(guard);
    }

    /**
     * An HTTP client whose every connection, redirects included, goes through the guard; with the
     * JVM's trust store, or {@code tls} when given (tests with their own certificates).
     */
    public CloseableHttpClient httpClient(FetcherConfig config, SSLContext tls) {
        FetcherConfig.Network network = config.network();
        PoolingHttpClientConnectionManagerBuilder connections = PoolingHttpClientConnectionManagerBuilder.create()
                .setDnsResolver(resolver())
                .setDefaultConnectionConfig(ConnectionConfig.custom()
                        .setConnectTimeout(Timeout.of(network.connectTimeout()))
                        .setSocketTimeout(Timeout.of(network.readTimeout()))
                        .build())
                .setDefaultSocketConfig(SocketConfig.custom().setSoTimeout(Timeout.of(network.readTimeout())).build())
                .setMaxConnTotal(64)
                .setMaxConnPerRoute(16);
        if (tls != null) {
            connections.setTlsSocketStrategy(new DefaultClientTlsStrategy(tls));
        }
        return HttpClients.custom()
                .setConnectionManager(connections.build())
                .setDefaultRequestConfig(RequestConfig.custom()
                        .setRedirectsEnabled(true)
                        .setMaxRedirects(network.maxRedirects())
                        .setResponseTimeout(Timeout.of(network.readTimeout()))
                        .build())
                .disableContentCompression()
                .setUserAgent("Modelstore-fetcher/1")
                .build();
    }

    /** A resolver for Apache HttpClient 4 (the AWS SDK's HTTP client) that refuses forbidden addresses. */
    public org.apache.http.conn.DnsResolver sdkResolver() {
        GuardedDnsResolver resolver = resolver();
        return resolver::resolve;
    }

    /**
     * Resolves the host and returns an address a source may connect to.
     *
     * @throws IngestFailure when the host cannot be resolved or resolves to a forbidden address
     */
    public InetAddress checkedAddress(String host, String what) {
        try {
            return resolver().resolve(host)[0];
        } catch (GuardedDnsResolver.ForbiddenAddressException e) {
            throw new IngestFailure("refused to connect to " + what + ": " + e.getMessage());
        } catch (UnknownHostException e) {
            throw new IngestFailure("the host " + host + " could not be found (DNS); check the " + what, e);
        }
    }
}
