package dev.modelstore.jobs.workspace;

/** A worker cannot start or its folder cannot be saved, for a reason a person can act on. */
public class WorkspaceFailure extends RuntimeException {

    public WorkspaceFailure(String reason) {
        super(reason);
    }

    public WorkspaceFailure(String reason, Throwable cause) {
        super(reason, cause);
    }
}
