package com.bkbcs.storage.adapters.zookeeper;

import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.Stat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/** A plain ZooKeeper client, as another component reading watch data would use: no Curator. */
final class PlainZooKeeper implements AutoCloseable {
    final ZooKeeper zk;

    PlainZooKeeper(String connectString) throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        zk = new ZooKeeper(connectString, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        if (!connected.await(20, TimeUnit.SECONDS)) {
            zk.close();
            throw new IllegalStateException("no connection to " + connectString);
        }
    }

    /** The node's value as UTF-8 text, or null when there is no node. */
    String text(String path) throws KeeperException, InterruptedException {
        try {
            return new String(zk.getData(path, false, null), StandardCharsets.UTF_8);
        } catch (KeeperException.NoNodeException e) {
            return null;
        }
    }

    /**
     * Ends a session on the server, as when it expires: a second client attaches to the session
     * (its id and password) and closes it; the session's own client learns of it when it next talks
     * to the server.
     */
    static void expireOnTheServer(String connectString, long session, byte[] password)
            throws IOException, InterruptedException {
        CountDownLatch attached = new CountDownLatch(1);
        ZooKeeper killer = new ZooKeeper(connectString, 30_000, event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                attached.countDown();
            }
        }, session, password);
        if (!attached.await(10, TimeUnit.SECONDS)) {
            killer.close();
            throw new IllegalStateException("could not attach to session " + session);
        }
        killer.close();
    }

    Stat stat(String path) throws KeeperException, InterruptedException {
        return zk.exists(path, false);
    }

    @Override
    public void close() throws InterruptedException {
        zk.close();
    }
}
