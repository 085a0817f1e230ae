package dev.modelstore.api.service;

import dev.modelstore.api.config.ModelApiConfig;
import dev.modelstore.support.rest.ApiException;
import jakarta.enterprise.context.ApplicationScoped;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.Base64;
import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

/**
 * Encrypts credential secrets at rest with AES-256-GCM. The associated data (project and type)
 * binds each ciphertext to its row, so a secret copied to another row does not decrypt.
 */
@ApplicationScoped
public class CredentialCipher {

    private static final int NONCE_BYTES = 12;
    private static final int TAG_BITS = 128;

    private final SecretKeySpec key;
    private final SecureRandom random = new SecureRandom();

    CredentialCipher(ModelApiConfig config) {
        this.key = config.credentialKey().filter(k -> !k.isBlank()).map(CredentialCipher::parse).orElse(null);
    }

    /** The secret, encrypted for the row. */
    public byte[] encrypt(String secret, String row) {
        byte[] nonce = new byte[NONCE_BYTES];
        random.nextBytes(nonce);
        try {
            Cipher cipher = cipher(Cipher.ENCRYPT_MODE, nonce, row);
            byte[] sealed = cipher.doFinal(secret.getBytes(StandardCharsets.UTF_8));
            return ByteBuffer.allocate(nonce.length + sealed.length).put(nonce).put(sealed).array();
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("cannot encrypt a credential", e);
        }
    }

    /** The secret of the row. */
    public String decrypt(byte[] stored, String row) {
        try {
            byte[] nonce = java.util.Arrays.copyOf(stored, NONCE_BYTES);
            Cipher cipher = cipher(Cipher.DECRYPT_MODE, nonce, row);
            return new String(cipher.doFinal(stored, NONCE_BYTES, stored.length - NONCE_BYTES), StandardCharsets.UTF_8);
        } catch (GeneralSecurityException e) {
            throw new IllegalStateException("a stored credential cannot be decrypted with the configured key", e);
        }
    }

    private Cipher cipher(int mode, byte[] nonce, String row) throws GeneralSecurityException {
        if (key == null) {
            throw new ApiException(503, "credentials cannot be stored: this Modelstore has no credential key "
                    + "configured (MODELSTORE_API_CREDENTIAL_KEY)");
        }
        Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
        cipher.init(mode, key, new GCMParameterSpec(TAG_BITS, nonce));
        cipher.updateAAD(row.getBytes(StandardCharsets.UTF_8));
        return cipher;
    }

    private static SecretKeySpec parse(String base64) {
        byte[] bytes = Base64.getDecoder().decode(base64.trim());
        if (bytes.length != 32) {
            throw new IllegalStateException("MODELSTORE_API_CREDENTIAL_KEY must be 32 bytes, base64-encoded");
        }
        return new SecretKeySpec(bytes, "AES");
    }
}
