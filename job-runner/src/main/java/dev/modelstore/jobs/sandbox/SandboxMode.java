package dev.modelstore.jobs.sandbox;

/** How job workers are isolated ({@code modelstore.jobs.sandbox.mode}). */
public enum SandboxMode {
    /** Each worker in its own namespaces under bubblewrap, as an unprivileged uid. */
    BUBBLEWRAP,
    /** No isolation: an operator's explicit choice for hosts that cannot make namespaces. */
    NONE
}
