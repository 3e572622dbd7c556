package com.bkbcs.storage.bootstrap;

import java.io.PrintWriter;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The bench's watch phase: {@code watchers} change streams on the bench cluster's pods stay open
 * while {@code clients} put {@code puts} new pods; reports the PUT rate under watch, the changes
 * delivered per second (all watchers together), and the delay from a PUT's acknowledgement (its
 * response received) to the change's arrival on each stream.
 */
final class WatchBench {
    private static final Pattern NAME = Pattern.compile("\"resourceName\":\"(watch-\\d+)\"");

    private final HttpClient client;
    private final String base;
    private final String cluster;
    private final int watchers;
    private final int clients;
    private final int puts;

    WatchBench(HttpClient client, String base, String cluster, int watchers, int clients, int puts) {
        this.client = client;
        this.base = base;
        this.cluster = cluster;
        this.watchers = watchers;
        this.clients = clients;
        this.puts = puts;
    }

    void run(BenchReport report, PrintWriter err) throws Exception {
        List<ConcurrentHashMap<String, Long>> received = new ArrayList<>();
        List<CompletableFuture<HttpResponse<Stream<String>>>> streams = new ArrayList<>();
        ExecutorService readers = Executors.newFixedThreadPool(Math.max(1, watchers));
        URI watch = URI.create(base + "/bcsstorage/v1/k8s/dynamic/watch/clusters/" + cluster + "/Pod?timeoutSeconds=900");
        try {
            for (int w = 0; w < watchers; w++) {
                ConcurrentHashMap<String, Long> arrivals = new ConcurrentHashMap<>();
                received.add(arrivals);
                CompletableFuture<HttpResponse<Stream<String>>> response = client.sendAsync(
                        HttpRequest.newBuilder(watch).GET().build(), HttpResponse.BodyHandlers.ofLines());
                streams.add(response);
                HttpResponse<Stream<String>> opened = response.get(10, TimeUnit.SECONDS);
                if (opened.statusCode() != 200) {
                    err.println("watch phase skipped: the watch route answered " + opened.statusCode());
                    opened.body().close();
                    return;
                }
                readers.submit(() -> {
                    try (Stream<String> lines = opened.body()) {
                        lines.forEach(line -> {
                            long now = System.nanoTime();
                            Matcher name = NAME.matcher(line);
                            if (name.find()) {
                                arrivals.putIfAbsent(name.group(1), now);
                            }
                        });
                    }
                    return null;
                });
            }
            long[] acked = new long[puts];
            long[] latencies = new long[puts];
            AtomicInteger next = new AtomicInteger();
            AtomicInteger errors = new AtomicInteger();
            ExecutorService writers = Executors.newFixedThreadPool(clients);
            String dynamic = base + "/bcsstorage/v1/k8s/dynamic/namespace_resources/clusters/" + cluster + "/namespaces/";
            long start = System.nanoTime();
            try {
                List<Future<?>> work = new ArrayList<>();
                for (int c = 0; c < clients; c++) {
                    work.add(writers.submit(() -> {
                        for (int i = next.getAndIncrement(); i < puts; i = next.getAndIncrement()) {
                            String body = watchPod(i);
                            long t0 = System.nanoTime();
                            HttpResponse<Void> response = client.send(HttpRequest.newBuilder(
                                            URI.create(dynamic + "ns-" + (i % 10) + "/Pod/watch-" + i)).timeout(Duration.ofSeconds(30))
                                    .header("Content-Type", "application/json").PUT(HttpRequest.BodyPublishers.ofString(body)).build(),
                                    HttpResponse.BodyHandlers.discarding());
                            acked[i] = System.nanoTime();
                            latencies[i] = acked[i] - t0;
                            if (response.statusCode() != 200) {
                                errors.incrementAndGet();
                            }
                        }
                        return null;
                    }));
                }
                for (Future<?> future : work) {
                    future.get();
                }
            } finally {
                writers.shutdownNow();
            }
            double putSeconds = (System.nanoTime() - start) / 1e9;
            long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (System.nanoTime() < deadline && received.stream().anyMatch(arrivals -> arrivals.size() < puts)) {
                Thread.sleep(20);
            }
            long[] delays = new long[puts * Math.max(1, watchers)];
            int delivered = 0;
            int beforeAck = 0;
            long lastArrival = start;
            for (ConcurrentHashMap<String, Long> arrivals : received) {
                for (int i = 0; i < puts; i++) {
                    Long at = arrivals.get("watch-" + i);
                    if (at != null) {
                        long delay = at - acked[i];
                        if (delay < 0) {
                            beforeAck++;
                        }
                        delays[delivered++] = Math.max(0, delay);
                        lastArrival = Math.max(lastArrival, at);
                    }
                }
            }
            report.add(BenchReport.Phase.of("put pod while " + watchers + " watch", latencies, putSeconds, errors.get()));
            long[] sorted = Arrays.copyOf(delays, delivered);
            Arrays.sort(sorted);
            int expected = puts * watchers;
            BenchReport.Phase delivery = BenchReport.Phase.of("watch: write acked -> delivered", sorted,
                    Math.max(1e-9, (lastArrival - start) / 1e9), expected - delivered);
            report.add(delivery.with("changesExpected", expected));
            if (beforeAck > 0) {
                err.println(beforeAck + " changes arrived before their PUT's response did (counted as 0 ms)");
            }
        } finally {
            for (CompletableFuture<HttpResponse<Stream<String>>> stream : streams) {
                stream.thenAccept(response -> response.body().close());
                stream.cancel(true);
            }
            readers.shutdownNow();
        }
    }

    /** The pod of the watch phase: the bench's pod {@code i}, named {@code watch-i}. */
    static String watchPod(int i) {
        return BenchCommand.pod(i).replace("\"name\":\"pod-" + i + "\"", "\"name\":\"watch-" + i + "\"");
    }
}
