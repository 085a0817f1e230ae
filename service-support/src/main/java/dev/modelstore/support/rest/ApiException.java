package dev.modelstore.support.rest;

/** A request the API refuses, with the HTTP status and a message that tells the caller what to fix. */
public class ApiException extends RuntimeException {

    private final int status;

    public ApiException(int status, String message) {
        super(message);
        this.status = status;
    }

    /** The HTTP status to answer with. */
    public int status() {
        return status;
    }

    public static ApiException badRequest(String message) {
        return new ApiException(400, message);
    }

    public static ApiException notFound(String message) {
        return new ApiException(404, message);
    }

    public static ApiException conflict(String message) {
        return new ApiException(409, message);
    }

    public static ApiException notImplemented(String message) {
        return new ApiException(501, message);
    }
}
