package dev.modelstore.fetcher.source.web;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.ObjectStoreSource;
import dev.modelstore.fetcher.source.RemoteObjects;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.events.SourceType;
import java.io.IOException;
import java.net.InetAddress;
import java.net.URI;
import java.time.Duration;
import java.util.Locale;
import org.apache.commons.net.ftp.FTP;
import org.apache.commons.net.ftp.FTPClient;
import org.apache.commons.net.ftp.FTPReply;
import org.apache.commons.net.ftp.FTPSClient;
import org.apache.commons.net.util.TrustManagerUtils;
import javax.net.ssl.SSLContext;

/**
 * The {@code ftp://} and {@code ftps://} side of the web source: one file, or every file under a
 * path ending in {@code /}, over passive-mode binary FTP (anonymous login). {@code ftps://} uses
 * explicit TLS ({@code AUTH TLS}), or implicit TLS on port 990, with a protected data channel;
 * the server's certificate chain is checked against the JVM's trust store and its name against the
 * URL's host. Data connections go to the control connection's address whatever the server's
 * {@code PASV} reply names, so a server cannot point the fetcher at another host.
 */
final class FtpFolders extends ObjectStoreSource {

    private final NetworkGuard guard;
    private final FetcherConfig config;
    private final SSLContext tls;

    /** {@code tls}: the trust FTPS servers are checked against; null for the JVM's trust store. */
    FtpFolders(NetworkGuard guard, FetcherConfig config, SSLContext tls) {
        this.guard = guard;
        this.config = config;
        this.tls = tls;
    }

    @Override
    public SourceType type() {
        return SourceType.WEB;
    }

    @Override
    protected Location locate(SourceRequest request) {
        URI uri = URI.create(request.uri());
        String path = uri.getPath() == null ? "" : uri.getPath();
        return new Location(uri.getScheme().toLowerCase(Locale.ROOT) + "://" + uri.getHost()
                + (uri.getPort() > 0 ? ":" + uri.getPort() : ""), path.startsWith("/") ? path.substring(1) : path,
                uri.getScheme() + "://" + uri.getHost() + (uri.getPort() > 0 ? ":" + uri.getPort() : "") + path);
    }

    @Override
    protected RemoteObjects connect(SourceRequest request, Location location) throws IOException {
        URI uri = URI.create(request.uri());
        boolean secure = uri.getScheme().equalsIgnoreCase("ftps");
        boolean implicit = secure && uri.getPort() == 990;
        int port = uri.getPort() > 0 ? uri.getPort() : implicit ? 990 : 21;
        InetAddress address = guard.checkedAddress(uri.getHost(), "FTP server " + uri.getHost());
        FTPClient ftp = secure ? tlsClient(implicit, uri.getHost()) : new FTPClient();
        // Whatever address a PASV reply names, data connections go where the control connection went
        // (commons-net's default since 3.9, as curl's --ftp-skip-pasv-ip; pinned here and by FtpGuardTest).
        ftp.setIpAddressFromPasvResponse(false);
        // File names are UTF-8 on current servers (RFC 2640); commons-net defaults to ISO-8859-1.
        ftp.setControlEncoding("UTF-8");
        Duration timeout = config.network().readTimeout();
        ftp.setConnectTimeout((int) config.network().connectTimeout().toMillis());
        ftp.setDefaultTimeout((int) timeout.toMillis());
        ftp.setDataTimeout(timeout);
        try {
            ftp.connect(address, port);
            ftp.setSoTimeout((int) timeout.toMillis());
            if (!FTPReply.isPositiveCompletion(ftp.getReplyCode())) {
                throw new IngestFailure("the FTP server at " + uri.getHost() + " refused the connection ("
                        + ftp.getReplyString().trim() + ")");
            }
            if (ftp instanceof FTPSClient ftps) {
                ftps.execPBSZ(0);
                ftps.execPROT("P");
            }
            if (!ftp.login("anonymous", "modelstore@")) {
                throw new IngestFailure("access denied: the FTP server at " + uri.getHost()
                        + " refused anonymous login; only public FTP files can be models");
            }
            ftp.sendCommand("OPTS UTF8 ON");
            ftp.enterLocalPassiveMode();
            ftp.setFileType(FTP.BINARY_FILE_TYPE);
            return new FtpObjects(ftp, location.display());
        } catch (IOException | RuntimeException e) {
            FtpObjects.disconnectQuietly(ftp);
            if (e instanceof IngestFailure failure) {
                throw failure;
            }
            if (e instanceof javax.net.ssl.SSLException) {
                throw new IngestFailure("the FTPS server " + uri.getHost() + ":" + port + " did not present a certificate "
                        + "Modelstore trusts for that host name (" + e.getMessage() + "); it needs a certificate from a "
                        + "CA in the fetcher's trust store", e);
            }
            throw new IngestFailure("could not connect to the FTP server " + uri.getHost() + ":" + port + " ("
                    + e.getMessage() + "); check the URL and that the server is reachable from Modelstore", e);
        }
    }

    /**
     * An FTPS client that checks the certificate chain (the JVM's trust store, or the operator's
     * explicit trust-all) and the host name in it against the URL's host, though it connects to the
     * address the guard checked.
     */
    private FTPSClient tlsClient(boolean implicit, String host) {
        FTPSClient ftps;
        if (config.sources().ftpsTrustAll()) {
            ftps = new NamedFtpsClient(implicit, null, host);
            ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
            return ftps;
        }
        ftps = new NamedFtpsClient(implicit, tls == null ? defaultContext() : tls, host);
        ftps.setEndpointCheckingEnabled(true);
        return ftps;
    }

    private static SSLContext defaultContext() {
        try {
            return SSLContext.getDefault();
        } catch (java.security.NoSuchAlgorithmException e) {
            throw new IllegalStateException("the JVM has no default TLS context", e);
        }
    }

    /** commons-net checks the name it was connected by; this client is connected by address, so it is told the name. */
    private static final class NamedFtpsClient extends FTPSClient {
        private final String host;

        NamedFtpsClient(boolean implicit, SSLContext context, String host) {
            super(implicit, context);
            this.host = host;
        }

        @Override
        protected void _connectAction_() throws IOException {
            _hostname_ = host;
            super._connectAction_();
        }
    }
}
