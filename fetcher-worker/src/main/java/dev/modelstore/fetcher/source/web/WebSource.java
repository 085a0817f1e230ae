package dev.modelstore.fetcher.source.web;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.network.GuardedDnsResolver;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.HttpResponses;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.ModelWriter;
import jakarta.annotation.PreDestroy;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.FilterInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.ConnectException;
import java.net.NoRouteToHostException;
import java.net.SocketTimeoutException;
import java.net.URI;
import java.net.URLDecoder;
import java.net.UnknownHostException;
import java.nio.charset.StandardCharsets;
import org.apache.hc.client5.http.classic.methods.HttpGet;
import org.apache.hc.client5.http.impl.classic.CloseableHttpClient;
import org.apache.hc.core5.http.ClassicHttpResponse;
import org.apache.hc.core5.http.HttpEntity;
import org.apache.hc.core5.http.HttpException;
import org.apache.hc.core5.http.message.StatusLine;

/**
 * {@code web} sources. Over http and https: one file, streamed from the server into the model (and
 * extracted when it is an archive); redirects are followed, each to an address the guard allows.
 * Over ftp and ftps: see {@link FtpFolders}.
 */
@ApplicationScoped
public class WebSource implements ModelSource {

    private final CloseableHttpClient http;
    private final FtpFolders ftp;

    @jakarta.inject.Inject
    WebSource(FetcherConfig config, NetworkGuard guard) {
        this(config, guard, null);
    }

    /** {@code tls}: what https and ftps servers are trusted by; null for the JVM's trust store. */
    WebSource(FetcherConfig config, NetworkGuard guard, javax.net.ssl.SSLContext tls) {
        this.ftp = new FtpFolders(guard, config, tls);
        this.http = guard.httpClient(config, tls);
    }

    @Override
    public SourceType type() {
        return SourceType.WEB;
    }

    @Override
    public void fetch(SourceRequest request, ModelWriter writer) throws IOException {
        URI uri = URI.create(request.uri());
        String scheme = String.valueOf(uri.getScheme()).toLowerCase(java.util.Locale.ROOT);
        if (scheme.equals("ftp") || scheme.equals("ftps")) {
            ftp.fetch(request, writer);
            return;
        }
        if (!scheme.equals("http") && !scheme.equals("https")) {
            throw new IngestFailure(scheme + ":// is not a web source; use http, https, ftp or ftps");
        }
        String shown = WebUris.display(uri);
        HttpGet get = new HttpGet(uri);
        // Stopping the ingest (deleted, too slow, a refused archive entry) cancels the request: the
        // connection is shut, never drained to its end.
        try (AutoCloseable abort = writer.whileReading(get::cancel)) {
            download(get, uri, shown, writer);
        } catch (IOException | RuntimeException e) {
            get.cancel();
            throw e;
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private void download(HttpGet get, URI uri, String shown, ModelWriter writer) throws IOException {
        try {
            HttpResponses.read(get, http.executeOpen(null, get, null), response -> {
                int status = response.getCode();
                if (status != 200) {
                    throw new IngestFailure(statusReason(new StatusLine(response), shown));
                }
                HttpEntity entity = response.getEntity();
                if (entity == null) {
                    throw new IngestFailure("the web server sent no content for " + shown);
                }
                long length = entity.getContentLength();
                if (length >= 0) {
                    writer.expectTotal(length);
                }
                // Not closed on a failure: HttpResponses cancels the request first, so nothing is drained.
                InputStream body = new DownloadStream(entity.getContent(), shown);
                writer.singleObject(WebUris.fileName(uri), body, length);
                body.close();
            });
        } catch (UnknownHostException e) {
            if (e instanceof GuardedDnsResolver.ForbiddenAddressException) {
                throw new IngestFailure("refused to download " + shown + ": " + e.getMessage());
            }
            throw new IngestFailure("the host " + uri.getHost() + " could not be found (DNS); check the URL", e);
        } catch (javax.net.ssl.SSLException e) {
            throw new IngestFailure("the web server at " + WebUris.hostAndPort(uri) + " did not present a certificate "
                    + "Modelstore trusts for that host name (" + e.getMessage() + "); it needs a certificate from a CA in "
                    + "the fetcher's trust store", e);
        } catch (ConnectException | NoRouteToHostException e) {
            throw new IngestFailure("could not connect to " + WebUris.hostAndPort(uri) + " (" + e.getMessage()
                    + "); check the URL and that the server is reachable from Modelstore", e);
        } catch (SocketTimeoutException e) {
            throw new IngestFailure("the web server at " + WebUris.hostAndPort(uri) + " stopped answering (timed out); "
                    + "try again later", e);
        } catch (org.apache.hc.client5.http.ClientProtocolException e) {
            Throwable cause = e.getCause() instanceof HttpException ? e.getCause() : e;
            throw new IngestFailure("the download of " + shown + " failed: " + cause.getMessage()
                    + " (too many redirects, or a redirect to a URL that cannot be fetched)", e);
        }
    }

    private static String statusReason(StatusLine status, String shown) {
        int code = status.getStatusCode();
        String answered = "the web server answered " + code + " " + status.getReasonPhrase() + " for " + shown;
        if (code == 404 || code == 410) {
            return answered + "; check the URL points at an existing file";
        } else if (code == 401 || code == 403) {
            return answered + "; the file is not public: use a URL that needs no login, or another source type";
        } else if (code >= 500) {
            return answered + "; the server had a problem, try again later";
        }
        return answered;
    }

    @PreDestroy
    void close() throws IOException {
        http.close();
    }

    /** Turns a broken download into a failure that says so, apart from errors in the bytes themselves. */
    private static final class DownloadStream extends FilterInputStream {
        private final String shown;
        private long read;

        DownloadStream(InputStream in, String shown) {
            super(in);
            this.shown = shown;
        }

        @Override
        public int read() throws IOException {
            byte[] one = new byte[1];
            return read(one, 0, 1) < 0 ? -1 : one[0] & 0xff;
        }

        @Override
        public int read(byte[] b, int off, int len) {
            try {
                int n = super.read(b, off, len);
                if (n > 0) {
                    read += n;
                }
                return n;
            } catch (IOException e) {
                throw new IngestFailure("the download of " + shown + " broke off after " + read + " bytes ("
                        + e.getMessage() + "); try again", e);
            }
        }
    }

    /** How URLs are shown and named: never with a query string or user info, which may hold secrets. */
    static final class WebUris {
        private WebUris() {
        }

        static String display(URI uri) {
            return uri.getScheme() + "://" + hostAndPort(uri) + (uri.getRawPath() == null ? "" : uri.getRawPath());
        }

        static String hostAndPort(URI uri) {
            return uri.getHost() + (uri.getPort() >= 0 ? ":" + uri.getPort() : "");
        }

        static String fileName(URI uri) {
            String path = uri.getRawPath() == null ? "" : uri.getRawPath();
            String last = path.substring(path.lastIndexOf('/') + 1);
            String decoded = URLDecoder.decode(last, StandardCharsets.UTF_8);
            return decoded.isBlank() || decoded.equals(".") || decoded.equals("..") || decoded.contains("/")
                    || decoded.contains("\\") ? "download" : decoded;
        }
    }
}
