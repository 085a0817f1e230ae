package dev.modelstore.fetcher.source.git;

import dev.modelstore.fetcher.IngestFailure;
import dev.modelstore.fetcher.source.SourceCredential;
import java.io.IOException;
import java.util.Map;
import java.util.Optional;
import org.eclipse.jgit.api.FetchCommand;
import org.eclipse.jgit.api.Git;
import org.eclipse.jgit.api.errors.GitAPIException;
import org.eclipse.jgit.lib.ObjectId;
import org.eclipse.jgit.lib.ProgressMonitor;
import org.eclipse.jgit.lib.Ref;
import org.eclipse.jgit.transport.RefSpec;
import org.eclipse.jgit.transport.SshSessionFactory;
import org.eclipse.jgit.transport.SshTransport;
import org.eclipse.jgit.transport.TagOpt;
import org.eclipse.jgit.transport.UsernamePasswordCredentialsProvider;

/** Resolves a ref on the remote and fetches just that commit (shallow where the server allows). */
final class GitFetch {

    private static final String TARGET = "refs/modelstore/target";

    private final Git git;
    private final String remote;
    private final Optional<SourceCredential> credential;
    private final SshSessionFactory ssh;
    private final int timeoutSeconds;

    /** {@code ssh} is the session factory for ssh remotes, null for http(s). */
    private final ProgressMonitor progress;

    GitFetch(Git git, String remote, Optional<SourceCredential> credential, SshSessionFactory ssh, int timeoutSeconds,
            ProgressMonitor progress) {
        this.progress = progress;
        this.git = git;
        this.remote = remote;
        this.credential = credential;
        this.ssh = ssh;
        this.timeoutSeconds = timeoutSeconds;
    }

    /** The commit the ref names (the remote's HEAD when null), with its objects fetched. */
    ObjectId commitFor(String ref) throws GitAPIException, IOException {
        // Listed through the local (empty) repository: the "dumb" HTTP protocol needs one to read refs.
        Map<String, Ref> refs = withAuth(git.lsRemote().setRemote(remote).setTimeout(timeoutSeconds)
                .setHeads(false).setTags(false)).callAsMap();
        String source = sourceRef(ref, refs);
        if (source != null) {
            fetch(new RefSpec("+" + source + ":" + TARGET), 1);
            return resolve(TARGET + "^{commit}", ref);
        }
        if (!ref.matches("[0-9a-fA-F]{4,40}")) {
            throw new IngestFailure("'" + ref + "' is not a branch, tag or commit of " + remote + "; check source_options.ref");
        }
        if (ref.length() == 40) {
            try {
                fetch(new RefSpec(ref + ":" + TARGET), 1);
                ObjectId id = git.getRepository().resolve(ref + "^{commit}");
                if (id != null) {
                    return id;
                }
            } catch (GitAPIException shallowRefused) {
                // the server does not serve commits by id: fetch its branches and tags and look for it
            }
        }
        fetch(new RefSpec("+refs/heads/*:refs/remotes/origin/*"), 0);
        fetch(new RefSpec("+refs/tags/*:refs/tags/*"), 0);
        return resolve(ref + "^{commit}", ref);
    }

    private String sourceRef(String ref, Map<String, Ref> refs) {
        if (ref == null) {
            Ref head = refs.get("HEAD");
            if (head == null) {
                throw new IngestFailure("the repository " + remote + " has no default branch (HEAD); name one in "
                        + "source_options.ref");
            }
            return head.isSymbolic() ? head.getTarget().getName() : "HEAD";
        }
        for (String candidate : new String[] {ref, "refs/heads/" + ref, "refs/tags/" + ref}) {
            if (refs.containsKey(candidate) && candidate.startsWith("refs/")) {
                return candidate;
            }
        }
        return null;
    }

    private void fetch(RefSpec spec, int depth) throws GitAPIException {
        FetchCommand fetch = withAuth(git.fetch().setRemote(remote).setRefSpecs(spec).setTagOpt(TagOpt.NO_TAGS)
                .setTimeout(timeoutSeconds).setProgressMonitor(progress));
        if (depth > 0) {
            fetch.setDepth(depth);
        }
        fetch.call();
    }

    private ObjectId resolve(String revision, String ref) throws IOException {
        ObjectId id = git.getRepository().resolve(revision);
        if (id == null) {
            throw new IngestFailure("'" + ref + "' is not a branch, tag or commit of " + remote + "; check source_options.ref");
        }
        return id;
    }

    private <C extends org.eclipse.jgit.api.TransportCommand<C, ?>> C withAuth(C command) {
        if (ssh != null) {
            command.setTransportConfigCallback(transport -> {
                if (transport instanceof SshTransport sshTransport) {
                    sshTransport.setSshSessionFactory(ssh);
                }
            });
            return command;
        }
        credential.ifPresent(c -> command.setCredentialsProvider(new UsernamePasswordCredentialsProvider(
                c.keyId() == null || c.keyId().isBlank() ? "x-access-token" : c.keyId(), c.secret())));
        return command;
    }
}
