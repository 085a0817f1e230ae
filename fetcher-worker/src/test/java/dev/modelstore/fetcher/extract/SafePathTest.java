package dev.modelstore.fetcher.extract;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelstore.fetcher.IngestFailure;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;

class SafePathTest {

    @ParameterizedTest
    @CsvSource({
        "a.txt, a.txt",
        "./a/b.txt, a/b.txt",
        "a//b/./c.bin, a/b/c.bin",
        "dir/ünïcode name.txt, dir/ünïcode name.txt",
        "a/b/, a/b"
    })
    void normalisesNamesThatStayInside(String name, String expected) {
        assertEquals(expected, SafePath.of(name));
    }

    @ParameterizedTest
    @ValueSource(strings = {"../evil", "a/../../evil", "/etc/passwd", "a\\..\\evil", "C:/windows/x", "a/\u0000b", "a/..", ".", "./", ""})
    void refusesNamesThatEscapeOrAreEmpty(String name) {
        assertThrows(IngestFailure.class, () -> SafePath.of(name));
    }

    @ParameterizedTest
    @CsvSource({
        "weights/latest, model.bin, weights/model.bin",
        "weights/latest, ../config.json, config.json",
        "top, sub/./file, sub/file"
    })
    void resolvesLinkTargetsInsideTheModel(String link, String target, String expected) {
        assertEquals(expected, SafePath.linkTarget(link, target));
    }

    @ParameterizedTest
    @CsvSource({"top, ../outside", "a/b, ../../../etc/passwd", "a, /etc/passwd"})
    void refusesLinkTargetsOutsideTheModel(String link, String target) {
        assertThrows(IngestFailure.class, () -> SafePath.linkTarget(link, target));
    }
}
