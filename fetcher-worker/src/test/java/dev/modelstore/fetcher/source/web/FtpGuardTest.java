package dev.modelstore.fetcher.source.web;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.testservers.EmbeddedFtpServer;
import dev.modelstore.testservers.TestCertificates;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import javax.net.ssl.SSLContext;
import org.junit.jupiter.api.Test;

/**
 * FTP(S) as an attacker's server would play it: a certificate nobody trusts, a trusted certificate
 * for another host, and a PASV reply that names another address (the cloud metadata service).
 */
class FtpGuardTest {

    private final TestFetcherConfig config = TestFetcherConfig.loopback(true);

    @Test
    void aCertificateOutsideTheTrustStoreIsRefused() throws Exception {
        try (EmbeddedFtpServer server = new EmbeddedFtpServer(Files.createTempDirectory("ftps-untrusted"), true, 0)) {
            server.put("m.bin", "weights".getBytes(StandardCharsets.UTF_8));
            // The JVM's own trust store: the server's self-signed certificate is not in it.
            IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(new WebSource(config, new NetworkGuard(config)),
                    "ftps://127.0.0.1:" + server.port() + "/m.bin"));
            assertTrue(failure.reason().contains("certificate"), failure.reason());
        }
    }

    @Test
    void aTrustedCertificateForAnotherHostIsRefusedAndOneForThisHostIsAccepted() throws Exception {
        Path dir = Files.createTempDirectory("ftps-names");
        Path otherName = TestCertificates.keystore(dir.resolve("other.p12"), "files.example.org", "dns:files.example.org");
        try (EmbeddedFtpServer server = new EmbeddedFtpServer(dir.resolve("root"), otherName, 0, null)) {
            server.put("m.bin", "weights".getBytes(StandardCharsets.UTF_8));
            SSLContext trusting = TestCertificates.clientContext(otherName);
            IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(new WebSource(config, new NetworkGuard(config),
                    trusting), "ftps://127.0.0.1:" + server.port() + "/m.bin"));
            assertTrue(failure.reason().contains("certificate") && failure.reason().contains("host name"), failure.reason());
        }
        Path rightName = TestCertificates.keystore(dir.resolve("right.p12"));
        try (EmbeddedFtpServer server = new EmbeddedFtpServer(dir.resolve("root2"), rightName, 0, null)) {
            server.put("m.bin", "weights".getBytes(StandardCharsets.UTF_8));
            InMemoryObjectSink sink = fetch(new WebSource(config, new NetworkGuard(config), TestCertificates.clientContext(rightName)),
                    "ftps://127.0.0.1:" + server.port() + "/m.bin");
            assertEquals(1, sink.objects().keySet().stream().filter(k -> k.endsWith("/files/m.bin")).count());
        }
    }

    @Test
    void aPassiveReplyNamingAnotherAddressIsIgnored() throws Exception {
        try (EmbeddedFtpServer server = new EmbeddedFtpServer(Files.createTempDirectory("ftp-pasv"), null, 0,
                "169.254.169.254")) {
            server.put("m.bin", "weights".getBytes(StandardCharsets.UTF_8));
            InMemoryObjectSink sink = fetch(new WebSource(config, new NetworkGuard(config)),
                    "ftp://127.0.0.1:" + server.port() + "/m.bin");
            assertEquals("weights", new String(sink.objects().entrySet().stream().filter(e -> e.getKey().endsWith("/files/m.bin"))
                    .findFirst().orElseThrow().getValue(), StandardCharsets.UTF_8));
        }
    }

    private static InMemoryObjectSink fetch(WebSource source, String uri) throws Exception {
        InMemoryObjectSink sink = new InMemoryObjectSink();
        UUID model = UUID.randomUUID();
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(model, sink, new Unpacker(), 1_000_000, (b, f) -> { },
                () -> false);
        source.fetch(new SourceRequest(model, uri, Map.of(), Optional.empty()), writer);
        writer.manifest("test");
        return sink;
    }
}
