package dev.modelstore.fetcher.source;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelstore.fetcher.IngestFailure;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class ObjectKeysTest {

    @Test
    void keepsThePathBelowThePrefix() {
        assertEquals("weights/part-1.bin", ObjectKeys.relativePath("models/m1/", "models/m1/weights/part-1.bin"));
        assertEquals("ünï code.txt", ObjectKeys.relativePath("", "ünï code.txt"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"m1/../escape", "m1/a/../../escape", "m1/./a", "m1//a", "m1/a\\b", "m1/a\u0001", "m1/", "m1/.."})
    void refusesKeysThatAreNoPlainRelativePath(String key) {
        assertThrows(IngestFailure.class, () -> ObjectKeys.relativePath("m1/", key));
    }

    @Test
    void refusesKeysOutsideThePrefix() {
        assertThrows(IngestFailure.class, () -> ObjectKeys.relativePath("m1/", "m1-old/file"));
    }
}
