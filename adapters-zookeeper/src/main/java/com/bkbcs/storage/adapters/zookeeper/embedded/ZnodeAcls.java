package com.bkbcs.storage.adapters.zookeeper.embedded;

import com.bkbcs.storage.adapters.zookeeper.DigestCredentials;
import org.apache.zookeeper.KeeperException;
import org.apache.zookeeper.Watcher;
import org.apache.zookeeper.ZooKeeper;
import org.apache.zookeeper.data.ACL;

import java.io.IOException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * Gives every znode of a server one ACL, for the embedded ZooKeeper's start: znodes written by an
 * earlier run under other rules are brought under the current ones before the service uses them.
 * ZooKeeper's read-only {@code /zookeeper/config} is left alone.
 *
 * <p>The tree is walked level by level with ZooKeeper's asynchronous calls, a bounded batch in
 * flight at a time, so that the server pipelines the reads and group-commits the ACL changes. For
 * 20,000 znodes (2 busy cores) that took about 1.7 s when every ACL was already right and 4.5 s
 * when every one changed; one synchronous call at a time took 7.6 s and 16 s.
 */
final class ZnodeAcls {
    private static final String CONFIG_NODE = "/zookeeper/config";
    /** Calls in flight at a time: enough to keep the server busy, few enough to bound memory. */
    private static final int BATCH = 1_000;
    private static final Duration BATCH_TIMEOUT = Duration.ofSeconds(60);

    private ZnodeAcls() {
    }

    /**
     * Connects to {@code connectString} as {@code credentials} and sets {@code acl} on every znode
     * whose ACL differs, {@code /} included.
     *
     * @return how many znodes changed
     * @throws IOException when there is no connection within {@code timeout}, or a znode refuses
     *                     these credentials (its ACL names someone else)
     */
    static int apply(String connectString, DigestCredentials credentials, List<ACL> acl, Duration timeout)
            throws IOException, InterruptedException {
        CountDownLatch connected = new CountDownLatch(1);
        ZooKeeper zk = new ZooKeeper(connectString, (int) timeout.toMillis(), event -> {
            if (event.getState() == Watcher.Event.KeeperState.SyncConnected) {
                connected.countDown();
            }
        });
        try {
            zk.addAuthInfo(credentials.scheme(), credentials.authData());
            if (!connected.await(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("no connection to " + connectString + " within " + timeout.toMillis() + " ms");
            }
            return applyToTree(zk, acl);
        } finally {
            zk.close();
        }
    }

    private static int applyToTree(ZooKeeper zk, List<ACL> acl) throws IOException, InterruptedException {
        int changed = 0;
        List<String> level = List.of("/");
        while (!level.isEmpty()) {
            List<String> next = new ArrayList<>();
            for (int from = 0; from < level.size(); from += BATCH) {
                List<String> batch = level.subList(from, Math.min(level.size(), from + BATCH));
                Map<String, List<String>> children = new ConcurrentHashMap<>();
                List<String> differing = new ArrayList<>(read(zk, batch, acl, children));
                for (String path : batch) {
                    for (String child : children.getOrDefault(path, List.of())) {
                        String childPath = path.equals("/") ? "/" + child : path + "/" + child;
                        if (!childPath.equals(CONFIG_NODE)) {
                            next.add(childPath);
                        }
                    }
                }
                changed += write(zk, differing, acl);
            }
            level = next;
        }
        return changed;
    }

    /** Reads the children and the ACL of each path; returns the paths whose ACL differs from {@code acl}. */
    private static List<String> read(ZooKeeper zk, List<String> paths, List<ACL> acl, Map<String, List<String>> children)
            throws IOException, InterruptedException {
        Calls calls = new Calls(2 * paths.size());
        ConcurrentLinkedQueue<String> differing = new ConcurrentLinkedQueue<>();
        for (String path : paths) {
            zk.getChildren(path, false, (rc, p, ctx, names) -> calls.complete(() -> {
                if (calls.succeeded(rc, p, "read the children of")) {
                    children.put(p, names);
                }
            }), null);
            zk.getACL(path, null, (rc, p, ctx, current, stat) -> calls.complete(() -> {
                if (calls.succeeded(rc, p, "read the ACL of") && !current.equals(acl)) {
                    differing.add(p);
                }
            }), null);
        }
        calls.await();
        return List.copyOf(differing);
    }

    private static int write(ZooKeeper zk, List<String> paths, List<ACL> acl) throws IOException, InterruptedException {
        Calls calls = new Calls(paths.size());
        for (String path : paths) {
            zk.setACL(path, acl, -1, (rc, p, ctx, stat) -> calls.complete(() -> calls.succeeded(rc, p, "set the ACL of")), null);
        }
        calls.await();
        return paths.size();
    }

    /** A batch of asynchronous calls: counts them down and keeps the first failure. */
    private static final class Calls {
        private final CountDownLatch pending;
        private volatile IOException failure;

        Calls(int count) {
            pending = new CountDownLatch(count);
        }

        /** Runs what a callback does with its result, then counts the call as done. */
        void complete(Runnable callback) {
            try {
                callback.run();
            } finally {
                pending.countDown();
            }
        }

        /** Whether a call succeeded; keeps the first failure (a znode deleted meanwhile is skipped, not a failure). */
        boolean succeeded(int rc, String path, String what) {
            KeeperException.Code code = KeeperException.Code.get(rc);
            if (code == KeeperException.Code.OK) {
                return true;
            }
            if (code != KeeperException.Code.NONODE && failure == null) {
                failure = code == KeeperException.Code.NOAUTH
                        ? new IOException("znode " + path + " has an ACL that does not let these credentials in: "
                        + "it was not written by this service with its current credentials")
                        : new IOException("cannot " + what + " znode " + path + ": " + KeeperException.create(code).getMessage());
            }
            return false;
        }

        void await() throws IOException, InterruptedException {
            if (!pending.await(BATCH_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
                throw new IOException("ZooKeeper did not answer within " + BATCH_TIMEOUT.toSeconds() + " s");
            }
            if (failure != null) {
                throw failure;
            }
        }
    }
}
