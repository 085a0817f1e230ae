package dev.modelstore.api.rest;

/** The body of {@code PATCH /model/{id}}: only the name of a model may change. */
public record RenameModelRequest(String name) {
}
