package dev.modelstore.testservers;

import dev.modelstore.stack.ManagedProcess;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * Azurite, Microsoft's Azure Storage emulator (from the npm registry), serving the Blob API on
 * loopback for tests of the {@code azure} source. Installed on first use into
 * {@code dev-stack-servers/target/azurite}.
 */
public final class AzuriteServer {

    /** The emulator's fixed account name. */
    public static final String ACCOUNT = "devstoreaccount1";
    /** The emulator's fixed, public account key. */
    public static final String ACCOUNT_KEY =
            "Eby8vdM02xNOcqFlqUwJPLlmEtlCDXJ1OUzFT50uSRZ6IFsuFq2UVErCz4I6tq/K1SZFPTOtr/KBHBeksoGMGw==";
    static final String VERSION = "3.35.0";

    private AzuriteServer() {
    }

    /** Starts Azurite's Blob service on the port, with its data in {@code dir}. */
    public static ManagedProcess start(Path home, Path dir, int port) throws IOException, InterruptedException {
        Path install = home.resolve("dev-stack-servers/target/azurite");
        Path binary = install.resolve("node_modules/.bin/azurite-blob");
        if (!Files.isExecutable(binary)) {
            Files.createDirectories(install);
            Process npm = new ProcessBuilder("npm", "install", "--no-audit", "--no-fund", "--prefix", install.toString(),
                    "azurite@" + VERSION)
                    .redirectErrorStream(true)
                    .redirectOutput(ProcessBuilder.Redirect.appendTo(install.resolve("npm-install.log").toFile()))
                    .start();
            if (!npm.waitFor(5, TimeUnit.MINUTES) || npm.exitValue() != 0) {
                throw new IllegalStateException("installing Azurite with npm failed; see " + install.resolve("npm-install.log"));
            }
        }
        Files.createDirectories(dir);
        ManagedProcess azurite = ManagedProcess.start("azurite", List.of(binary.toString(), "--blobHost", "127.0.0.1",
                        "--blobPort", Integer.toString(port), "--location", dir.toString(), "--skipApiVersionCheck", "--loose",
                        "--silent"),
                Map.of(), dir, dir.resolve("azurite.log"));
        azurite.awaitReady(() -> answers(port), Duration.ofSeconds(60));
        return azurite;
    }

    /** The Blob endpoint of the emulator on the port. */
    public static String endpoint(int port) {
        return "http://127.0.0.1:" + port + "/" + ACCOUNT;
    }

    private static boolean answers(int port) {
        try (Socket socket = new Socket()) {
            socket.connect(new InetSocketAddress("127.0.0.1", port), 500);
            return true;
        } catch (IOException e) {
            return false;
        }
    }
}
