package dev.modelstore.testservers;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import org.apache.ftpserver.ConnectionConfigFactory;
import org.apache.ftpserver.FtpServer;
import org.apache.ftpserver.FtpServerFactory;
import org.apache.ftpserver.ftplet.FtpException;
import org.apache.ftpserver.impl.DefaultFtpServer;
import org.apache.ftpserver.listener.ListenerFactory;
import org.apache.ftpserver.ssl.SslConfigurationFactory;
import org.apache.ftpserver.usermanager.PropertiesUserManagerFactory;
import org.apache.ftpserver.usermanager.impl.BaseUser;
import org.apache.ftpserver.usermanager.impl.WritePermission;

/** A real FTP (or explicit-TLS FTPS) server on loopback, Apache FtpServer, serving a folder to anonymous users. */
public final class EmbeddedFtpServer implements AutoCloseable {

    private final FtpServer server;
    private final int port;
    private final Path root;
    private final Path keystore;

    /** Serves {@code root} on the port (0: any free port), with explicit TLS when {@code tls}. */
    public EmbeddedFtpServer(Path root, boolean tls, int listenPort) throws IOException, FtpException, InterruptedException {
        this(root, tls ? TestCertificates.keystore(root.resolveSibling(root.getFileName() + "-keystore.p12")) : null,
                listenPort, null);
    }

    /**
     * Serves {@code root} with explicit TLS and that keystore's certificate when {@code keystore} is
     * given, and names {@code passiveAddress} (when given) in its PASV replies instead of its own, as
     * a server behind NAT, or a hostile one, does.
     */
    public EmbeddedFtpServer(Path root, Path keystore, int listenPort, String passiveAddress)
            throws IOException, FtpException {
        this.root = root;
        this.keystore = keystore;
        boolean tls = keystore != null;
        Files.createDirectories(root);
        FtpServerFactory factory = new FtpServerFactory();
        ListenerFactory listener = new ListenerFactory();
        listener.setServerAddress("127.0.0.1");
        listener.setPort(listenPort);
        if (tls) {
            SslConfigurationFactory ssl = new SslConfigurationFactory();
            ssl.setKeystoreFile(keystore.toFile());
            ssl.setKeystorePassword(TestCertificates.PASSWORD);
            ssl.setKeystoreType("PKCS12");
            listener.setSslConfiguration(ssl.createSslConfiguration());
            listener.setImplicitSsl(false);
        }
        if (passiveAddress != null) {
            var passive = new org.apache.ftpserver.DataConnectionConfigurationFactory();
            passive.setPassiveExternalAddress(passiveAddress);
            listener.setDataConnectionConfiguration(passive.createDataConnectionConfiguration());
        }
        factory.addListener("default", listener.createListener());
        ConnectionConfigFactory connections = new ConnectionConfigFactory();
        connections.setAnonymousLoginEnabled(true);
        factory.setConnectionConfig(connections.createConnectionConfig());
        var users = new PropertiesUserManagerFactory().createUserManager();
        BaseUser anonymous = new BaseUser();
        anonymous.setName("anonymous");
        anonymous.setHomeDirectory(root.toString());
        anonymous.setAuthorities(List.of(new WritePermission()));
        users.save(anonymous);
        factory.setUserManager(users);
        server = factory.createServer();
        server.start();
        port = ((DefaultFtpServer) server).getListener("default").getPort();
    }

    /** The keystore with the server's certificate (null without TLS). */
    public Path keystore() {
        return keystore;
    }

    public int port() {
        return port;
    }

    public void put(String key, byte[] content) throws IOException {
        Path file = root.resolve(key);
        Files.createDirectories(file.getParent());
        Files.write(file, content);
    }

    @Override
    public void close() {
        server.stop();
    }
}
