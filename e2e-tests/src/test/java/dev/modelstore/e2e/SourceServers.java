package dev.modelstore.e2e;

import dev.modelstore.stack.ManagedProcess;
import dev.modelstore.testservers.AzuriteServer;
import dev.modelstore.testservers.EmbeddedFtpServer;
import dev.modelstore.testservers.LocalGcsServer;
import dev.modelstore.testservers.LocalKaggleServer;
import java.nio.file.Path;

/** The real servers that stand in for the cloud sources during the end-to-end tests: Azurite, a GCS JSON API server, FTP, FTPS, the Kaggle API. */
final class SourceServers implements AutoCloseable {

    final ManagedProcess azurite;
    final LocalGcsServer gcs;
    final EmbeddedFtpServer ftp;
    final EmbeddedFtpServer ftps;
    final LocalKaggleServer kaggle;

    SourceServers(Path home, Path dir) throws Exception {
        azurite = AzuriteServer.start(home, dir.resolve("azurite"), StackExtension.AZURITE_PORT);
        gcs = new LocalGcsServer(StackExtension.GCS_TOKEN, 100, StackExtension.GCS_PORT);
        ftp = new EmbeddedFtpServer(dir.resolve("ftp"), false, StackExtension.FTP_PORT);
        ftps = new EmbeddedFtpServer(dir.resolve("ftps"), true, StackExtension.FTPS_PORT);
        kaggle = new LocalKaggleServer(java.nio.file.Files.createDirectories(dir.resolve("kaggle")), StackExtension.KAGGLE_USER,
                StackExtension.KAGGLE_KEY, StackExtension.KAGGLE_PORT);
    }

    @Override
    public void close() {
        kaggle.close();
        ftps.close();
        ftp.close();
        gcs.close();
        azurite.close();
    }
}
