package dev.modelstore.fetcher.network;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import org.apache.hc.client5.http.DnsResolver;
import org.apache.hc.client5.http.SystemDefaultDnsResolver;

/**
 * Resolves host names for the web source and refuses any answer the {@link AddressGuard} forbids.
 * The client connects only to the addresses returned here, so the check holds for every redirect
 * and cannot be dodged by a second DNS answer.
 */
public final class GuardedDnsResolver implements DnsResolver {

    private final AddressGuard guard;

    public GuardedDnsResolver(AddressGuard guard) {
        this.guard = guard;
    }

    @Override
    public InetAddress[] resolve(String host) throws UnknownHostException {
        InetAddress[] addresses = SystemDefaultDnsResolver.INSTANCE.resolve(host);
        for (InetAddress address : addresses) {
            Optional<String> refusal = guard.refusal(address);
            if (refusal.isPresent()) {
                throw new ForbiddenAddressException("the host " + host + " resolves to " + address.getHostAddress()
                        + ", " + refusal.get());
            }
        }
        return addresses;
    }

    @Override
    public String resolveCanonicalHostname(String host) throws UnknownHostException {
        return SystemDefaultDnsResolver.INSTANCE.resolveCanonicalHostname(host);
    }

    /** A host whose address a source may not reach. */
    public static final class ForbiddenAddressException extends UnknownHostException {
        public ForbiddenAddressException(String message) {
            super(message);
        }
    }
}
