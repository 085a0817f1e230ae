package dev.modelstore.fetcher.network;

import io.netty.resolver.AddressResolver;
import io.netty.resolver.AddressResolverGroup;
import io.netty.resolver.InetNameResolver;
import io.netty.resolver.InetSocketAddressResolver;
import io.netty.util.concurrent.EventExecutor;
import io.netty.util.concurrent.Promise;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.util.Arrays;
import java.util.List;

/**
 * Name resolution for Netty-based clients (the Azure SDK's reactor-netty HTTP client) through the
 * network guard: the client connects only to addresses the guard allowed, resolved once, instead of
 * resolving names itself with its own DNS client (which the JVM-side check would not see).
 */
public final class GuardedNettyResolver extends AddressResolverGroup<InetSocketAddress> {

    private final GuardedDnsResolver resolver;

    public GuardedNettyResolver(GuardedDnsResolver resolver) {
        this.resolver = resolver;
    }

    @Override
    protected AddressResolver<InetSocketAddress> newResolver(EventExecutor executor) {
        return new InetSocketAddressResolver(executor, new InetNameResolver(executor) {
            @Override
            protected void doResolve(String host, Promise<InetAddress> promise) {
                try {
                    promise.setSuccess(resolver.resolve(host)[0]);
                } catch (Exception e) {
                    promise.setFailure(e);
                }
            }

            @Override
            protected void doResolveAll(String host, Promise<List<InetAddress>> promise) {
                try {
                    promise.setSuccess(Arrays.asList(resolver.resolve(host)));
                } catch (Exception e) {
                    promise.setFailure(e);
                }
            }
        });
    }
}
