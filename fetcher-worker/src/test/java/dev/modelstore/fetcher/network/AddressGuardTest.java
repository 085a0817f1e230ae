package dev.modelstore.fetcher.network;

import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import java.net.InetAddress;
import java.net.UnknownHostException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class AddressGuardTest {

    private final AddressGuard strict = new AddressGuard(false, false);
    private final AddressGuard permissive = new AddressGuard(true, true);

    @ParameterizedTest
    @ValueSource(strings = {"169.254.169.254", "::ffff:169.254.169.254", "::169.254.169.254", "64:ff9b::a9fe:a9fe",
        "fe80::1", "100.100.100.200", "fd00:ec2::254", "0.0.0.0", "::", "224.0.0.1", "255.255.255.255", "192.0.0.192"})
    void linkLocalMetadataAndReservedAddressesAreAlwaysRefused(String address) throws UnknownHostException {
        assertTrue(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
        assertTrue(permissive.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "127.8.9.10", "::1", "::ffff:127.0.0.1", "10.1.2.3", "172.16.0.5", "192.168.1.1",
        "100.64.0.1", "fc00::1", "fd12:3456::1", "198.18.0.1"})
    void loopbackAndPrivateAddressesOnlyWhenAllowed(String address) throws UnknownHostException {
        assertTrue(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
        assertFalse(permissive.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"8.8.8.8", "1.1.1.1", "2606:4700:4700::1111", "::ffff:8.8.8.8"})
    void publicAddressesAreAllowed(String address) throws UnknownHostException {
        assertFalse(strict.refusal(InetAddress.getByName(address)).isPresent(), address);
    }

    @ParameterizedTest
    @ValueSource(strings = {"127.0.0.1", "localhost", "169.254.169.254"})
    void theResolverRefusesForbiddenAnswers(String host) {
        GuardedDnsResolver resolver = new GuardedDnsResolver(strict);
        org.junit.jupiter.api.Assertions.assertThrows(GuardedDnsResolver.ForbiddenAddressException.class,
                () -> resolver.resolve(host));
    }
}
