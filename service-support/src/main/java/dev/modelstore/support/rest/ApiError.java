package dev.modelstore.support.rest;

/**
 * The one JSON shape of every error: {@code message} for people and tools, {@code errorMessage} for
 * trainML's clients, which show that field.
 */
public record ApiError(int status, String message, String errorMessage) {

    /** An error with the same text in both fields. */
    public static ApiError of(int status, String message) {
        return new ApiError(status, message, message);
    }
}
