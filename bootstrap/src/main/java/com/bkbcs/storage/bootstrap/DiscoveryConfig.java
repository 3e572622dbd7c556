package com.bkbcs.storage.bootstrap;

import com.bkbcs.storage.adapters.zookeeper.ZooKeeperCoordination;

import java.util.Objects;
import java.util.Optional;

/**
 * How an instance makes itself known to the BCS gateway and to the other instances of its
 * deployment: whether it registers among the service's endpoints in ZooKeeper ({@code --register},
 * by default only against an external ZooKeeper, which is the only one a gateway can read), under
 * which znode ({@code --register-path}), with which address and port ({@code --advertise-address},
 * {@code --advertise-port}; found out when absent), and the znode of the election of the instance that
 * runs retention ({@code --leader-path}).
 */
public record DiscoveryConfig(Registration registration, String registerPath, Optional<String> advertiseAddress,
                              Optional<Integer> advertisePort, String leaderPath) {
    /** Where the original BCS services register: {@code /bcs/services/endpoints/<module>}. */
    public static final String REGISTER_PATH = "/bcs/services/endpoints/storage";
    public static final String LEADER_PATH = "/bcs/services/leader/storage";

    /** What {@code --register} says. */
    public enum Registration {
        /** Against an external ZooKeeper ({@code --zk-connect}) only. */
        AUTO,
        ON,
        OFF
    }

    public DiscoveryConfig {
        Objects.requireNonNull(registration, "registration");
        requirePath("--register-path", registerPath);
        Objects.requireNonNull(advertiseAddress, "advertiseAddress");
        advertiseAddress.ifPresent(address -> {
            if (address.isBlank() || address.chars().anyMatch(c -> Character.isWhitespace(c) || Character.isISOControl(c))
                    || address.contains("/")) {
                throw new IllegalArgumentException("--advertise-address must be an IP address or host name, was '"
                        + address + "'");
            }
        });
        Objects.requireNonNull(advertisePort, "advertisePort");
        advertisePort.ifPresent(port -> {
            if (port < 1 || port > 65_535) {
                throw new IllegalArgumentException("--advertise-port must be within 1..65535");
            }
        });
        requirePath("--leader-path", leaderPath);
        if (leaderPath.equals(registerPath) || leaderPath.startsWith(registerPath + "/")) {
            throw new IllegalArgumentException("--leader-path must not be inside --register-path: the gateway would "
                    + "take the election's znodes for endpoints");
        }
    }

    /** Registers against an external ZooKeeper only; found-out address, the API's port. */
    public static DiscoveryConfig defaults() {
        return new DiscoveryConfig(Registration.AUTO, REGISTER_PATH, Optional.empty(), Optional.empty(), LEADER_PATH);
    }

    public DiscoveryConfig withRegistration(Registration value) {
        return new DiscoveryConfig(value, registerPath, advertiseAddress, advertisePort, leaderPath);
    }

    public DiscoveryConfig withAdvertised(String address, int port) {
        return new DiscoveryConfig(registration, registerPath, Optional.of(address), Optional.of(port), leaderPath);
    }

    public DiscoveryConfig withPaths(String register, String leader) {
        return new DiscoveryConfig(registration, register, advertiseAddress, advertisePort, leader);
    }

    /**
     * Whether an instance on {@code config}'s stores registers.
     *
     * @throws IllegalArgumentException for {@code --register on} on the memory stores, which have no ZooKeeper
     */
    boolean registers(ServerConfig config) {
        if (config.store() == ServerConfig.StoreKind.MEMORY) {
            if (registration == Registration.ON) {
                throw new IllegalArgumentException("--register on needs ZooKeeper; --store memory has none");
            }
            return false;
        }
        return registration == Registration.ON || registration == Registration.AUTO && config.zkConnect().isPresent();
    }

    private static void requirePath(String option, String path) {
        try {
            ZooKeeperCoordination.requireValidPath(path);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new IllegalArgumentException(option + ": " + e.getMessage(), e);
        }
    }
}
