package dev.modelstore.fetcher.network;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

import io.netty.util.concurrent.DefaultEventExecutor;
import io.netty.util.concurrent.Future;
import java.net.InetSocketAddress;
import org.junit.jupiter.api.Test;

/** The Azure SDK's Netty client resolves names only through the guard (never with its own DNS client). */
class GuardedNettyResolverTest {

    @Test
    void forbiddenAddressesNeverReachTheClientAndAllowedOnesDo() throws Exception {
        DefaultEventExecutor executor = new DefaultEventExecutor();
        try {
            var refusing = new GuardedNettyResolver(new GuardedDnsResolver(new AddressGuard(false, false)))
                    .getResolver(executor);
            for (String host : new String[] {"127.0.0.1", "169.254.169.254", "0.0.0.0", "10.0.0.1"}) {
                Future<InetSocketAddress> resolved = refusing.resolve(InetSocketAddress.createUnresolved(host, 443)).await();
                assertTrue(!resolved.isSuccess() && resolved.cause() instanceof GuardedDnsResolver.ForbiddenAddressException,
                        host + ": " + resolved.cause());
            }
            var allowing = new GuardedNettyResolver(new GuardedDnsResolver(new AddressGuard(true, false))).getResolver(executor);
            Future<InetSocketAddress> loopback = allowing.resolve(InetSocketAddress.createUnresolved("127.0.0.1", 10000)).await();
            assertTrue(loopback.isSuccess(), String.valueOf(loopback.cause()));
            assertEquals(10000, loopback.getNow().getPort());
        } finally {
            executor.shutdownGracefully();
        }
    }
}
