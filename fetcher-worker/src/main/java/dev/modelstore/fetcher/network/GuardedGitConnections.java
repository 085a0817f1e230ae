package dev.modelstore.fetcher.network;

import java.io.IOException;
import java.net.Proxy;
import java.net.URL;
import java.net.UnknownHostException;
import java.util.Locale;
import org.eclipse.jgit.transport.http.HttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnection;
import org.eclipse.jgit.transport.http.JDKHttpConnectionFactory;

/**
 * JGit's HTTP connections through the network guard: every request JGit makes over http(s), and so
 * every redirect it follows (JGit follows them itself, one new connection per hop), is refused
 * before it connects when its host resolves to an address the guard forbids. The JDK's own redirect
 * following is switched off, so no hop escapes the check; the address checked is the one the JVM's
 * resolver cache then hands the connection. Installed once for the whole fetcher
 * ({@code HttpTransport.setConnectionFactory}).
 */
public final class GuardedGitConnections extends JDKHttpConnectionFactory {

    private final GuardedDnsResolver resolver;
    private final javax.net.ssl.TrustManager[] trust;

    /** Connections that trust the JVM's trust store. */
    public GuardedGitConnections(GuardedDnsResolver resolver) {
        this(resolver, null);
    }

    /** Connections that trust {@code trust} for https (tests with their own certificates); null for the JVM's. */
    public GuardedGitConnections(GuardedDnsResolver resolver, javax.net.ssl.TrustManager[] trust) {
        this.resolver = resolver;
        this.trust = trust;
    }

    @Override
    public HttpConnection create(URL url) throws IOException {
        return create(url, null);
    }

    @Override
    public HttpConnection create(URL url, Proxy proxy) throws IOException {
        String scheme = url.getProtocol().toLowerCase(Locale.ROOT);
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new UnknownHostException("refused to follow the git server to " + scheme + ": only http(s) is fetched");
        }
        String host = url.getHost();
        if (host.startsWith("[") && host.endsWith("]")) {
            host = host.substring(1, host.length() - 1);
        }
        resolver.resolve(host);
        NoRedirects connection = new NoRedirects(url);
        if (trust != null && scheme.equals("https")) {
            try {
                connection.configure(null, trust, null);
            } catch (java.security.GeneralSecurityException e) {
                throw new IOException("cannot set up TLS: " + e.getMessage(), e);
            }
        }
        return connection;
    }

    /** A JDK connection that never follows a redirect on its own (JGit does, through this factory). */
    private static final class NoRedirects extends JDKHttpConnection {
        NoRedirects(URL url) throws IOException {
            super(url, Proxy.NO_PROXY);
            super.setInstanceFollowRedirects(false);
        }

        @Override
        public void setInstanceFollowRedirects(boolean followRedirects) {
            super.setInstanceFollowRedirects(false);
        }
    }
}
