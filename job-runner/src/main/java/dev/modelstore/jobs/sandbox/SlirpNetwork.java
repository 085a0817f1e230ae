package dev.modelstore.jobs.sandbox;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * Outbound network for sandboxed workers ({@code network=slirp4netns}): the worker's network
 * namespace is made by {@code unshare} (as the worker's uid), slirp4netns gives it a user-mode
 * TCP/IP stack with {@code --disable-host-loopback} (10.0.2.2 and the host's 127.0.0.0/8 are
 * refused), then bwrap starts inside that namespace. The command only starts once the network is up;
 * when it cannot be set up the worker ends without running.
 */
final class SlirpNetwork {

    private SlirpNetwork() {
    }

    /** The resolver a worker uses: slirp4netns's own DNS forwarder. */
    static final String RESOLV_CONF = "nameserver 10.0.2.3\n";

    static String runLines(List<String> prefix, Path unshare, Path slirp, List<String> asWorker, List<String> bwrap) {
        List<String> inNamespace = new ArrayList<>(prefix);
        inNamespace.addAll(List.of(unshare.toString(), "--user", "--net", "--map-current-user", "/bin/sh", "-c",
                "read go <&7; exec \"$@\" 7<&-", "sh"));
        inNamespace.addAll(bwrap);
        List<String> network = new ArrayList<>(asWorker);
        network.addAll(List.of(slirp.toString(), "--configure", "--mtu=65520", "--disable-host-loopback",
                "--enable-seccomp", "--ready-fd=8"));
        return String.join("\n",
                "rm -f netns.go slirp.ready && mkfifo -m 600 netns.go && exec 7<>netns.go",
                ShellWords.join(inNamespace) + " 3< sandbox.args &",
                "sandbox=$!",
                "i=0; while [ \"$(readlink /proc/$sandbox/ns/net 2>/dev/null)\" = \"$(readlink /proc/$$/ns/net)\" ] "
                        + "&& [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done",
                ShellWords.join(network) + " \"$sandbox\" tap0 8> slirp.ready > slirp.log 2>&1 7<&- &",
                "slirp=$!",
                "i=0; while [ ! -s slirp.ready ] && kill -0 $slirp 2>/dev/null && [ $i -lt 400 ]; do sleep 0.05; i=$((i+1)); done",
                "if [ -s slirp.ready ]; then echo go >&7; else echo \"[modelstore] the worker's network could not be set up: "
                        + "$(tail -c 300 slirp.log)\"; kill -9 $sandbox 2>/dev/null; fi",
                "exec 7>&-",
                "wait $sandbox; code=$?",
                "kill $slirp 2>/dev/null; wait $slirp 2>/dev/null",
                "(exit $code)") + "\n";
    }
}
