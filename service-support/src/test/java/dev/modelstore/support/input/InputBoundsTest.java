package dev.modelstore.support.input;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

import dev.modelstore.support.rest.ApiException;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The rules for what callers send and for what remote servers supply: bounded, printable, no secrets in URLs. */
class InputBoundsTest {

    @Test
    void textsOverTheirLimitOrWithControlCharactersAre400sThatNameTheField() {
        ApiException longName = assertThrows(ApiException.class, () -> Inputs.required("name", "x".repeat(256), Inputs.NAME));
        assertEquals(400, longName.status());
        assertTrue(longName.getMessage().contains("name is longer than 255"), longName.getMessage());
        for (String bad : new String[] {"a\u0000b", "red\u001b[31m", "line\nbreak", "del\u007f", "c1\u0085",
            "invoice\u202egpj.exe", "isolate\u2066x"}) {
            ApiException refused = assertThrows(ApiException.class, () -> Inputs.required("name", bad, Inputs.NAME));
            assertTrue(refused.getMessage().contains("control character"), refused.getMessage());
        }
        assertEquals("ok name", Inputs.required("name", "  ok name ", Inputs.NAME));
        assertEquals("two\nlines\tand tab", Inputs.multiline("command", "two\nlines\tand tab", 100));
        assertThrows(ApiException.class, () -> Inputs.multiline("command", "nul\u0000", 100));
    }

    @Test
    void optionMapsAreBoundedInCountKeysAndValues() {
        Map<String, String> many = new HashMap<>();
        for (int i = 0; i < 65; i++) {
            many.put("k" + i, "v");
        }
        assertTrue(assertThrows(ApiException.class, () -> Inputs.options("source_options", many, 100)).getMessage()
                .contains("at most 64"));
        assertTrue(assertThrows(ApiException.class, () -> Inputs.options("source_options", Map.of("bad key\u0000", "v"), 100))
                .getMessage().contains("key"));
        assertTrue(assertThrows(ApiException.class, () -> Inputs.options("source_options", Map.of("ref", "x".repeat(101)), 100))
                .getMessage().contains("source_options.ref is longer than 100"));
        assertEquals(Map.of("endpoint_url", "https://s3.example.com"),
                Inputs.options("source_options", Map.of("endpoint_url", "https://s3.example.com"), 100));
    }

    @Test
    void serverTextIsCutWithAMarkerAndMadePrintable() {
        String phrase = "Not Found " + "x".repeat(1_100_000);
        String bounded = Texts.bounded(phrase, 2000);
        assertTrue(bounded.length() < 2100, String.valueOf(bounded.length()));
        assertTrue(bounded.endsWith("more characters cut]"), bounded.substring(bounded.length() - 40));
        assertEquals("red\uFFFD[31m text", Texts.bounded("red\u001b[31m\ttext", 100).replace(" text", " text"));
        assertFalse(Texts.bounded("a\u0000b", 10).contains("\u0000"));
    }

    @Test
    void credentialsInUrlsAreRedactedWhereverTheyAppear() {
        String text = "GET https://gitlab.example.com/api/v4/projects/1/repository/archive.zip?private_token=glpat-SECRET&sha=main"
                + " failed; see https://bucket.s3.amazonaws.com/m.bin?X-Amz-Algorithm=AWS4-HMAC-SHA256&X-Amz-Credential=AKIA%2F"
                + "&X-Amz-Signature=abcdef and https://acct.blob.core.windows.net/c/m.bin?sv=2021&sig=SIGSECRET&se=2030 "
                + "and https://user:hunter2@example.com/r.git";
        String redacted = Redaction.urls(text);
        for (String secret : new String[] {"glpat-SECRET", "AKIA", "abcdef", "SIGSECRET", "hunter2"}) {
            assertFalse(redacted.contains(secret), secret + " in " + redacted);
        }
        assertTrue(redacted.contains("sha=main") && redacted.contains("X-Amz-Algorithm=AWS4-HMAC-SHA256")
                && redacted.contains("sv=2021") && redacted.contains("user:REDACTED@example.com"), redacted);
        assertEquals("https://example.com/model.tar.gz?version=2", Redaction.urls("https://example.com/model.tar.gz?version=2"));
        String more = Redaction.urls("https://e.com/m?jwt=SEKRET1&v=2 and https://e.com/cb#access_token=SEKRET2&sig=SEKRET3");
        for (String secret : new String[] {"SEKRET1", "SEKRET2", "SEKRET3"}) {
            assertFalse(more.contains(secret), more);
        }
        assertTrue(more.contains("v=2"), more);
    }
}
