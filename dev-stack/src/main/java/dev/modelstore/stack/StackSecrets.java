package dev.modelstore.stack;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.Properties;

/**
 * The stack's own secrets, made once and kept in {@code <data>/secrets.properties} (readable by
 * its owner only): the key that encrypts stored credentials, and the token services use to call
 * each other's internal endpoints.
 */
public record StackSecrets(String credentialKey, String serviceToken) {

    /** Reads the secrets of the data folder, making them on first use. */
    public static StackSecrets load(Path dataDir) throws IOException {
        Path file = dataDir.resolve("secrets.properties");
        Properties properties = new Properties();
        if (Files.exists(file)) {
            try (Reader in = Files.newBufferedReader(file)) {
                properties.load(in);
            }
            return new StackSecrets(properties.getProperty("credential-key"), properties.getProperty("service-token"));
        }
        SecureRandom random = new SecureRandom();
        StackSecrets secrets = new StackSecrets(randomBase64(random, 32), randomBase64(random, 24));
        properties.setProperty("credential-key", secrets.credentialKey());
        properties.setProperty("service-token", secrets.serviceToken());
        Files.createDirectories(dataDir);
        Files.createFile(file, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        try (Writer out = Files.newBufferedWriter(file)) {
            properties.store(out, "Modelstore embedded stack secrets; keep private");
        }
        return secrets;
    }

    private static String randomBase64(SecureRandom random, int bytes) {
        byte[] value = new byte[bytes];
        random.nextBytes(value);
        return Base64.getEncoder().encodeToString(value);
    }

    @Override
    public String toString() {
        return "StackSecrets[***]";
    }
}
