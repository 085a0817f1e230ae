package dev.modelstore.fetcher.config;

import io.smallrye.config.ConfigMapping;
import io.smallrye.config.WithDefault;
import java.time.Duration;
import java.util.Optional;

/** Settings of fetcher-worker. */
@ConfigMapping(prefix = "modelstore.fetcher")
public interface FetcherConfig {

    /**
     * The largest model accepted when storage-service (where limits are decided) cannot be asked,
     * in bytes (50 GB). A model that grows past its limit fails and leaves nothing behind.
     */
    @WithDefault("50000000000")
    long maxModelBytes();

    /**
     * This worker's name in events and logs; defaults to the host name. It must be unique in the fleet: a
     * fetcher that starts queues again the ingests recorded under its name (its earlier life's).
     */
    Optional<String> workerName();

    /** How often a running ingest announces its progress. */
    @WithDefault("1s")
    Duration progressInterval();

    /** Size of each part of a multipart upload, and of each upload buffer. */
    @WithDefault("8388608")
    int uploadPartBytes();

    /**
     * Files of known length up to this size are stored with one PUT straight from the source; larger
     * ones (and streams of unknown length) in parallel parts. One streamed PUT measured faster than
     * parts into S3Proxy, whose file store copies the parts once more when they are completed
     * (docs/performance.md); against S3 or MinIO a lower value lets big files go in parallel parts.
     */
    @WithDefault("4294967296")
    long singlePutMaxBytes();

    /** How many parts and buffered small files are sent to the store at once, over all ingests of this fetcher. */
    @WithDefault("16")
    int uploadPartConcurrency();

    /**
     * The upload memory of this fetcher, over all ingests, in part buffers: with
     * {@link #uploadPartBytes()} the most bytes uploads hold (12 × 8 MiB = 96 MiB), whatever the
     * size or number of the files.
     */
    @WithDefault("12")
    int uploadBuffers();

    /** Which addresses a source URL may reach. */
    Network network();

    /** How ingests share this fetcher, and how long and how slowly one may run. */
    Ingests ingests();

    /** The local upload receiver. */
    Uploads uploads();

    /** Exports of ready models to stores, datastores and users' computers. */
    Exports exports();

    /** Settings of exports. */
    interface Exports {

        /** Store exports this fetcher runs at once. */
        @WithDefault("4")
        int slots();

        /**
         * Store exports one project runs at once across the fleet: a project whose exports stall
         * cannot take every slot, and the project running the fewest is served first.
         */
        @WithDefault("2")
        int slotsPerProject();

        /** Files of one export written at once. */
        @WithDefault("8")
        int parallelFiles();

        /** How long a local export waits for the user's client to download and finalize it before it fails. */
        @WithDefault("6h")
        Duration localWait();

        /** The longest a store export may run before it fails. */
        @WithDefault("12h")
        Duration maxDuration();
    }

    /** How long the upload receiver keeps what an upload that stopped sent. */
    interface Uploads {

        /** An upload that sent nothing for this long loses its chunks and starts over at offset 0. */
        @WithDefault("7d")
        Duration abandonedAfter();

        /** How often abandoned uploads are looked for. */
        @WithDefault("10m")
        Duration cleanupInterval();
    }

    /** Ingest slots and the rules that end ingests which would otherwise run forever. */
    interface Ingests {

        /** How many ingests this fetcher runs at once (local uploads waiting for their bytes take none). */
        @WithDefault("4")
        int slots();

        /** How many of them one project may hold while others wait; default: all but one. */
        Optional<Integer> slotsPerProject();

        /** The longest an ingest may run; past it the model fails, naming this setting. */
        @WithDefault("12h")
        Duration maxDuration();

        /**
         * The fewest bytes a source must deliver in every {@link #minThroughputWindow()}: a source that
         * trickles (or stalls without closing the connection) fails the model instead of holding a slot.
         */
        @WithDefault("65536")
        long minThroughputBytes();

        /** The window {@link #minThroughputBytes()} is measured over. */
        @WithDefault("120s")
        Duration minThroughputWindow();
    }

    /** Settings of particular source types. */
    Sources sources();

    /** Per-source-type settings; all optional. */
    interface Sources {

        /** An S3 endpoint to use for {@code aws} sources instead of AWS (an S3-compatible private cloud, or tests). */
        Optional<java.net.URI> awsEndpoint();

        /** The region {@code aws} and {@code wasabi} requests start from when the model names none. */
        @WithDefault("us-east-1")
        String defaultRegion();

        /** A Blob endpoint to use for {@code azure} sources instead of {@code https://<account>.blob.core.windows.net} (Azurite). */
        Optional<String> azureEndpoint();

        /** A host to use for {@code gcp} sources instead of Google's (a local JSON API server in tests). */
        Optional<String> gcpHost();

        /**
         * Where a {@code gcp} service-account key is exchanged for an access token: always this
         * (Google's), whatever {@code token_uri} the key file names, so a key cannot send the fetcher's
         * signed request to an address of the key's choosing.
         */
        @WithDefault("https://oauth2.googleapis.com/token")
        java.net.URI gcpTokenUri();

        /**
         * Accept any certificate from {@code ftps://} servers. Off by default: certificates are checked
         * against the JVM's trust store. Only for servers with self-signed certificates on a trusted network.
         */
        @WithDefault("false")
        boolean ftpsTrustAll();

        /**
         * An OpenSSH known_hosts file with the host keys ssh git servers must present. Without it,
         * {@link #gitStrictHostChecking()} decides.
         */
        Optional<java.nio.file.Path> gitKnownHosts();

        /** Refuse ssh git servers whose host key is not in {@link #gitKnownHosts()} (on by default). */
        @WithDefault("true")
        boolean gitStrictHostChecking();

        /** The Kaggle API's base URL (a local stand-in in tests). */
        @WithDefault("https://www.kaggle.com")
        String kaggleUrl();

        /** The folder where the regional datastores are mounted, one sub-folder per datastore. */
        @WithDefault("/var/lib/modelstore/datastores")
        java.nio.file.Path datastoreRoot();
    }

    /** Where sources may connect: never to link-local or cloud-metadata addresses; to others only as configured. */
    interface Network {

        /** Allow loopback addresses (the embedded stack allows them so local servers can be sources). */
        @WithDefault("false")
        boolean allowLoopback();

        /** Allow private-range addresses (10/8, 172.16/12, 192.168/16, fc00::/7, 100.64/10). */
        @WithDefault("false")
        boolean allowPrivate();

        /** Time allowed to open a connection. */
        @WithDefault("10s")
        Duration connectTimeout();

        /** Time a connection may stay silent before the download fails. */
        @WithDefault("60s")
        Duration readTimeout();

        /** Redirects followed at most, each one checked like the first URL. */
        @WithDefault("5")
        int maxRedirects();
    }
}
