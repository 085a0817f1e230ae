package dev.modelstore.api.service;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.rest.ApiException;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class CredentialCipherTest {

    private static final String KEY = Base64.getEncoder().encodeToString(new byte[32]);

    @Test
    void aSecretDecryptsOnlyForItsOwnRow() {
        CredentialCipher cipher = new CredentialCipher(config(Optional.of(KEY)));
        byte[] sealed = cipher.encrypt("wJalrXUtnFEMI/K7MDENG", "project-1/aws");
        assertFalse(new String(sealed, StandardCharsets.ISO_8859_1).contains("wJalrXUtnFEMI"));
        assertEquals("wJalrXUtnFEMI/K7MDENG", cipher.decrypt(sealed, "project-1/aws"));
        assertThrows(IllegalStateException.class, () -> cipher.decrypt(sealed, "project-2/aws"));
    }

    @Test
    void theSameSecretEncryptsDifferentlyEachTime() {
        CredentialCipher cipher = new CredentialCipher(config(Optional.of(KEY)));
        assertFalse(java.util.Arrays.equals(cipher.encrypt("s", "r"), cipher.encrypt("s", "r")));
    }

    @Test
    void withoutAKeyNothingIsStored() {
        CredentialCipher cipher = new CredentialCipher(config(Optional.empty()));
        ApiException e = assertThrows(ApiException.class, () -> cipher.encrypt("s", "r"));
        assertEquals(503, e.status());
    }

    private static ModelApiConfig config(Optional<String> key) {
        return new ModelApiConfig() {
            @Override
            public Set<String> enabledSourceTypes() {
                return Set.of("web");
            }

            @Override
            public Optional<String> credentialKey() {
                return key;
            }

            @Override
            public java.nio.file.Path datastoreRoot() {
                return java.nio.file.Path.of("target");
            }

            @Override
            public String uploadHostname() {
                return "http://127.0.0.1:8081/uploads";
            }

            @Override
            public String exportHostname() {
                return "http://127.0.0.1:8081/exports";
            }

            @Override
            public Downloads downloads() {
                return null;
            }

            @Override
            public LogStreams logStreams() {
                return null;
            }

            @Override
            public Set<String> enabledWebSchemes() {
                return Set.of("http", "https");
            }

            @Override
            public java.time.Duration feedTokenCheckInterval() {
                return java.time.Duration.ofSeconds(30);
            }

            @Override
            public boolean selfServiceProjects() {
                return false;
            }

            @Override
            public java.time.Duration quotaCheckInterval() {
                return java.time.Duration.ofSeconds(2);
            }
        };
    }
}
