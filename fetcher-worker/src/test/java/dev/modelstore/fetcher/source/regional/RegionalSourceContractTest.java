package dev.modelstore.fetcher.source.regional;

import dev.modelstore.fetcher.config.TestFetcherConfig;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.ModelSourceContractTest;
import dev.modelstore.fetcher.source.SourceCredential;
import dev.modelstore.fetcher.source.SourceRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.BeforeAll;

/** {@code regional} against a datastore folder mounted under the configured datastore root. */
class RegionalSourceContractTest extends ModelSourceContractTest {

    private static final UUID PROJECT = UUID.randomUUID();
    private static Path root;
    private static RegionalSource source;

    @BeforeAll
    static void mount() throws Exception {
        root = Files.createTempDirectory("datastores");
        Files.createDirectories(root.resolve(PROJECT.toString()).resolve("team-store"));
        Files.createDirectories(root.resolve(UUID.randomUUID().toString()).resolve("other-teams-store"));
        source = new RegionalSource(new TestFetcherConfig(true, 1_000_000, Optional.empty(), Optional.empty(),
                Optional.empty(), root));
    }

    @Override
    protected ModelSource source() {
        return source;
    }

    @Override
    protected void put(String key, byte[] content) throws Exception {
        Path file = root.resolve(PROJECT.toString()).resolve("team-store").resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    @Override
    protected SourceRequest request(String key, Optional<SourceCredential> credential) {
        return new SourceRequest(UUID.randomUUID(), PROJECT, "team-store", Map.of("path", "/" + key), credential);
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
        // Another project's datastore is as unknown as one that does not exist.
        return new SourceRequest(UUID.randomUUID(), PROJECT, "other-teams-store", Map.of("path", "/weights.bin"),
                Optional.empty());
    }

    @org.junit.jupiter.api.Test
    void aLinkInTheMiddleOfAPathNeverLeadsOutOfTheDatastore() throws Exception {
        Path outside = Files.createTempDirectory("outside-datastore");
        Files.writeString(outside.resolve("secret.txt"), "another team's secret");
        Path store = root.resolve(PROJECT.toString()).resolve("team-store");
        Files.createSymbolicLink(store.resolve("link"), outside);
        for (String path : new String[] {"/link/secret.txt", "/link/"}) {
            dev.modelstore.fetcher.IngestFailure failure = org.junit.jupiter.api.Assertions.assertThrows(
                    dev.modelstore.fetcher.IngestFailure.class, () -> source.fetch(new SourceRequest(UUID.randomUUID(),
                            PROJECT, "team-store", Map.of("path", path), Optional.empty()), writer()));
            org.junit.jupiter.api.Assertions.assertTrue(failure.reason().contains("symbolic link 'link'")
                    || failure.reason().contains("holds no files"), failure.reason());
        }
    }

    private static dev.modelstore.fetcher.store.ObjectStoreModelWriter writer() {
        return new dev.modelstore.fetcher.store.ObjectStoreModelWriter(UUID.randomUUID(),
                new dev.modelstore.fetcher.store.InMemoryObjectSink(), new dev.modelstore.fetcher.extract.Unpacker(),
                1_000_000, (b, f) -> { }, () -> false);
    }

    @Override
    protected String missingContainerReason() {
        return "not available";
    }
}
