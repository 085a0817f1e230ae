package dev.modelstore.support.objectstore;

import java.util.UUID;

/**
 * Where a model lives in the bucket. Everything of a model is under its own prefix
 * {@code models/<model id>/}: its files under {@code files/}, its manifest beside them.
 */
public final class ModelStorageLayout {

    private ModelStorageLayout() {
    }

    /** The prefix that holds everything of the model, and nothing else. */
    public static String modelPrefix(UUID modelId) {
        return "models/" + modelId + "/";
    }

    /** The prefix of the model's files. */
    public static String filesPrefix(UUID modelId) {
        return modelPrefix(modelId) + "files/";
    }

    /** The key of one file, given its already-validated relative path. */
    public static String fileKey(UUID modelId, String relativePath) {
        return filesPrefix(modelId) + relativePath;
    }

    /** The key of the model's manifest. */
    public static String manifestKey(UUID modelId) {
        return modelPrefix(modelId) + "manifest.json";
    }
}
