package dev.modelstore.fetcher.source.git;

import dev.modelstore.events.SourceType;
import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.config.FetcherConfig;
import dev.modelstore.fetcher.network.GuardedGitConnections;
import dev.modelstore.fetcher.network.NetworkGuard;
import dev.modelstore.fetcher.source.ModelSource;
import dev.modelstore.fetcher.source.SourceRequest;
import dev.modelstore.fetcher.store.ModelWriter;
import jakarta.enterprise.context.ApplicationScoped;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Comparator;
import java.util.Locale;
import java.util.Set;
import java.util.stream.Stream;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.FileMode;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ObjectLoader;
import org.eclipse.jgit.lib.Repository;
import org.eclipse.jgit.revwalk.RevCommit;
import org.eclipse.jgit.revwalk.RevWalk;
import org.eclipse.jgit.transport.HttpTransport;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.URIish;
import org.eclipse.jgit.treewalk.TreeWalk;

/**
 * {@code git}: a repository over http(s) or ssh at a branch, tag or commit ({@code source_options.ref};
 * the default branch otherwise), fetched shallow where the server allows into a temporary bare
 * repository with JGit, then streamed file by file from the commit's tree — nothing is checked
 * out, no hook or submodule runs, and symbolic links are kept only inside the model. The model
 * holds the tree without {@code .git} (with it when {@code source_options.keep_git=true}); the
 * manifest records the commit id.
 */
@ApplicationScoped
public class GitSource implements ModelSource {

    private final NetworkGuard guard;
    private final FetcherConfig.Sources sources;
    private final int timeoutSeconds;

    @jakarta.inject.Inject
    GitSource(NetworkGuard guard, FetcherConfig config) {
        this(guard, config, null);
    }

    /** {@code trust}: what https git servers are trusted by; null for the JVM's trust store. */
    GitSource(NetworkGuard guard, FetcherConfig config, javax.net.ssl.TrustManager[] trust) {
        this.guard = guard;
        // JGit keeps one connection factory for the JVM: every git request over http(s) and every
        // redirect it follows goes through the guard.
        HttpTransport.setConnectionFactory(new GuardedGitConnections(guard.resolver(), trust));
        this.sources = config.sources();
        this.timeoutSeconds = (int) Math.max(10, config.network().readTimeout().toSeconds());
    }

    @Override
    public SourceType type() {
        return SourceType.GIT;
    }

    @Override
    public void fetch(SourceRequest request, ModelWriter writer) throws IOException {
        URIish remote = checkedRemote(request.uri());
        String ref = request.options().get("ref");
        boolean keepGit = Boolean.parseBoolean(request.options().getOrDefault("keep_git", "false"));
        Path dir = Files.createTempDirectory("modelstore-git-");
        Path sshHome = Files.createTempDirectory("modelstore-git-ssh-");
        SshSessionFactory ssh = isSsh(remote) ? GitSsh.sessions(request.credential(), sources, sshHome) : null;
        try (Git git = Git.init().setBare(true).setDirectory(dir.toFile()).call()) {
            // No background gc in a repository read once and deleted: it would change files while they are read.
            git.getRepository().getConfig().setInt("gc", null, "auto", 0);
            git.getRepository().getConfig().setBoolean("gc", null, "autodetach", false);
            git.getRepository().getConfig().save();
            GitFetch fetch = new GitFetch(git, request.uri().trim(), request.credential(), ssh, timeoutSeconds,
                    new IngestProgressMonitor(writer));
            ObjectId commitId = fetch.commitFor(ref == null || ref.isBlank() ? null : ref.trim());
            writeTree(git.getRepository(), commitId, writer);
            if (keepGit) {
                writeGitFolder(dir, writer);
            }
            writer.sourceVersion(commitId.name());
        } catch (GitAPIException e) {
            throw GitFailures.explain(e, remote);
        } finally {
            if (ssh instanceof org.eclipse.jgit.transport.sshd.SshdSessionFactory sessions) {
                sessions.close();
            }
            deleteTree(dir);
            deleteTree(sshHome);
        }
    }

    /** Only http(s) and ssh remotes: never local paths, {@code ext::} helpers, {@code git://} or option-like URLs. */
    private URIish checkedRemote(String uri) {
        String lower = uri.trim().toLowerCase(Locale.ROOT);
        if (uri.startsWith("-") || lower.startsWith("ext::") || lower.startsWith("file:") || lower.contains("::")) {
            throw new IngestFailure("'" + uri + "' uses a git transport Modelstore never runs; use https:// or ssh");
        }
        URIish parsed;
        try {
            parsed = new URIish(uri.trim());
        } catch (java.net.URISyntaxException e) {
            throw new IngestFailure("'" + uri + "' is not a git repository URL");
        }
        String scheme = parsed.getScheme() == null ? "ssh" : parsed.getScheme().toLowerCase(Locale.ROOT);
        if (!Set.of("http", "https", "ssh").contains(scheme) || parsed.getHost() == null || parsed.getHost().startsWith("-")) {
            throw new IngestFailure("'" + uri + "' uses a git transport Modelstore never runs; use https:// or ssh");
        }
        guard.checkedAddress(parsed.getHost(), "git server " + parsed.getHost());
        return parsed;
    }

    private static boolean isSsh(URIish remote) {
        return remote.getScheme() == null || remote.getScheme().equalsIgnoreCase("ssh");
    }

    private static void writeTree(Repository repository, ObjectId commitId, ModelWriter writer) throws IOException {
        try (RevWalk walk = new RevWalk(repository); TreeWalk tree = new TreeWalk(repository)) {
            RevCommit commit = walk.parseCommit(commitId);
            tree.addTree(commit.getTree());
            tree.setRecursive(true);
            while (tree.next()) {
                FileMode mode = tree.getFileMode(0);
                String path = tree.getPathString();
                if (mode == FileMode.GITLINK) {
                    continue; // a submodule: never fetched
                }
                ObjectLoader blob = repository.open(tree.getObjectId(0));
                if (mode == FileMode.SYMLINK) {
                    writer.symlink(path, new String(blob.getCachedBytes(4096), java.nio.charset.StandardCharsets.UTF_8));
                } else {
                    try (InputStream in = blob.openStream()) {
                        writer.file(path, in, blob.getSize());
                    }
                }
            }
        }
    }

    private static void writeGitFolder(Path dir, ModelWriter writer) throws IOException {
        try (Stream<Path> files = Files.walk(dir)) {
            for (Path file : files.filter(Files::isRegularFile).sorted().toList()) {
                try (InputStream in = Files.newInputStream(file)) {
                    writer.file(".git/" + dir.relativize(file).toString().replace('\\', '/'), in, Files.size(file));
                }
            }
        }
    }

    private static void deleteTree(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        } catch (IOException | java.io.UncheckedIOException ignored) {
            // a temporary folder; the OS cleans up what is left
        }
    }
}
