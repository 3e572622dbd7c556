package com.bkbcs.storage.bootstrap;

import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.net.SocketException;
import java.net.UnknownHostException;
import java.util.Collections;
import java.util.List;
import java.util.Optional;

/**
 * What an instance says about where it is, when it is not told ({@code --advertise-address}): the
 * address it listens on when {@code --host} names one; otherwise this machine's first IPv4 address
 * that is up, not loopback and not link-local (a pod's IP, say), then any such IPv6 address, then
 * loopback.
 */
final class Advertised {
    private Advertised() {
    }

    static String address(Optional<String> configured, Optional<String> host) {
        if (configured.isPresent()) {
            return configured.get();
        }
        if (host.isPresent() && !isWildcard(host.get())) {
            return host.get();
        }
        List<InetAddress> candidates = interfaceAddresses();
        return candidates.stream().filter(Inet4Address.class::isInstance).findFirst()
                .or(() -> candidates.stream().findFirst())
                .map(InetAddress::getHostAddress)
                .map(Advertised::withoutScope)
                .orElse(InetAddress.getLoopbackAddress().getHostAddress());
    }

    /** The host name, as the system knows it; {@code fallback} when it cannot tell. */
    static String hostname(String fallback) {
        String fromEnvironment = System.getenv("HOSTNAME");
        if (fromEnvironment != null && !fromEnvironment.isBlank()) {
            return fromEnvironment.strip();
        }
        try {
            return InetAddress.getLocalHost().getHostName();
        } catch (UnknownHostException e) {
            return fallback;
        }
    }

    private static boolean isWildcard(String host) {
        return host.equals("0.0.0.0") || host.equals("::") || host.equals("[::]");
    }

    private static List<InetAddress> interfaceAddresses() {
        try {
            return Collections.list(NetworkInterface.getNetworkInterfaces()).stream()
                    .filter(Advertised::isUsable)
                    .flatMap(NetworkInterface::inetAddresses)
                    .filter(address -> !address.isLoopbackAddress() && !address.isLinkLocalAddress()
                            && !address.isAnyLocalAddress())
                    .toList();
        } catch (SocketException e) {
            return List.of();
        }
    }

    private static boolean isUsable(NetworkInterface network) {
        try {
            return network.isUp() && !network.isLoopback();
        } catch (SocketException e) {
            return false;
        }
    }

    private static String withoutScope(String address) {
        int scope = address.indexOf('%');
        return scope < 0 ? address : address.substring(0, scope);
    }
}
