package dev.modelstore.fetcher.source.git;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.extract.Unpacker;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.InMemoryObjectSink;
import dev.modelstore.fetcher.store.ObjectStoreModelWriter;
import dev.modelstore.support.objectstore.ModelManifest;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.testservers.GitHttpServer;
import dev.modelstore.testservers.StaticFileServer;
import dev.modelstore.testservers.TestCertificates;
import dev.modelstore.testservers.GitSshServer;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.Base64;
import java.util.Optional;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

/** The git source against git's own smart-HTTP server on loopback, with repositories made by the git CLI. */
class GitSourceTest {

    private static final UUID MODEL = UUID.randomUUID();
    private static GitHttpServer server;
    private static StaticFileServer dumbServer;
    private static Path gitRoot;
    private static GitSshServer sshServer;
    private static String privateKeyPem;
    private static GitSource source;
    private static String firstCommit;
    private static String secondCommit;

    @BeforeAll
    static void start() throws Exception {
        Path root = Files.createTempDirectory("git-root");
        Path work = Files.createTempDirectory("git-work");
        git(work, "init", "-q", "-b", "main");
        write(work.resolve("config.json"), "{\"v\":1}");
        write(work.resolve("weights/model.bin"), "first weights");
        git(work, "add", "-A");
        git(work, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "first");
        git(work, "tag", "v1");
        firstCommit = git(work, "rev-parse", "HEAD").trim();
        write(work.resolve("weights/model.bin"), "second weights");
        Files.createSymbolicLink(work.resolve("latest.bin"), Path.of("weights/model.bin"));
        git(work, "add", "-A");
        git(work, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "second");
        secondCommit = git(work, "rev-parse", "HEAD").trim();
        git(root, "clone", "-q", "--bare", work.toString(), root.resolve("model.git").toString());
        gitRoot = root;

        Path evil = Files.createTempDirectory("git-evil");
        git(evil, "init", "-q", "-b", "main");
        Files.createSymbolicLink(evil.resolve("passwd"), Path.of("../../../etc/passwd"));
        git(evil, "add", "-A");
        git(evil, "-c", "user.name=t", "-c", "user.email=t@e", "commit", "-q", "-m", "evil");
        git(root, "clone", "-q", "--bare", evil.toString(), root.resolve("evil.git").toString());

        server = new GitHttpServer(root);
        Path dumbRoot = Files.createTempDirectory("git-dumb");
        git(dumbRoot, "clone", "-q", "--bare", work.toString(), dumbRoot.resolve("model.git").toString());
        git(dumbRoot.resolve("model.git"), "update-server-info");
        dumbServer = new StaticFileServer(dumbRoot);
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        KeyPair key = generator.generateKeyPair();
        privateKeyPem = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(key.getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        sshServer = new GitSshServer(root, Files.createTempDirectory("ssh-host").resolve("host.ser"), key.getPublic());
        TestFetcherConfig config = TestFetcherConfig.loopback(true);
        source = new GitSource(new NetworkGuard(config), config);
    }

    @AfterAll
    static void stop() throws IOException {
        server.close();
        sshServer.close();
        dumbServer.close();
    }

    @Test
    void overSshWithTheProjectsKeyAtATagAndAtACommit() throws Exception {
        SourceCredential key = new SourceCredential("git", "git", privateKeyPem, null);
        InMemoryObjectSink head = new InMemoryObjectSink();
        assertEquals(secondCommit, fetch(head, sshServer.url("model.git"), Map.of(), Optional.of(key)).sourceVersion());
        assertEquals("second weights", files(head).get("weights/model.bin"));
        InMemoryObjectSink tagged = new InMemoryObjectSink();
        assertEquals(firstCommit, fetch(tagged, sshServer.url("model.git"), Map.of("ref", "v1"), Optional.of(key))
                .sourceVersion());
        assertEquals(firstCommit, fetch(new InMemoryObjectSink(), sshServer.url("model.git"), Map.of("ref", firstCommit),
                Optional.of(key)).sourceVersion());
    }

    @Test
    void overSshTheServersHostKeyIsCheckedAgainstKnownHosts() throws Exception {
        SourceCredential key = new SourceCredential("git", "git", privateKeyPem, null);
        TestFetcherConfig base = TestFetcherConfig.loopback(true);
        Path known = Files.createTempFile("known_hosts", "");
        Files.writeString(known, sshServer.knownHostsLines());
        GitSource checking = new GitSource(new NetworkGuard(base), base.withHostKeys(Optional.of(known), true));
        assertEquals(secondCommit, fetchWith(checking, sshServer.url("model.git"), Optional.of(key)).sourceVersion());

        // Another server's key under this address (a man in the middle): refused.
        Path other = Files.createTempFile("known_hosts_other", "");
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String hostField = sshServer.knownHostsLines().split(" ")[0];
        Files.writeString(other, hostField + " "
                + org.apache.sshd.common.config.keys.PublicKeyEntry.toString(generator.generateKeyPair().getPublic()) + "\n");
        GitSource wrongKey = new GitSource(new NetworkGuard(base), base.withHostKeys(Optional.of(other), true));
        IngestFailure mismatch = assertThrows(IngestFailure.class,
                () -> fetchWith(wrongKey, sshServer.url("model.git"), Optional.of(key)));
        assertTrue(mismatch.reason().toLowerCase(java.util.Locale.ROOT).contains("host key")
                || mismatch.reason().contains("git server"), mismatch.reason());

        // No known_hosts and strict checking on (the default): an unknown server is refused.
        GitSource strict = new GitSource(new NetworkGuard(base), base.withHostKeys(Optional.empty(), true));
        assertThrows(IngestFailure.class, () -> fetchWith(strict, sshServer.url("model.git"), Optional.of(key)));
    }

    private static ModelManifest fetchWith(GitSource with, String uri, Optional<SourceCredential> credential)
            throws IOException {
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, new InMemoryObjectSink(), new Unpacker(),
                1_000_000, (b, f) -> { }, () -> false);
        with.fetch(new SourceRequest(MODEL, uri, Map.of(), credential), writer);
        return writer.manifest("test");
    }

    @Test
    void overHttpsWithATokenTheCertificateAndTheTokenAreBothChecked() throws Exception {
        Path keystore = TestCertificates.keystore(Files.createTempDirectory("git-tls").resolve("server.p12"));
        String basic = Base64.getEncoder().encodeToString("x-access-token:ghp_secret-token".getBytes(StandardCharsets.UTF_8));
        try (GitHttpServer https = new GitHttpServer(gitRoot, TestCertificates.serverContext(keystore), basic)) {
            TestFetcherConfig config = TestFetcherConfig.loopback(true);
            GitSource trusting = new GitSource(new NetworkGuard(config), config, TestCertificates.trustManagers(keystore));
            SourceCredential token = new SourceCredential("git", "", "ghp_secret-token", null);
            assertEquals(secondCommit, fetchWith(trusting, https.url("model.git"), Optional.of(token)).sourceVersion());
            SourceCredential wrong = new SourceCredential("git", "", "ghp_wrong", null);
            IngestFailure denied = assertThrows(IngestFailure.class,
                    () -> fetchWith(trusting, https.url("model.git"), Optional.of(wrong)));
            assertTrue(denied.reason().contains("access denied"), denied.reason());
            assertFalse(denied.reason().contains("ghp_wrong"), denied.reason());
            // The JVM's own trust store does not hold the test certificate: refused before any token is sent.
            GitSource jvmTrust = new GitSource(new NetworkGuard(config), config, null);
            IngestFailure untrusted = assertThrows(IngestFailure.class,
                    () -> fetchWith(jvmTrust, https.url("model.git"), Optional.of(token)));
            assertTrue(untrusted.reason().contains("certificate"), untrusted.reason());
        } finally {
            source = new GitSource(new NetworkGuard(TestFetcherConfig.loopback(true)), TestFetcherConfig.loopback(true));
        }
    }

    @Test
    void overSshAnUnknownKeyIsAccessDenied() throws Exception {
        KeyPairGenerator generator = KeyPairGenerator.getInstance("RSA");
        generator.initialize(2048);
        String otherKey = "-----BEGIN PRIVATE KEY-----\n"
                + Base64.getMimeEncoder(64, "\n".getBytes()).encodeToString(generator.generateKeyPair().getPrivate().getEncoded())
                + "\n-----END PRIVATE KEY-----\n";
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(new InMemoryObjectSink(),
                sshServer.url("model.git"), Map.of(), Optional.of(new SourceCredential("git", "git", otherKey, null))));
        assertTrue(failure.reason().contains("access denied") && failure.reason().contains("'git' credential"),
                failure.reason());
        assertTrue(!failure.reason().contains("PRIVATE KEY"));
    }

    @Test
    void theDefaultBranchIsStoredWithoutGitAndTheManifestNamesTheCommit() throws Exception {
        InMemoryObjectSink sink = new InMemoryObjectSink();
        ModelManifest manifest = fetch(sink, server.url("model.git"), Map.of());
        assertEquals(Map.of("config.json", "{\"v\":1}", "weights/model.bin", "second weights"), files(sink));
        assertEquals(secondCommit, manifest.sourceVersion());
        assertEquals(List.of(new ModelManifest.Link("latest.bin", "weights/model.bin")), manifest.links());
    }

    @Test
    void aTagOrACommitIdSelectsThatVersion() throws Exception {
        for (String ref : new String[] {"v1", firstCommit, firstCommit.substring(0, 10)}) {
            InMemoryObjectSink sink = new InMemoryObjectSink();
            ModelManifest manifest = fetch(sink, server.url("model.git"), Map.of("ref", ref));
            assertEquals("first weights", files(sink).get("weights/model.bin"), ref);
            assertEquals(firstCommit, manifest.sourceVersion(), ref);
        }
    }

    @Test
    void aRepositoryOnADumbHttpServerIsFetchedAtItsDefaultBranchAndAtATag() throws Exception {
        InMemoryObjectSink head = new InMemoryObjectSink();
        assertEquals(secondCommit, fetch(head, dumbServer.url("model.git"), Map.of()).sourceVersion());
        assertEquals("second weights", files(head).get("weights/model.bin"));
        InMemoryObjectSink tagged = new InMemoryObjectSink();
        assertEquals(firstCommit, fetch(tagged, dumbServer.url("model.git"), Map.of("ref", "v1")).sourceVersion());
        assertEquals("first weights", files(tagged).get("weights/model.bin"));
    }

    @Test
    void aRedirectToAForbiddenAddressIsRefusedLikeTheWebSourceRefusesIt() {
        // The repository moved to 0.0.0.0 (which reaches this host's loopback): the guard refuses it
        // even though the first host (loopback, allowed in this test) passed.
        String moved = dumbServer.redirectTo(server.url("model.git").replace("127.0.0.1", "0.0.0.0")
                .replace("/model.git", ""));
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(new InMemoryObjectSink(),
                moved + "/model.git", Map.of()));
        assertTrue(failure.reason().contains("0.0.0.0") && failure.reason().contains("refused"), failure.reason());
        String metadata = dumbServer.redirectTo("http://169.254.169.254/latest");
        IngestFailure toMetadata = assertThrows(IngestFailure.class, () -> fetch(new InMemoryObjectSink(),
                metadata + "/model.git", Map.of()));
        assertTrue(toMetadata.reason().contains("169.254.169.254"), toMetadata.reason());
    }

    @Test
    void aRedirectToAnAllowedServerIsFollowed() throws Exception {
        String moved = dumbServer.redirectTo(server.url("model.git").replace("/model.git", ""));
        InMemoryObjectSink sink = new InMemoryObjectSink();
        assertEquals(secondCommit, fetch(sink, moved + "/model.git", Map.of()).sourceVersion());
    }

    @Test
    void keepGitStoresTheRepositoryToo() throws Exception {
        InMemoryObjectSink sink = new InMemoryObjectSink();
        fetch(sink, server.url("model.git"), Map.of("keep_git", "true"));
        assertTrue(files(sink).containsKey(".git/HEAD"), files(sink).keySet().toString());
    }

    @Test
    void aMissingRefOrRepositoryFailsWithAReason() {
        IngestFailure ref = assertThrows(IngestFailure.class,
                () -> fetch(new InMemoryObjectSink(), server.url("model.git"), Map.of("ref", "no-such-branch")));
        assertTrue(ref.reason().contains("is not a branch, tag or commit"), ref.reason());
        IngestFailure repo = assertThrows(IngestFailure.class,
                () -> fetch(new InMemoryObjectSink(), server.url("missing.git"), Map.of()));
        assertTrue(repo.reason().contains("does not exist"), repo.reason());
    }

    @Test
    void aSymbolicLinkLeavingTheRepositoryFailsTheModel() {
        IngestFailure failure = assertThrows(IngestFailure.class,
                () -> fetch(new InMemoryObjectSink(), server.url("evil.git"), Map.of()));
        assertTrue(failure.reason().contains("outside the model"), failure.reason());
    }

    @ParameterizedTest
    @ValueSource(strings = {"file:///srv/repo.git", "ext::sh -c touch% /tmp/pwned", "-uhttps://x/y", "git://127.0.0.1/r",
        "/srv/repo.git"})
    void transportsOtherThanHttpAreNeverRun(String uri) {
        IngestFailure failure = assertThrows(IngestFailure.class, () -> fetch(new InMemoryObjectSink(), uri, Map.of()));
        assertTrue(failure.reason().contains("transport"), failure.reason());
    }

    private static ModelManifest fetch(InMemoryObjectSink sink, String uri, Map<String, String> options) throws IOException {
        return fetch(sink, uri, options, Optional.empty());
    }

    private static ModelManifest fetch(InMemoryObjectSink sink, String uri, Map<String, String> options,
            Optional<SourceCredential> credential) throws IOException {
        ObjectStoreModelWriter writer = new ObjectStoreModelWriter(MODEL, sink, new Unpacker(), 1_000_000, (b, f) -> { },
                () -> false);
        source.fetch(new SourceRequest(MODEL, uri, options, credential), writer);
        return writer.manifest("test");
    }

    private static Map<String, String> files(InMemoryObjectSink sink) {
        Map<String, String> files = new TreeMap<>();
        String prefix = "models/" + MODEL + "/files/";
        sink.objects().forEach((k, v) -> files.put(k.substring(prefix.length()), new String(v, StandardCharsets.UTF_8)));
        return files;
    }

    private static void write(Path file, String content) throws IOException {
        Files.createDirectories(file.getParent());
        Files.writeString(file, content);
    }

    private static String git(Path dir, String... args) throws Exception {
        List<String> command = new java.util.ArrayList<>(List.of("git"));
        command.addAll(List.of(args));
        Process process = new ProcessBuilder(command).directory(dir.toFile()).redirectErrorStream(true).start();
        String out = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        if (!process.waitFor(60, TimeUnit.SECONDS) || process.exitValue() != 0) {
            throw new IllegalStateException("git " + String.join(" ", args) + " failed: " + out);
        }
        return out;
    }
}
