package com.bkbcs.storage.bootstrap;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicBoolean;

/**
 * Clients that keep putting numbered resources into a server process and remember which puts were
 * acknowledged (200), for tests that stop or kill the process mid-stream and then check, on a new
 * process, that nothing acknowledged was lost.
 */
final class AcknowledgedWriters implements AutoCloseable {
    private final String cluster;
    private final String padding;
    private final Map<String, Integer> acknowledged = new ConcurrentHashMap<>();
    private final AtomicBoolean stop = new AtomicBoolean();
    private final List<Thread> threads = new ArrayList<>();

    private AcknowledgedWriters(String cluster, String padding) {
        this.cluster = cluster;
        this.padding = padding;
    }

    /** Starts {@code writers} threads putting {@code {"seq": n, "pad": padding}} into {@code cluster}. */
    static AcknowledgedWriters start(Http http, String cluster, int writers, String padding) {
        AcknowledgedWriters started = new AcknowledgedWriters(cluster, padding);
        for (int w = 0; w < writers; w++) {
            int writer = w;
            Thread thread = new Thread(() -> started.write(http, writer));
            thread.start();
            started.threads.add(thread);
        }
        return started;
    }

    /** Waits until at least {@code count} puts were acknowledged, or the timeout passed. */
    void awaitAcknowledged(int count, Duration timeout) throws InterruptedException {
        long deadline = System.nanoTime() + timeout.toNanos();
        while (acknowledged.size() < count && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
    }

    int acknowledgedCount() {
        return acknowledged.size();
    }

    /** Records a put acknowledged outside the writers (a test's own request). */
    void acknowledge(String name, int seq) {
        acknowledged.put(name, seq);
    }

    String path(String name) {
        return "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/default/Pod/" + name;
    }

    /** The acknowledged puts that {@code http} (a new process) does not return with their seq. */
    List<String> missingFrom(Http http) throws InterruptedException {
        List<String> lost = new ArrayList<>();
        for (Map.Entry<String, Integer> write : acknowledged.entrySet()) {
            Http.Reply reply = http.get(path(write.getKey()));
            if (reply.status() != 200 || reply.body().at("/data/data/seq").asInt(Integer.MIN_VALUE) != write.getValue()) {
                lost.add(write.getKey());
            }
        }
        return lost;
    }

    /** Stops the writers and waits for them. */
    @Override
    public void close() throws InterruptedException {
        stop.set(true);
        for (Thread thread : threads) {
            thread.join(30_000);
        }
    }

    private void write(Http http, int writer) {
        for (int seq = 0; !stop.get(); seq++) {
            String name = "w" + writer + "-" + seq;
            try {
                Http.Reply reply = http.put(path(name), "{\"data\":{\"seq\":" + seq + ",\"pad\":\"" + padding + "\"}}");
                if (reply.status() == 200) {
                    acknowledged.put(name, seq);
                }
            } catch (RuntimeException e) {
                return; // refused or reset: the server is gone or stopping, and this put was not acknowledged
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
                return;
            }
        }
    }
}
