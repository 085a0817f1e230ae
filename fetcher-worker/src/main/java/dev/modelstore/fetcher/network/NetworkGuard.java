package dev.modelstore.fetcher.network;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import jakarta.enterprise.context.ApplicationScoped;
import java.net.InetAddress;
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
