package dev.modelstore.jobs.sandbox;

/** What network a sandboxed worker has ({@code modelstore.jobs.sandbox.network}). */
public enum SandboxNetwork {
    /** Only the sandbox's own loopback: no platform port, no host service, no internet. */
    NONE,
    /** Outbound connections through slirp4netns with the host's loopback refused. */
    SLIRP4NETNS
}
