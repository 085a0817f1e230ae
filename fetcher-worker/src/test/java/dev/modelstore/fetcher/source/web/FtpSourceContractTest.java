package dev.modelstore.fetcher.source.web;

import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.testservers.EmbeddedFtpServer;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.ModelSourceContractTest;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import java.nio.file.Files;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;

/** {@code web} with {@code ftp://} URLs against an embedded Apache FtpServer (passive, binary, anonymous). */
class FtpSourceContractTest extends ModelSourceContractTest {

    static EmbeddedFtpServer ftp;
    static WebSource source;

    @BeforeAll
    static void start() throws Exception {
        ftp = new EmbeddedFtpServer(Files.createTempDirectory("ftp-root"), false, 0);
        TestFetcherConfig config = TestFetcherConfig.loopback(true);
        source = new WebSource(config, new NetworkGuard(config));
    }

    @AfterAll
    static void stop() {
        ftp.close();
    }

    protected String scheme() {
        return "ftp";
    }

    @Override
    protected ModelSource source() {
        return source;
    }

    @Override
    protected void put(String key, byte[] content) throws Exception {
        ftp.put(key, content);
    }

    @Override
    protected SourceRequest request(String key, Optional<SourceCredential> credential) {
        return new SourceRequest(UUID.randomUUID(), scheme() + "://127.0.0.1:" + ftp.port() + "/" + key, Map.of(), credential);
    }

    @Override
    protected Optional<SourceCredential> goodCredential() {
        return Optional.empty();
    }

    @Override
    protected Optional<SourceCredential> badCredential() {
        return Optional.empty();
    }

    @Override
    protected SourceRequest missingContainer() {
        return new SourceRequest(UUID.randomUUID(), scheme() + "://127.0.0.1:1/weights.bin", Map.of(), Optional.empty());
    }

    @Override
    protected String missingContainerReason() {
        return "could not connect";
    }
}
