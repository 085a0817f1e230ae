package dev.modelstore.stack;

import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

/**
 * The services' PostgreSQL: the server already answering on the configured address, or else an
 * embedded one (binaries from Maven Central) keeping its data in the stack's data folder. Creates
 * the services' database when it is missing.
 */
final class Database implements AutoCloseable {

    private final EmbeddedPostgres embedded;

    private Database(EmbeddedPostgres embedded) {
        this.embedded = embedded;
    }

    static Database start(StackSettings settings) throws IOException, SQLException {
        EmbeddedPostgres embedded = null;
        if (!answers(settings.dbHost(), settings.dbPort())) {
            if ("root".equals(System.getProperty("user.name"))) {
                throw new IllegalStateException("no PostgreSQL answers on " + settings.dbHost() + ":" + settings.dbPort()
                        + " and the embedded one cannot run as root; start PostgreSQL (e.g. Debian's postgresql package) "
                        + "or run the stack as another user");
            }
            Path dir = settings.dataDir().resolve("postgres");
            Files.createDirectories(dir);
            embedded = EmbeddedPostgres.builder().setPort(settings.dbPort()).setDataDirectory(dir)
                    .setCleanDataDirectory(false).start();
        }
        try (Connection admin = DriverManager.getConnection(
                "jdbc:postgresql://" + settings.dbHost() + ":" + settings.dbPort() + "/postgres", settings.dbUser(), "");
                Statement sql = admin.createStatement()) {
            String name = settings.database();
            if (!name.matches("[a-z_][a-z0-9_]*")) {
                throw new IllegalArgumentException("database name must be lower-case letters, digits and _: " + name);
            }
            if (settings.freshDatabase()) {
                sql.execute("DROP DATABASE IF EXISTS " + name + " WITH (FORCE)");
            }
            var exists = sql.executeQuery("SELECT 1 FROM pg_database WHERE datname = '" + name + "'");
            if (!exists.next()) {
                sql.execute("CREATE DATABASE " + name);
            }
        }
        return new Database(embedded);
    }

    private static boolean answers(String host, int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress(host, port), 1000);
            return true;
        } catch (IOException e) {
            return false;
        }
    }

    @Override
    public void close() throws IOException {
        if (embedded != null) {
            embedded.close();
        }
    }
}
