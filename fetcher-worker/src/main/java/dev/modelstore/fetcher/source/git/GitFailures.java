package dev.modelstore.fetcher.source.git;

import dev.modelstore.fetcher.IngestFailure;
import java.util.Locale;
import org.eclipse.jgit.api.errors.GitAPIException;

/** Turns JGit's errors into reasons a person can act on (never with credentials in them). */
final class GitFailures {

    private GitFailures() {
    }

    static IngestFailure explain(GitAPIException e, org.eclipse.jgit.transport.URIish remote) {
        String message = String.valueOf(e.getMessage());
        for (Throwable t = e.getCause(); t != null; t = t.getCause()) {
            message += " / " + t.getMessage();
        }
        String lower = message.toLowerCase(Locale.ROOT);
        String shown = remote.setPass(null).toString();
        for (Throwable t = e; t != null; t = t.getCause()) {
            if (t instanceof dev.modelstore.fetcher.network.GuardedDnsResolver.ForbiddenAddressException forbidden) {
                return new IngestFailure("refused to connect to the git server: " + forbidden.getMessage(), e);
            }
        }
        if (lower.contains("pkix") || lower.contains("certificate") || lower.contains("sslhandshake")) {
            return new IngestFailure("the git server " + remote.getHost() + " did not present a certificate Modelstore "
                    + "trusts for that host name; it needs a certificate from a CA in the fetcher's trust store", e);
        }
        if (lower.contains("server key did not validate") || lower.contains("host key")) {
            return new IngestFailure("the ssh git server " + remote.getHost() + " presented a host key the fetcher does not "
                    + "know (MODELSTORE_FETCHER_SOURCES_GIT_KNOWN_HOSTS); nothing was fetched. If the server's key changed "
                    + "legitimately, an operator adds the new key to known_hosts", e);
        }
        if (lower.contains("not authorized") || lower.contains("authentication") || lower.contains("auth fail")
                || lower.contains("no more authentication methods") || lower.contains("401")
                || lower.contains("403")) {
            return new IngestFailure("access denied to the git repository " + shown + "; check the project's 'git' "
                    + "credential (a token for https, a private key for ssh) and that it may read the repository", e);
        }
        if (lower.contains("not found") || lower.contains("404") || lower.contains("does not appear to be a git repository")) {
            return new IngestFailure("the git repository " + shown + " does not exist; check the URL", e);
        }
        if (lower.contains("connection refused") || lower.contains("connect timed out") || lower.contains("unknownhost")) {
            return new IngestFailure("could not connect to the git server " + remote.getHost() + "; check the URL and that "
                    + "the server is reachable from Modelstore", e);
        }
        return new IngestFailure("fetching the git repository " + shown + " failed: " + e.getMessage(), e);
    }
}
