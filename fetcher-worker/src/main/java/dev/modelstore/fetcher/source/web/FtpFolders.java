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

/**
 * The {@code ftp://} and {@code ftps://} side of the web source: one file, or every file under a
 * path ending in {@code /}, over passive-mode binary FTP (anonymous login). {@code ftps://} uses
 * explicit TLS ({@code AUTH TLS}), or implicit TLS on port 990, with a protected data channel.
 */
final class FtpFolders extends ObjectStoreSource {

    private final NetworkGuard guard;
    private final FetcherConfig config;

    FtpFolders(NetworkGuard guard, FetcherConfig config) {
        this.guard = guard;
        this.config = config;
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
        FTPClient ftp = secure ? new FTPSClient("TLS", implicit) : new FTPClient();
        if (ftp instanceof FTPSClient ftps && config.sources().ftpsTrustAll()) {
            ftps.setTrustManager(TrustManagerUtils.getAcceptAllTrustManager());
        }
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
            throw new IngestFailure("could not connect to the FTP server " + uri.getHost() + ":" + port + " ("
                    + e.getMessage() + "); check the URL and that the server is reachable from Modelstore", e);
        }
    }
}
