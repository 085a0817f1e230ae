package dev.modelstore.jobs.sandbox;

/**
 * Whether job-runner can start workers with the configured isolation.
 *
 * @param usable whether workers may be started
 * @param sandboxed whether they run isolated (false only when an operator chose {@code mode=none})
 * @param description what an operator reads in the health check and the log
 */
public record SandboxStatus(boolean usable, boolean sandboxed, String description) {
}
