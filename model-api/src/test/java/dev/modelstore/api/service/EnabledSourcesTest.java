package dev.modelstore.api.service;

import static org.junit.jupiter.api.Assertions.assertDoesNotThrow;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.events.SourceType;
import dev.modelstore.support.rest.ApiException;
import java.util.List;
import org.junit.jupiter.api.Test;

/** A source type or web scheme an operator switched off answers 501, naming what is supported. */
class EnabledSourcesTest {

    private final EnabledSources enabled = new EnabledSources(List.of("web", "aws"), List.of("https"));

    @Test
    void aSwitchedOffTypeIs501NamingTheSupportedOnes() {
        ApiException off = assertThrows(ApiException.class, () -> enabled.check(SourceType.GIT, "https://example.com/r.git"));
        assertEquals(501, off.status());
        assertTrue(off.getMessage().contains("supported now: web, aws"), off.getMessage());
        ApiException scheme = assertThrows(ApiException.class, () -> enabled.check(SourceType.WEB, "ftp://example.com/m.bin"));
        assertEquals(501, scheme.status());
        assertTrue(scheme.getMessage().contains("ftp://"), scheme.getMessage());
        assertDoesNotThrow(() -> enabled.check(SourceType.WEB, "https://example.com/m.bin"));
        assertDoesNotThrow(() -> enabled.check(SourceType.AWS, "s3://bucket/m.bin"));
    }
}
