package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.ops.StreamMetrics;
import com.bkbcs.storage.domain.ResourceKey;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.io.InputStream;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/** Change streams over HTTP (contract section 12) against a real server. */
class ChangeStreamRoutesTest extends DynamicApiFixture {

    static Stream<String> prefixes() {
        return RouteRegistry.PREFIXES.stream();
    }

    String watchPath(String base, String type) {
        return base + "/dynamic/watch/clusters/" + cluster + "/" + type;
    }

    WatchStream watch(String pathAndQuery) {
        WatchStream stream = WatchStream.get(server.port(), pathAndQuery);
        assertThat(stream.status).as("status of the watch %s", pathAndQuery).isEqualTo(200);
        assertThat(stream.contentType).isEqualTo("application/x-ndjson");
        return stream;
    }

    /** The envelope's revision of a list of Pods in the cluster. */
    long listRevision(String base) {
        Http.Reply list = http.get(allPath(base, "Pod"));
        assertThat(list.status()).isEqualTo(200);
        assertThat(list.json().path("revision").isIntegralNumber()).as(list.body()).isTrue();
        return list.json().path("revision").asLong();
    }

    static double counter(String name) {
        return meters.find(name).counter() == null ? 0 : meters.find(name).counter().count();
    }

    @ParameterizedTest
    @MethodSource("bases")
    void aWatchSendsAddedModifiedAndDeletedAsTheyHappenWhileTheStreamStaysOpen(String base) throws Exception {
        String one = nsPath(base, "ns", "Pod") + "/web-0";
        double delivered = counter(StreamMetrics.CHANGES);
        try (WatchStream stream = watch(watchPath(base, "Pod"))) {
            assertSuccess(http.put(one, "{\"data\": {\"status\": {\"phase\": \"Pending\"}}}"));
            JsonNode added = stream.nextEvent();
            assertThat(added.path("type").asText()).isEqualTo("ADDED");
            assertThat(added.path("object")).isEqualTo(http.get(one).json().path("data"));

            assertSuccess(http.put(one, "{\"data\": {\"status\": {\"phase\": \"Running\"}}}"));
            JsonNode modified = stream.nextEvent();
            assertThat(modified.path("type").asText()).isEqualTo("MODIFIED");
            JsonNode lastState = http.get(one).json().path("data");
            assertThat(modified.path("object")).isEqualTo(lastState);
            assertThat(modified.path("object").path("updateTime").asText()).matches(TIME_FORMAT);

            assertSuccess(http.delete(one));
            JsonNode deleted = stream.nextEvent();
            assertThat(deleted.path("type").asText()).isEqualTo("DELETED");
            assertThat(deleted.path("object").path("data")).isEqualTo(lastState.path("data"));
            assertThat(deleted.path("object").path("_id").asText()).isEqualTo(cluster + "/ns/Pod/web-0");

            assertThat(List.of(added, modified, deleted)).extracting(e -> e.path("revision").asLong())
                    .isSorted().doesNotHaveDuplicates();
            assertThat(modified.path("revision").asLong()).isEqualTo(lastState.path("revision").asLong());
            assertThat(added.fieldNames()).toIterable().containsExactly("type", "revision", "object");
        }
        long deadline = System.nanoTime() + WatchStream.GENEROUS.toNanos();
        while (counter(StreamMetrics.CHANGES) < delivered + 3 && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        assertThat(counter(StreamMetrics.CHANGES)).isGreaterThanOrEqualTo(delivered + 3);
        assertThat(meters.find(StreamMetrics.LAG).gauge().value()).isGreaterThanOrEqualTo(0);
    }

    @Test
    void filtersAndFieldApplyToEveryObject() throws Exception {
        String base = "/bcsapi/v4/storage/k8s";
        String labels = Http.encode("app in (web)");
        try (WatchStream stream = watch(watchPath(base, "Pod") + "?namespace=ns1&data.status.phase=Running&labelSelector="
                + labels + "&field=resourceName,data.status")) {
            http.put(nsPath(base, "ns2", "Pod") + "/other-ns", """
                    {"data": {"metadata": {"labels": {"app": "web"}}, "status": {"phase": "Running"}}}""");
            http.put(nsPath(base, "ns1", "Pod") + "/pending", """
                    {"data": {"metadata": {"labels": {"app": "web"}}, "status": {"phase": "Pending"}}}""");
            http.put(nsPath(base, "ns1", "Pod") + "/db", """
                    {"data": {"metadata": {"labels": {"app": "db"}}, "status": {"phase": "Running"}}}""");
            http.put(nsPath(base, "ns1", "Service") + "/svc", """
                    {"data": {"metadata": {"labels": {"app": "web"}}, "status": {"phase": "Running"}}}""");
            http.put(nsPath(base, "ns1", "Pod") + "/match", """
                    {"data": {"metadata": {"labels": {"app": "web"}}, "status": {"phase": "Running"}}}""");
            JsonNode event = stream.nextEvent();
            assertThat(event.path("type").asText()).isEqualTo("ADDED");
            assertThat(event.path("object")).isEqualTo(Http.json("""
                    {"resourceName": "match", "data": {"status": {"phase": "Running"}}}"""));
        }
        try (WatchStream stream = watch(watchPath(base, "Pod") + "?extra=" + Http.extra("{\"resourceName\": \"second\"}"))) {
            http.put(nsPath(base, "ns1", "Pod") + "/first", "{\"data\": 1}");
            http.put(clusterPath(base, "Pod") + "/second", "{\"data\": 2}");
            JsonNode event = stream.nextEvent();
            assertThat(event.path("object").path("resourceName").asText()).isEqualTo("second");
            assertThat(event.path("object").has("namespace")).isFalse();
        }
    }

    @ParameterizedTest
    @MethodSource("bases")
    void aWatchFromAListsRevisionSeesEveryWriteMadeAfterTheList(String base) throws Exception {
        seed("ns", "Pod", "before", "{}");
        Http.Reply list = http.get(allPath(base, "Pod"));
        long revision = list.json().path("revision").asLong();
        assertThat(names(list)).containsExactly("before");

        assertSuccess(http.put(nsPath(base, "ns", "Pod") + "/after", "{\"data\": {}}"));
        assertSuccess(http.delete(nsPath(base, "ns", "Pod") + "/before"));
        try (WatchStream stream = watch(watchPath(base, "Pod") + "?since=" + revision)) {
            // the list may already hold a change the revision does not cover yet: it comes again, never one less
            List<JsonNode> events = new ArrayList<>();
            do {
                events.add(stream.nextEvent());
            } while (!events.get(events.size() - 1).path("type").asText().equals("DELETED"));
            assertThat(events).extracting(e -> e.path("revision").asLong()).isSorted().doesNotHaveDuplicates()
                    .allSatisfy(r -> assertThat(r).isGreaterThan(revision));
            assertThat(events.subList(events.size() - 2, events.size()))
                    .extracting(e -> e.path("type").asText() + " " + e.path("object").path("resourceName").asText())
                    .containsExactly("ADDED after", "DELETED before");
        }
    }

    @Test
    void aSinceOutsideTheHistoryIs410WithTheEnvelopeAndChangesNothing() throws Exception {
        String base = "/bcsstorage/v1/k8s";
        ResourceKey kept = seed("ns", "Pod", "kept", "{\"v\": 1}");
        long revision = listRevision(base);
        store.trim(Instant.now().plusSeconds(3600));
        Snapshot before = snapshot(kept);
        try (WatchStream gone = WatchStream.get(server.port(), watchPath(base, "Pod") + "?since=0")) {
            assertThat(gone.status).isEqualTo(410);
            Http.Reply reply = gone.reply();
            assertFailureStartingWith(reply, 410, 10006, "List resource failed: revision 0 is older than the history kept",
                    true);
            assertThat(reply.json().path("message").asText()).contains("the oldest revision a watch can start from is ");
        }
        try (WatchStream ahead = WatchStream.get(server.port(), watchPath(base, "Pod") + "?since=" + (revision + 1_000_000))) {
            assertThat(ahead.status).isEqualTo(410);
            assertFailureStartingWith(ahead.reply(), 410, 10006, "List resource failed: revision " + (revision + 1_000_000)
                    + " is ahead of this store", true);
        }
        assertThat(snapshot(kept)).isEqualTo(before);
        // the history from the store's latest revision on is whole: a watch from there works
        try (WatchStream stream = watch(watchPath(base, "Pod") + "?since=" + store.history().latest())) {
            http.put(nsPath(base, "ns", "Pod") + "/kept", "{\"data\": {\"v\": 2}}");
            assertThat(stream.nextEvent().path("type").asText()).isEqualTo("MODIFIED");
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"since=-1", "since=abc", "since=1.5", "since=99999999999999999999", "timeoutSeconds=0",
            "timeoutSeconds=abc", "timeoutSeconds=-5", "timeoutSeconds=3601", "lableSelector=app%3Dweb", "offset=1",
            "limit=5", "data.%24ne=1"})
    void badParametersAre400WithTheEnvelopeBeforeAnyStream(String query) throws Exception {
        ResourceKey kept = seed("ns", "Pod", "kept", "{\"v\": 1}");
        Snapshot before = snapshot(kept);
        try (WatchStream bad = WatchStream.get(server.port(), watchPath("/bcsstorage/v1/mesos", "Pod") + "?" + query)) {
            assertThat(bad.status).isEqualTo(400);
            assertFailureStartingWith(bad.reply(), 400, 10006, "List resource failed: ", true);
        }
        assertThat(snapshot(kept)).isEqualTo(before);
    }

    @Test
    void badParameterMessagesNameTheRange() throws Exception {
        try (WatchStream bad = WatchStream.get(server.port(), watchPath("/bcsstorage/v1/k8s", "Pod") + "?timeoutSeconds=0")) {
            assertFailure(bad.reply(), 400, 10006,
                    "List resource failed: timeoutSeconds must be a whole number from 1 to 3600: 0", true);
        }
        try (WatchStream bad = WatchStream.get(server.port(), watchPath("/bcsstorage/v1/k8s", "Pod") + "?since=-1")) {
            assertFailure(bad.reply(), 400, 10006,
                    "List resource failed: since must be a whole number from 0 to 9223372036854775807: -1", true);
        }
    }

    @Test
    void timeoutSecondsEndsTheStream() throws Exception {
        long started = System.nanoTime();
        try (WatchStream stream = watch(watchPath("/bcsstorage/v1/k8s", "Pod") + "?timeoutSeconds=1")) {
            List<JsonNode> lines = stream.rest(WatchStream.GENEROUS);
            assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(900));
            assertThat(lines).allSatisfy(line -> assertThat(line.path("type").asText()).isEqualTo("BOOKMARK"));
        }
    }

    @Test
    void aStreamOpensWithABookmarkOfTheRevisionItStartsAfter() throws Exception {
        long latest = store.history().latest();
        try (WatchStream stream = watch(watchPath("/bcsstorage/v1/k8s", "Pod"))) {
            JsonNode first = stream.next();
            assertThat(first.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(first.path("revision").asLong()).isGreaterThanOrEqualTo(latest);
        }
    }

    @Test
    void anIdleStreamSendsBookmarksThatFollowTheRevisions() throws Exception {
        String base = "/bcsstorage/v1/k8s";
        long revision = listRevision(base);
        try (WatchStream stream = watch(watchPath(base, "Pod") + "?since=" + revision)) {
            JsonNode first = stream.next();
            JsonNode second = stream.next();
            assertThat(List.of(first, second)).allSatisfy(line -> {
                assertThat(line.path("type").asText()).isEqualTo("BOOKMARK");
                assertThat(line.path("revision").asLong()).isGreaterThanOrEqualTo(revision);
                assertThat(line.size()).isEqualTo(2);
            });
            http.put(nsPath(base, "ns", "Pod") + "/p", "{\"data\": {}}");
            long written = stream.nextEvent().path("revision").asLong();
            JsonNode after = stream.next();
            assertThat(after.path("type").asText()).isEqualTo("BOOKMARK");
            assertThat(after.path("revision").asLong()).isGreaterThanOrEqualTo(written);
        }
    }

    @Test
    void headAnswersWithTheStreamsHeadersAndNoStream() {
        Http.Reply head = http.send("HEAD", watchPath("/bcsstorage/v1/k8s", "Pod"), (String) null);
        assertThat(head.status()).isEqualTo(200);
        assertThat(head.contentType()).isEqualTo("application/x-ndjson");
        assertThat(head.body()).isEmpty();
    }

    @Test
    void aReaderThatStopsReadingIsDisconnectedAndCounted() throws Exception {
        String base = "/bcsstorage/v1/k8s";
        double slow = counter(StreamMetrics.SLOW_READERS);
        String big = "{\"data\": {\"blob\": \"" + "x".repeat(1024 * 1024) + "\"}}";
        try (Socket socket = new Socket()) {
            socket.setReceiveBufferSize(4096);
            socket.connect(new java.net.InetSocketAddress("127.0.0.1", server.port()));
            socket.getOutputStream().write(("GET " + watchPath(base, "Pod") + " HTTP/1.1\r\nHost: x\r\n\r\n")
                    .getBytes(StandardCharsets.ISO_8859_1));
            socket.getOutputStream().flush();
            // the client reads nothing; each PUT is one large event the server must write
            long deadline = System.nanoTime() + Duration.ofSeconds(60).toNanos();
            int puts = 0;
            while (counter(StreamMetrics.SLOW_READERS) == slow && System.nanoTime() < deadline) {
                assertSuccess(http.put(nsPath(base, "ns", "Pod") + "/big-" + (puts++ % 4), big));
            }
            assertThat(counter(StreamMetrics.SLOW_READERS)).as("after %s writes", puts).isEqualTo(slow + 1);
            // what the kernel buffered is still there, then the connection ends
            InputStream in = socket.getInputStream();
            socket.setSoTimeout(10_000);
            assertThat(drain(in)).isTrue();
        }
        awaitOpenStreams(0);
    }

    /** Reads until the end of the stream or a reset; false when the read times out instead. */
    private static boolean drain(InputStream in) {
        byte[] buffer = new byte[64 * 1024];
        try {
            while (in.read(buffer) >= 0) {
                // discard
            }
            return true;
        } catch (java.net.SocketTimeoutException e) {
            return false;
        } catch (IOException reset) {
            return true;
        }
    }

    private static void awaitOpenStreams(double expected) throws InterruptedException {
        long deadline = System.nanoTime() + WatchStream.GENEROUS.toNanos();
        while (meters.find(StreamMetrics.STREAMS).gauge().value() != expected && System.nanoTime() < deadline) {
            Thread.sleep(20);
        }
        assertThat(meters.find(StreamMetrics.STREAMS).gauge().value()).isEqualTo(expected);
    }

    @Test
    void theOpenStreamsGaugeCountsOpenStreams() throws Exception {
        awaitOpenStreams(0);
        try (WatchStream one = watch(watchPath("/bcsstorage/v1/k8s", "Pod"));
             WatchStream two = watch(watchPath("/bcsstorage/v1/k8s", "Node"))) {
            awaitOpenStreams(2);
        }
        awaitOpenStreams(0);
    }

    // --- the later original's routes

    String compatPath(String prefix, String type) {
        return prefix + "/dynamic/watch/" + cluster + "/" + type;
    }

    WatchStream compat(String path, String body) {
        WatchStream stream = WatchStream.post(server.port(), path, body);
        assertThat(stream.status).as("status of the watch %s", path).isEqualTo(200);
        return stream;
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void compatibilityWatchSendsConcatenatedEventsUntilMaxEvents(String prefix) throws Exception {
        String one = nsPath(prefix + "/k8s", "ns", "Pod") + "/web-0";
        try (WatchStream stream = compat(compatPath(prefix, "Pod"), "{\"maxEvents\": 3, \"selfOnly\": true}")) {
            http.put(nsPath(prefix + "/k8s", "ns", "Service") + "/other-type", "{\"data\": 0}");
            http.put(one, "{\"data\": {\"v\": 1}}");
            http.put(one, "{\"data\": {\"v\": 2}}");
            JsonNode last = http.get(one).json().path("data");
            http.delete(one);
            http.put(one, "{\"data\": {\"v\": 3}}");
            List<JsonNode> events = stream.rest(WatchStream.GENEROUS);
            assertThat(events).extracting(e -> e.path("type").asInt()).containsExactly(1, 3, 2, -1);
            assertThat(events.get(0).path("value").path("data")).isEqualTo(Http.json("{\"v\": 1}"));
            assertThat(events.get(1).path("value")).isEqualTo(last);
            // the last document, under the revision of its deletion
            JsonNode deletedWithoutRevision = ((ObjectNode) events.get(2).path("value").deepCopy()).without("revision");
            JsonNode lastWithoutRevision = ((ObjectNode) last.deepCopy()).without("revision");
            assertThat(deletedWithoutRevision).isEqualTo(lastWithoutRevision);
            assertThat(events.get(2).path("value").path("revision").asLong())
                    .isGreaterThan(last.path("revision").asLong());
            assertThat(events.get(3)).isEqualTo(Http.json("{\"type\": -1, \"value\": null}"));
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"timeout\": 300000000}", "{\"timeout\": 3e8, \"maxEvents\": 0, \"mustDiff\": \"\"}"})
    void compatibilityWatchEndsWithTheEndMarkerAtItsTimeout(String body) throws Exception {
        long started = System.nanoTime();
        try (WatchStream stream = compat(compatPath("/bcsstorage/v1", "Pod"), body)) {
            assertThat(stream.rest(WatchStream.GENEROUS)).containsExactly(Http.json("{\"type\": -1, \"value\": null}"));
        }
        assertThat(Duration.ofNanos(System.nanoTime() - started)).isGreaterThanOrEqualTo(Duration.ofMillis(250));
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "{}"})
    void compatibilityWatchTakesAnEmptyBody(String body) throws Exception {
        try (WatchStream stream = compat(compatPath("/bcsapi/v4/storage", "Pod"), body)) {
            http.put(clusterPath("/bcsapi/v4/storage/k8s", "Pod") + "/p", "{\"data\": {}}");
            assertThat(stream.next().path("type").asInt()).isEqualTo(1);
        }
    }

    @ParameterizedTest
    @ValueSource(strings = {"{\"maxEvents\": -1}", "{\"maxEvents\": 1.5}", "{\"timeout\": \"10s\"}", "{\"selfOnly\": \"yes\"}",
            "{\"mustDiff\": 3}", "{\"mustDiff\": \"data.$ne\"}", "{\"bogus\": 1}", "[]", "{"})
    void compatibilityWatchRefusesBadBodiesWith400(String body) throws Exception {
        ResourceKey kept = seed("ns", "Pod", "kept", "{}");
        Snapshot before = snapshot(kept);
        try (WatchStream bad = WatchStream.post(server.port(), compatPath("/bcsstorage/v1", "Pod"), body)) {
            assertThat(bad.status).isEqualTo(400);
            assertFailureStartingWith(bad.reply(), 400, 10006, "List resource failed: ", true);
        }
        assertThat(snapshot(kept)).isEqualTo(before);
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void containersArePodsInAClusterWithoutTaskGroups(String prefix) throws Exception {
        try (WatchStream stream = compat(prefix + "/dynamic/watch/containers/" + cluster, "{\"maxEvents\": 1}")) {
            http.put(nsPath(prefix + "/mesos", "ns", "taskgroup") + "/tg", "{\"data\": {}}");
            http.put(nsPath(prefix + "/mesos", "ns", "Pod") + "/pod", "{\"data\": {}}");
            List<JsonNode> events = stream.rest(WatchStream.GENEROUS);
            assertThat(events.get(0).path("value").path("resourceType").asText()).isEqualTo("Pod");
            assertThat(events).hasSize(2);
        }
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void containersAreTaskGroupsInAClusterThatHasAny(String prefix) throws Exception {
        seed("ns", "taskgroup", "existing", "{}");
        try (WatchStream stream = compat(prefix + "/dynamic/watch/containers/" + cluster, "{\"maxEvents\": 1}")) {
            http.put(nsPath(prefix + "/mesos", "ns", "Pod") + "/pod", "{\"data\": {}}");
            http.put(nsPath(prefix + "/mesos", "ns", "taskgroup") + "/tg", "{\"data\": {}}");
            List<JsonNode> events = stream.rest(WatchStream.GENEROUS);
            assertThat(events.get(0).path("value").path("resourceType").asText()).isEqualTo("taskgroup");
            assertThat(events.get(0).path("value").path("resourceName").asText()).isEqualTo("tg");
        }
    }

    @Test
    void mustDiffLeavesOutUpdatesThatDoNotChangeTheValueAtItsPath() throws Exception {
        String base = "/bcsstorage/v1/k8s";
        String a = nsPath(base, "ns", "Pod") + "/a";
        String b = nsPath(base, "ns", "Pod") + "/b";
        seed("ns", "Pod", "b", "{\"status\": {\"phase\": \"Running\"}}");
        try (WatchStream stream = compat(compatPath("/bcsstorage/v1", "Pod"),
                "{\"mustDiff\": \"data.status.phase\", \"maxEvents\": 4}")) {
            http.put(a, "{\"data\": {\"status\": {\"phase\": \"Running\", \"n\": 1}}}");
            http.put(a, "{\"data\": {\"status\": {\"phase\": \"Running\", \"n\": 2}}}");
            http.put(b, "{\"data\": {\"status\": {\"phase\": \"Running\", \"n\": 2}}}");
            http.put(b, "{\"data\": {\"status\": {\"phase\": \"Running\", \"n\": 3}}}");
            http.put(a, "{\"data\": {\"status\": {\"phase\": \"Failed\", \"n\": 3}}}");
            http.delete(a);
            List<JsonNode> events = stream.rest(WatchStream.GENEROUS);
            List<String> seen = new ArrayList<>();
            events.forEach(e -> seen.add(e.path("type").asInt() + ":" + e.path("value").path("resourceName").asText("")
                    + ":" + e.path("value").path("data").path("status").path("n").asText("")));
            // b's first update is sent (this stream had not seen b), its second is not; a's n=2 update is not
            assertThat(seen).containsExactly("1:a:1", "3:b:2", "3:a:3", "2:a:3", "-1::");
        }
    }

    @Test
    void listEnvelopesCarryTheRevisionAndItMovesWithWrites() throws Exception {
        String base = "/bcsstorage/v1/k8s";
        long first = listRevision(base);
        assertSuccess(http.put(nsPath(base, "ns", "Pod") + "/p", "{\"data\": {}}"));
        long deadline = System.nanoTime() + WatchStream.GENEROUS.toNanos();
        while (listRevision(base) == first && System.nanoTime() < deadline) {
            Thread.sleep(10);
        }
        Http.Reply list = http.get(nsPath(base, "ns", "Pod"));
        assertThat(list.json().path("revision").asLong()).isGreaterThan(first);
        assertThat(list.json().fieldNames()).toIterable().containsExactly("result", "code", "message", "data", "revision");
        assertThat(http.get(clusterPath(base, "Pod")).json().path("revision").isIntegralNumber()).isTrue();
    }
}
