package com.bkbcs.storage.adapters.zookeeper;

import com.bkbcs.storage.application.port.out.Leadership;
import org.apache.curator.framework.CuratorFramework;
import org.apache.curator.framework.recipes.leader.LeaderLatch;
import org.apache.curator.framework.recipes.leader.LeaderLatchListener;
import org.apache.curator.framework.recipes.leader.Participant;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * The election of {@link Leadership} in ZooKeeper, with Curator's {@link LeaderLatch}: each instance
 * takes a sequential znode under the latch path, the lowest leads. The latch drops leadership as
 * soon as the connection is suspended (Curator's standard error policy), and the instances left
 * elect another once the dead one's session has timed out. Who leads is looked up every
 * {@link #REFRESH} in the background, so {@link #leader()} never waits on ZooKeeper.
 */
public final class ZooKeeperLeadership implements Leadership, AutoCloseable {
    private static final Logger LOG = LoggerFactory.getLogger(ZooKeeperLeadership.class);
    static final Duration REFRESH = Duration.ofSeconds(2);

    private final LeaderLatch latch;
    private final String self;
    private final ScheduledExecutorService refresher;
    private volatile String leader = "nobody yet";

    private ZooKeeperLeadership(LeaderLatch latch, String self, ScheduledExecutorService refresher) {
        this.latch = latch;
        this.self = self;
        this.refresher = refresher;
    }

    static ZooKeeperLeadership start(CuratorFramework client, String latchPath, String self) {
        ZooKeeperCoordination.requireValidPath(latchPath);
        LeaderLatch latch = new LeaderLatch(client, latchPath, self, LeaderLatch.CloseMode.NOTIFY_LEADER);
        ScheduledExecutorService refresher = Executors.newSingleThreadScheduledExecutor(runnable -> {
            Thread thread = new Thread(runnable, "leader-lookup");
            thread.setDaemon(true);
            return thread;
        });
        ZooKeeperLeadership leadership = new ZooKeeperLeadership(latch, self, refresher);
        latch.addListener(new LeaderLatchListener() {
            @Override
            public void isLeader() {
                LOG.info("this instance ({}) now leads the once-per-deployment jobs (retention) of {}", self, latchPath);
                leadership.refreshSoon();
            }

            @Override
            public void notLeader() {
                LOG.info("this instance ({}) no longer leads the once-per-deployment jobs of {}", self, latchPath);
                leadership.refreshSoon();
            }
        });
        try {
            latch.start();
        } catch (Exception e) {
            refresher.shutdownNow();
            throw new IllegalStateException("cannot start the leader election under " + latchPath, e);
        }
        refresher.scheduleWithFixedDelay(leadership::refresh, 0, REFRESH.toMillis(), TimeUnit.MILLISECONDS);
        return leadership;
    }

    @Override
    public boolean leads() {
        return latch.hasLeadership();
    }

    @Override
    public String leader() {
        return latch.hasLeadership() ? "this instance (" + self + ")" : leader;
    }

    /** A lookup on the refresher thread: the latch's listener runs on Curator's event thread, which must not wait. */
    private void refreshSoon() {
        try {
            refresher.execute(this::refresh);
        } catch (RejectedExecutionException e) {
            // closing: nobody asks any more
        }
    }

    /** Asks ZooKeeper who leads; on the refresher thread, never on a request. */
    private void refresh() {
        if (latch.hasLeadership()) {
            leader = "this instance (" + self + ")";
            return;
        }
        try {
            Participant current = latch.getLeader();
            leader = current.isLeader() ? current.getId() : "nobody yet";
        } catch (Exception e) {
            leader = "nobody known (" + e.getClass().getSimpleName()
                    + (e.getMessage() == null ? "" : ": " + e.getMessage()) + ")";
        }
    }

    /** Leaves the election; a leader hands over at once. */
    @Override
    public void close() {
        try {
            latch.close();
        } catch (IOException | IllegalStateException e) {
            LOG.warn("leaving the leader election failed: {}; ZooKeeper ends it with the session", e.getMessage());
        } finally {
            refresher.shutdownNow();
        }
    }
}
