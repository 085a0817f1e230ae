package dev.modelstore.fetcher.network;

import java.net.Inet4Address;
import java.net.Inet6Address;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Arrays;
import java.util.Optional;

/**
 * Decides which resolved addresses a source may connect to. Link-local, cloud-metadata, "any" and
 * multicast addresses are always refused; loopback and private ranges only when configured. IPv6
 * forms that embed an IPv4 address (mapped, compatible, NAT64) are judged by that address.
 */
public final class AddressGuard {

    private final boolean allowLoopback;
    private final boolean allowPrivate;

    public AddressGuard(boolean allowLoopback, boolean allowPrivate) {
        this.allowLoopback = allowLoopback;
        this.allowPrivate = allowPrivate;
    }

    /** Why the address is refused, or empty when it may be used. */
    public Optional<String> refusal(InetAddress address) {
        InetAddress ip = embeddedIpv4(address).orElse(address);
        byte[] b = ip.getAddress();
        if (ip.isAnyLocalAddress() || ip.isMulticastAddress() || (ip instanceof Inet4Address && (b[0] == 0
                || (b[0] & 0xff) >= 240))) {
            return Optional.of("a reserved address");
        }
        if (ip.isLinkLocalAddress() || isMetadata(ip)) {
            return Optional.of("a link-local or cloud-metadata address, which Modelstore never fetches from");
        }
        if (ip.isLoopbackAddress()) {
            return allowLoopback ? Optional.empty() : Optional.of("a loopback address, which this Modelstore does not allow");
        }
        if (isPrivate(ip)) {
            return allowPrivate ? Optional.empty() : Optional.of("a private network address, which this Modelstore does not allow");
        }
        return Optional.empty();
    }

    private static boolean isMetadata(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            // Alibaba Cloud's metadata service lives outside link-local space; so does Oracle's legacy one.
            return (b[0] & 0xff) == 100 && (b[1] & 0xff) == 100 && (b[2] & 0xff) == 100 && (b[3] & 0xff) == 200
                    || (b[0] & 0xff) == 192 && (b[1] & 0xff) == 0 && (b[2] & 0xff) == 0 && (b[3] & 0xff) == 192;
        }
        // AWS's IPv6 instance metadata endpoint fd00:ec2::254.
        return (b[0] & 0xff) == 0xfd && b[1] == 0 && (b[2] & 0xff) == 0x0e && (b[3] & 0xff) == 0xc2
                && Arrays.equals(Arrays.copyOfRange(b, 4, 14), new byte[10]) && b[14] == 0x02 && (b[15] & 0xff) == 0x54;
    }

    private static boolean isPrivate(InetAddress ip) {
        byte[] b = ip.getAddress();
        if (ip instanceof Inet4Address) {
            return ip.isSiteLocalAddress() || ((b[0] & 0xff) == 100 && (b[1] & 0xc0) == 64)
                    || ((b[0] & 0xff) == 198 && ((b[1] & 0xfe) == 18));
        }
        return (b[0] & 0xfe) == 0xfc || ip.isSiteLocalAddress();
    }

    private static Optional<InetAddress> embeddedIpv4(InetAddress address) {
        if (!(address instanceof Inet6Address v6)) {
            return Optional.empty();
        }
        byte[] b = v6.getAddress();
        boolean mappedOrCompatible = Arrays.equals(Arrays.copyOfRange(b, 0, 10), new byte[10])
                && ((b[10] == 0 && b[11] == 0) || ((b[10] & 0xff) == 0xff && (b[11] & 0xff) == 0xff));
        boolean nat64 = (b[0] & 0xff) == 0x00 && (b[1] & 0xff) == 0x64 && (b[2] & 0xff) == 0xff && (b[3] & 0xff) == 0x9b
                && Arrays.equals(Arrays.copyOfRange(b, 4, 12), new byte[8]);
        boolean unspecifiedOrLoopback = Arrays.equals(Arrays.copyOfRange(b, 0, 15), new byte[15]) && (b[15] & 0xfe) == 0;
        if ((mappedOrCompatible && !unspecifiedOrLoopback) || nat64) {
            try {
                return Optional.of(InetAddress.getByAddress(Arrays.copyOfRange(b, 12, 16)));
            } catch (UnknownHostException e) {
                return Optional.empty();
            }
        }
        return Optional.empty();
    }
}
