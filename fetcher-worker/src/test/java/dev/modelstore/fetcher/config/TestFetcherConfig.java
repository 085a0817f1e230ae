package dev.modelstore.fetcher.config;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;

/** A {@link FetcherConfig} for tests that build sources by hand, with the settings they vary. */
public record TestFetcherConfig(boolean allowLoopback, long maxModelBytes, Optional<URI> awsEndpoint,
        Optional<String> azureEndpoint, Optional<String> gcpHost, Path datastoreRoot, Optional<Path> knownHosts,
        boolean strictHostChecking) implements FetcherConfig {

    /** Host keys of ssh git servers not checked (most tests' servers make a new key each run). */
    public TestFetcherConfig(boolean allowLoopback, long maxModelBytes, Optional<URI> awsEndpoint,
            Optional<String> azureEndpoint, Optional<String> gcpHost, Path datastoreRoot) {
        this(allowLoopback, maxModelBytes, awsEndpoint, azureEndpoint, gcpHost, datastoreRoot, Optional.empty(), false);
    }

    /** The same settings, with ssh git servers' host keys checked against {@code knownHosts} (strictly when asked). */
    public TestFetcherConfig withHostKeys(Optional<Path> hosts, boolean strict) {
        return new TestFetcherConfig(allowLoopback, maxModelBytes, awsEndpoint, azureEndpoint, gcpHost, datastoreRoot,
                hosts, strict);
    }

    /** Loopback allowed or not; no source endpoints overridden. */
    public static TestFetcherConfig loopback(boolean allowed) {
        return new TestFetcherConfig(allowed, 1_000_000, Optional.empty(), Optional.empty(), Optional.empty(),
                Path.of("target/datastores"));
    }

    @Override
    public Optional<String> workerName() {
        return Optional.of("test");
    }

    @Override
    public Duration progressInterval() {
        return Duration.ofSeconds(1);
    }

    @Override
    public int uploadPartBytes() {
        return 1 << 20;
    }

    @Override
    public long singlePutMaxBytes() {
        return 1 << 30;
    }

    @Override
    public int uploadPartConcurrency() {
        return 2;
    }

    @Override
    public int uploadBuffers() {
        return 4;
    }

    @Override
    public Uploads uploads() {
        return new Uploads() {
            @Override
            public Duration abandonedAfter() {
                return Duration.ofDays(7);
            }

            @Override
            public Duration cleanupInterval() {
                return Duration.ofMinutes(10);
            }
        };
    }

    @Override
    public Exports exports() {
        return new Exports() {
            @Override
            public int slots() {
                return 2;
            }

            @Override
            public int slotsPerProject() {
                return 2;
            }

            @Override
            public int parallelFiles() {
                return 4;
            }

            @Override
            public Duration localWait() {
                return Duration.ofHours(6);
            }

            @Override
            public Duration maxDuration() {
                return Duration.ofHours(12);
            }
        };
    }

    @Override
    public Ingests ingests() {
        return new Ingests() {
            @Override
            public int slots() {
                return 4;
            }

            @Override
            public Optional<Integer> slotsPerProject() {
                return Optional.empty();
            }

            @Override
            public Duration maxDuration() {
                return Duration.ofHours(12);
            }

            @Override
            public long minThroughputBytes() {
                return 1;
            }

            @Override
            public Duration minThroughputWindow() {
                return Duration.ofMinutes(10);
            }
        };
    }

    @Override
    public Network network() {
        return new Network() {
            @Override
            public boolean allowLoopback() {
                return allowLoopback;
            }

            @Override
            public boolean allowPrivate() {
                return false;
            }

            @Override
            public Duration connectTimeout() {
                return Duration.ofSeconds(2);
            }

            @Override
            public Duration readTimeout() {
                return Duration.ofSeconds(5);
            }

            @Override
            public int maxRedirects() {
                return 3;
            }
        };
    }

    @Override
    public Sources sources() {
        return new Sources() {
            @Override
            public Optional<URI> awsEndpoint() {
                return awsEndpoint;
            }

            @Override
            public String defaultRegion() {
                return "us-east-1";
            }

            @Override
            public Optional<String> azureEndpoint() {
                return azureEndpoint;
            }

            @Override
            public Optional<String> gcpHost() {
                return gcpHost;
            }

            @Override
            public URI gcpTokenUri() {
                return URI.create(gcpHost.map(host -> host + "/token").orElse("https://oauth2.googleapis.com/token"));
            }

            @Override
            public boolean ftpsTrustAll() {
                return false;
            }

            @Override
            public Optional<Path> gitKnownHosts() {
                return knownHosts;
            }

            @Override
            public boolean gitStrictHostChecking() {
                return strictHostChecking;
            }

            @Override
            public String kaggleUrl() {
                return "https://www.kaggle.com";
            }

            @Override
            public Path datastoreRoot() {
                return datastoreRoot;
            }
        };
    }
}
