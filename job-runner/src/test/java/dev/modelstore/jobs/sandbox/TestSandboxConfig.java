package dev.modelstore.jobs.sandbox;

import dev.modelstore.jobs.config.JobRunnerConfig;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;

/** The sandbox settings the tests run with: the defaults, with the bwrap path and network chosen per test. */
record TestSandboxConfig(String bwrap, SandboxNetwork network) implements JobRunnerConfig.Sandbox {

    static TestSandboxConfig defaults() {
        return new TestSandboxConfig("bwrap", SandboxNetwork.NONE);
    }

    @Override
    public SandboxMode mode() {
        return SandboxMode.BUBBLEWRAP;
    }

    @Override
    public int uid() {
        return 61000;
    }

    @Override
    public int gid() {
        return 61000;
    }

    @Override
    public List<String> etcEntries() {
        return List.of("passwd", "group", "hosts", "nsswitch.conf", "resolv.conf", "ld.so.cache", "alternatives",
                "ssl/certs", "../root");
    }

    @Override
    public Optional<List<Path>> readOnlyPaths() {
        return Optional.empty();
    }
}
