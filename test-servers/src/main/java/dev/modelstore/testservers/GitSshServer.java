package dev.modelstore.testservers;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.file.Path;
import java.security.PublicKey;
import org.apache.sshd.common.config.keys.KeyUtils;
import org.apache.sshd.server.Environment;
import org.apache.sshd.server.ExitCallback;
import org.apache.sshd.server.SshServer;
import org.apache.sshd.server.channel.ChannelSession;
import org.apache.sshd.server.command.Command;
import org.apache.sshd.server.keyprovider.SimpleGeneratorHostKeyProvider;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.storage.file.FileRepositoryBuilder;
import org.eclipse.jgit.transport.UploadPack;

/**
 * A real git server over ssh on loopback: Apache MINA sshd with public-key login for one key,
 * serving {@code git-upload-pack} (fetch only) through JGit for the repositories under a folder.
 */
public final class GitSshServer implements AutoCloseable {

    private final SshServer sshd;
    private final Path root;

    public GitSshServer(Path root, Path hostKey, PublicKey allowed) throws IOException {
        this.root = root;
        sshd = SshServer.setUpDefaultServer();
        sshd.setHost("127.0.0.1");
        sshd.setPort(0);
        sshd.setKeyPairProvider(new SimpleGeneratorHostKeyProvider(hostKey));
        sshd.setPublickeyAuthenticator((user, key, session) -> KeyUtils.compareKeys(key, allowed));
        sshd.setPasswordAuthenticator(null);
        sshd.setCommandFactory((channel, command) -> new UploadPackCommand(command));
        sshd.start();
    }

    /** An ssh URL of a repository under the root. */
    public String url(String repository) {
        return "ssh://git@127.0.0.1:" + sshd.getPort() + "/" + repository;
    }

    /** The server's host keys as known_hosts lines ({@code [127.0.0.1]:port <type> <key>}), for clients that check them. */
    public String knownHostsLines() throws IOException {
        StringBuilder lines = new StringBuilder();
        try {
            for (java.security.KeyPair key : sshd.getKeyPairProvider().loadKeys(null)) {
                lines.append("[127.0.0.1]:").append(sshd.getPort()).append(' ')
                        .append(org.apache.sshd.common.config.keys.PublicKeyEntry.toString(key.getPublic())).append('\n');
            }
        } catch (java.security.GeneralSecurityException e) {
            throw new IOException(e);
        }
        return lines.toString();
    }

    @Override
    public void close() throws IOException {
        sshd.stop(true);
    }

    /** Runs {@code git-upload-pack '<path>'} with JGit; anything else is refused. */
    private final class UploadPackCommand implements Command {
        private final String command;
        private InputStream in;
        private OutputStream out;
        private OutputStream err;
        private ExitCallback exit;

        UploadPackCommand(String command) {
            this.command = command;
        }

        @Override
        public void setInputStream(InputStream in) {
            this.in = in;
        }

        @Override
        public void setOutputStream(OutputStream out) {
            this.out = out;
        }

        @Override
        public void setErrorStream(OutputStream err) {
            this.err = err;
        }

        @Override
        public void setExitCallback(ExitCallback exit) {
            this.exit = exit;
        }

        @Override
        public void start(ChannelSession channel, Environment env) {
            Thread worker = new Thread(() -> {
                int status = 0;
                try {
                    if (!command.startsWith("git-upload-pack ")) {
                        throw new IOException("only git-upload-pack is served");
                    }
                    String path = command.substring("git-upload-pack ".length()).replace("'", "").replaceFirst("^/", "");
                    Path dir = root.resolve(path).normalize();
                    if (!dir.startsWith(root)) {
                        throw new IOException("outside the root");
                    }
                    try (Repository repository = new FileRepositoryBuilder().setGitDir(dir.toFile()).setMustExist(true)
                            .build()) {
                        UploadPack pack = new UploadPack(repository);
                        String protocol = env.getEnv().get("GIT_PROTOCOL");
                        if (protocol != null) {
                            pack.setExtraParameters(java.util.List.of(protocol));
                        }
                        pack.upload(in, out, err);
                    }
                } catch (Exception e) {
                    status = 1;
                    try {
                        err.write(("fatal: " + e.getMessage() + "\n").getBytes());
                        err.flush();
                    } catch (IOException ignored) {
                        // the client is gone
                    }
                } finally {
                    exit.onExit(status);
                }
            }, "git-upload-pack");
            worker.start();
        }

        @Override
        public void destroy(ChannelSession channel) {
        }
    }
}
