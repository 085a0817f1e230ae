package dev.modelstore.fetcher.source.web;

import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.testservers.EmbeddedFtpServer;
import dev.modelstore.testservers.TestCertificates;
import java.nio.file.Files;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/**
 * {@code web} with {@code ftps://} URLs: the same suite over explicit TLS (AUTH TLS, PROT P), with the
 * server's certificate checked (chain and host name) against a trust store that holds it.
 */
class FtpsSourceContractTest extends FtpSourceContractTest {

    @BeforeAll
    static void start() throws Exception {
        ftp = new EmbeddedFtpServer(Files.createTempDirectory("ftps-root"), true, 0);
        TestFetcherConfig config = TestFetcherConfig.loopback(true);
        source = new WebSource(config, new NetworkGuard(config), TestCertificates.clientContext(ftp.keystore()));
    }

    @AfterAll
    static void stop() {
        ftp.close();
    }

    @Override
    protected String scheme() {
        return "ftps";
    }
}
