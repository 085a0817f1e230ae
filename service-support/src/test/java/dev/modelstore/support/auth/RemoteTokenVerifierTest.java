package dev.modelstore.support.auth;

import static org.junit.jupiter.api.Assertions.assertTrue;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.modelstore.support.internal.InternalCalls;
import java.util.Optional;
import java.util.UUID;
import org.junit.jupiter.api.Test;

/** A flood of made-up tokens cannot grow the token cache of job-runner or storage-service without bound. */
class RemoteTokenVerifierTest {

    @Test
    void unknownTokensAreCachedUpToTheBound() {
        RemoteTokenVerifier verifier = new RemoteTokenVerifier(new InternalCalls(new ObjectMapper(), Optional.empty()),
                Optional.empty(), 100);
        for (int i = 0; i < 1000; i++) {
            assertTrue(verifier.verify("mst_" + UUID.randomUUID()).isEmpty());
        }
        assertTrue(verifier.cached() <= 100, "cached " + verifier.cached());
    }
}
