package com.bkbcs.storage.adapters.zookeeper;

import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.state.ConnectionState;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Runs ZooKeeper calls within the operation timeout, so a request never hangs on a missing server:
 * <ul>
 *   <li>while not connected, a call waits for the connection, but only until the operation timeout
 *       has passed since the connection was lost: during a blip calls wait and then succeed, during an
 *       outage they fail at once with UNAVAILABLE;</li>
 *   <li>a call that fails because the connection or the session was lost is retried (every call here
 *       is safe to repeat) until its deadline, then fails with UNAVAILABLE;</li>
 *   <li>a request the server does not answer fails after the ZooKeeper client's request timeout,
 *       which the connection sets to the operation timeout.</li>
 * </ul>
 * Curator itself retries nothing (its retry policy would block calls for as long as it allows);
 * reconnecting never stops: the ZooKeeper client keeps trying the servers, and Curator replaces an
 * expired session with a new one.
 */
final class BoundedCalls {
    private static final long RETRY_PAUSE_NANOS = TimeUnit.MILLISECONDS.toNanos(50);
    private static final long POLL_MILLIS = 10;

    /** A call to ZooKeeper. */
    @FunctionalInterface
    interface ZooKeeperCall<T> {
        T call() throws Exception;
    }

    private final CuratorFramework client;
    private final long timeoutNanos;
    /** {@code System.nanoTime()} when the connection was last seen lost; 0 while connected. */
    private final AtomicLong disconnectedSince = new AtomicLong();

    BoundedCalls(CuratorFramework client, Duration operationTimeout) {
        this.client = client;
        this.timeoutNanos = operationTimeout.toNanos();
        disconnectedSince.set(nonZero(System.nanoTime()));
        client.getConnectionStateListenable().addListener((c, state) -> {
            if (state == ConnectionState.CONNECTED || state == ConnectionState.RECONNECTED) {
                disconnectedSince.set(0);
            } else if (state == ConnectionState.SUSPENDED || state == ConnectionState.LOST) {
                disconnectedSince.compareAndSet(0, nonZero(System.nanoTime()));
            }
        });
    }

    boolean isConnected() {
        return client.getZookeeperClient().isConnected();
    }

    <T> T call(String operation, ZooKeeperCall<T> call) {
        long deadline = System.nanoTime() + timeoutNanos;
        while (true) {
            awaitConnection(operation, deadline);
            try {
                return call.call();
            } catch (Exception e) {
                if (!ZooKeeperFailures.isConnectionFailure(e) || System.nanoTime() - deadline >= 0) {
                    throw ZooKeeperFailures.translate(operation, e);
                }
                pause(operation, Math.min(RETRY_PAUSE_NANOS, deadline - System.nanoTime()));
            }
        }
    }

    private void awaitConnection(String operation, long deadline) {
        if (isConnected()) {
            return;
        }
        disconnectedSince.compareAndSet(0, nonZero(System.nanoTime()));
        long since = disconnectedSince.get();
        long waitUntil = since == 0 ? deadline : Math.min(deadline, since + timeoutNanos);
        while (!isConnected()) {
            if (System.nanoTime() - waitUntil >= 0) {
                throw ZooKeeperFailures.unavailable(operation, "not connected");
            }
            pause(operation, TimeUnit.MILLISECONDS.toNanos(POLL_MILLIS));
        }
    }

    private static void pause(String operation, long nanos) {
        if (nanos <= 0) {
            return;
        }
        try {
            TimeUnit.NANOSECONDS.sleep(nanos);
        } catch (InterruptedException e) {
            throw ZooKeeperFailures.translate(operation, e);
        }
    }

    private static long nonZero(long nanos) {
        return nanos == 0 ? 1 : nanos;
    }
}
