package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import org.apache.zookeeper.KeeperException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.util.Set;

/**
 * The port boundary for failures: ZooKeeper and Curator exceptions become {@link StorageException}s
 * with the kind the caller can act on, and are logged here, once. Exceptions that already are
 * {@link StorageException}s pass through untouched.
 */
final class ZooKeeperFailures {
    private static final Logger log = LoggerFactory.getLogger(ZooKeeperFailures.class);

    /** Codes after which the same call may succeed once the connection or the session is back. */
    private static final Set<KeeperException.Code> CONNECTION_CODES = Set.of(
            KeeperException.Code.CONNECTIONLOSS, KeeperException.Code.SESSIONEXPIRED,
            KeeperException.Code.SESSIONMOVED, KeeperException.Code.OPERATIONTIMEOUT,
            KeeperException.Code.REQUESTTIMEOUT);

    /** Codes that say the server cannot serve the request now. */
    private static final Set<KeeperException.Code> UNAVAILABLE_CODES = Set.of(
            KeeperException.Code.NOTREADONLY, KeeperException.Code.THROTTLEDOP, KeeperException.Code.RECONFIGINPROGRESS);

    private ZooKeeperFailures() {
    }

    /** Whether retrying the call once connected again may succeed. */
    static boolean isConnectionFailure(Exception e) {
        return e instanceof KeeperException keeper && CONNECTION_CODES.contains(keeper.code());
    }

    static StorageException translate(String operation, Exception e) {
        if (e instanceof StorageException storage) {
            return storage;
        }
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        ErrorKind kind = kindOf(e);
        String message = "ZooKeeper " + operation + " failed: " + e;
        if (kind == ErrorKind.UNAVAILABLE) {
            log.warn(message);
            return new StorageException(kind, "ZooKeeper is unavailable: " + describe(e), e);
        }
        log.error(message, e);
        return new StorageException(kind, "ZooKeeper failed: " + describe(e), e);
    }

    static StorageException unavailable(String operation, String why) {
        log.warn("ZooKeeper {} failed: {}", operation, why);
        return new StorageException(ErrorKind.UNAVAILABLE, "ZooKeeper is unavailable: " + why);
    }

    static ErrorKind kindOf(Exception e) {
        if (isConnectionFailure(e) || e instanceof InterruptedException) {
            return ErrorKind.UNAVAILABLE;
        }
        if (e instanceof KeeperException keeper && UNAVAILABLE_CODES.contains(keeper.code())) {
            return ErrorKind.UNAVAILABLE;
        }
        if (e instanceof IllegalStateException) {
            // the client was closed under us, as during shutdown
            return ErrorKind.UNAVAILABLE;
        }
        return ErrorKind.INTERNAL;
    }

    private static String describe(Exception e) {
        if (e instanceof KeeperException keeper && (keeper.code() == KeeperException.Code.REQUESTTIMEOUT
                || keeper.code() == KeeperException.Code.OPERATIONTIMEOUT)) {
            return "timed out, no answer in time";
        }
        if (e instanceof KeeperException keeper) {
            return keeper.code().name().toLowerCase(java.util.Locale.ROOT).replace('_', ' ');
        }
        return e.getClass().getSimpleName();
    }
}
