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

    public GuardedGitConnections(GuardedDnsResolver resolver) {
        this.resolver = resolver;
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
        return new NoRedirects(url);
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
