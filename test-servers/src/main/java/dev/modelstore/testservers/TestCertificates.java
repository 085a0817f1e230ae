package dev.modelstore.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.GeneralSecurityException;
import java.security.KeyStore;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.KeyManagerFactory;
import javax.net.ssl.SSLContext;
import javax.net.ssl.TrustManagerFactory;

/** A self-signed certificate for {@code localhost} and {@code 127.0.0.1}, made with the JDK's keytool, for TLS test servers. */
public final class TestCertificates {

    /** The keystore password. */
    public static final String PASSWORD = "changeit";

    private TestCertificates() {
    }

    /** Makes a PKCS12 keystore at {@code file}. */
    public static Path keystore(Path file) throws IOException, InterruptedException {
        return keystore(file, "localhost", "dns:localhost,ip:127.0.0.1");
    }

    /** Makes a PKCS12 keystore at {@code file} with a certificate for that name and those subject alternative names. */
    public static Path keystore(Path file, String commonName, String subjectAltNames) throws IOException, InterruptedException {
        Files.deleteIfExists(file);
        Files.createDirectories(file.getParent());
        Process keytool = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "keytool").toString(),
                "-genkeypair", "-alias", "test", "-keyalg", "RSA", "-keysize", "2048", "-validity", "2",
                "-dname", "CN=" + commonName, "-ext", "SAN=" + subjectAltNames, "-keystore", file.toString(),
                "-storetype", "PKCS12", "-storepass", PASSWORD, "-keypass", PASSWORD)
                .redirectErrorStream(true).start();
        byte[] output = keytool.getInputStream().readAllBytes();
        if (!keytool.waitFor(60, TimeUnit.SECONDS) || keytool.exitValue() != 0) {
            throw new IOException("keytool failed: " + new String(output));
        }
        return file;
    }

    /** A server-side TLS context with the keystore's key. */
    public static SSLContext serverContext(Path keystore) throws IOException, GeneralSecurityException {
        KeyManagerFactory keys = KeyManagerFactory.getInstance(KeyManagerFactory.getDefaultAlgorithm());
        keys.init(load(keystore), PASSWORD.toCharArray());
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(keys.getKeyManagers(), null, null);
        return context;
    }

    /** A client-side TLS context that trusts the keystore's certificate (and nothing else). */
    public static SSLContext clientContext(Path keystore) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(keystore));
        SSLContext context = SSLContext.getInstance("TLS");
        context.init(null, trust.getTrustManagers(), null);
        return context;
    }

    /** Trust managers that trust the keystore's certificate (and nothing else). */
    public static javax.net.ssl.TrustManager[] trustManagers(Path keystore) throws IOException, GeneralSecurityException {
        TrustManagerFactory trust = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
        trust.init(load(keystore));
        return trust.getTrustManagers();
    }

    private static KeyStore load(Path keystore) throws IOException, GeneralSecurityException {
        KeyStore store = KeyStore.getInstance("PKCS12");
        try (InputStream in = Files.newInputStream(keystore)) {
            store.load(in, PASSWORD.toCharArray());
        }
        return store;
    }
}
