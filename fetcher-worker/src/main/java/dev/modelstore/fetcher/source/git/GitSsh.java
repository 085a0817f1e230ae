package dev.modelstore.fetcher.source.git;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.source.SourceCredential;
import java.io.ByteArrayInputStream;
import java.io.File;
import java.net.InetSocketAddress;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.PublicKey;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import org.apache.sshd.common.NamedResource;
import org.apache.sshd.common.util.security.SecurityUtils;
import org.eclipse.jgit.transport.CredentialsProvider;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.sshd.KeyPasswordProvider;
import org.eclipse.jgit.transport.sshd.ServerKeyDatabase;
import org.eclipse.jgit.transport.sshd.SshdSessionFactoryBuilder;

/**
 * The ssh side of the git source: JGit's Apache MINA client with the project's {@code git}
 * credential (a private key, never written to disk) and host keys checked against the configured
 * known_hosts (or, only when strict checking is off, accepted).
 */
final class GitSsh {

    private GitSsh() {
    }

    /** A session factory for one fetch, in a scratch home folder. */
    static SshSessionFactory sessions(Optional<SourceCredential> credential, FetcherConfig.Sources config, Path home) {
        List<KeyPair> keys = credential.map(GitSsh::keys).orElse(List.of());
        ServerKeyDatabase hosts = config.gitKnownHosts().isPresent()
                ? new org.eclipse.jgit.internal.transport.sshd.OpenSshServerKeyDatabase(false,
                        List.of(config.gitKnownHosts().get()))
                : unknownHosts(!config.gitStrictHostChecking());
        return new SshdSessionFactoryBuilder()
                .setHomeDirectory(home.toFile())
                .setSshDirectory(home.resolve(".ssh").toFile())
                .setDefaultKeysProvider((File dir) -> keys)
                .setKeyPasswordProvider(cp -> noPasswords())
                .setPreferredAuthentications("publickey")
                .setServerKeyDatabase((h, s) -> hosts)
                .build(null);
    }

    private static List<KeyPair> keys(SourceCredential credential) {
        try {
            List<KeyPair> keys = new ArrayList<>();
            for (KeyPair key : SecurityUtils.loadKeyPairIdentities(null, NamedResource.ofName("project git key"),
                    new ByteArrayInputStream(credential.secret().getBytes(StandardCharsets.UTF_8)), null)) {
                keys.add(key);
            }
            if (keys.isEmpty()) {
                throw new IllegalArgumentException("no key");
            }
            return keys;
        } catch (Exception e) {
            throw new IngestFailure("the project's 'git' credential is not an unencrypted private key (PEM or OpenSSH "
                    + "format); store the key file's content as the secret");
        }
    }

    /** A host key database that holds no keys and answers every unknown host the same way. */
    private static ServerKeyDatabase unknownHosts(boolean accept) {
        return new ServerKeyDatabase() {
            @Override
            public List<PublicKey> lookup(String connectAddress, InetSocketAddress remoteAddress, Configuration config) {
                return List.of();
            }

            @Override
            public boolean accept(String connectAddress, InetSocketAddress remoteAddress, PublicKey serverKey,
                    Configuration config, CredentialsProvider provider) {
                return accept;
            }
        };
    }

    private static KeyPasswordProvider noPasswords() {
        return new KeyPasswordProvider() {
            @Override
            public char[] getPassphrase(org.eclipse.jgit.transport.URIish uri, int attempt) {
                return null;
            }

            @Override
            public void setAttempts(int maxNumberOfAttempts) {
            }

            @Override
            public boolean keyLoaded(org.eclipse.jgit.transport.URIish uri, int attempt, Exception error) {
                return false;
            }
        };
    }
}
