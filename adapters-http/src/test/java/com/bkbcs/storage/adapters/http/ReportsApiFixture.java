package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.adapters.http.host.HostRoutes;
import com.bkbcs.storage.adapters.http.journal.AlarmRoutes;
import com.bkbcs.storage.adapters.http.journal.EventRoutes;
import com.bkbcs.storage.adapters.http.metric.MetricRoutes;
import com.bkbcs.storage.adapters.memory.InMemoryHostStore;
import com.bkbcs.storage.adapters.memory.InMemoryJournal;
import com.bkbcs.storage.adapters.memory.InMemoryMetricStore;
import com.bkbcs.storage.application.service.AlarmService;
import com.bkbcs.storage.application.service.EventService;
import com.bkbcs.storage.application.service.HostService;
import com.bkbcs.storage.application.service.MetricService;
import com.bkbcs.storage.domain.journal.JournalKind;
import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * A real server on a free port with the event, alarm, metric and host routes over in-memory stores
 * and a hand-moved clock; one per test class. Each test works in clusters of its own.
 */
abstract class ReportsApiFixture {
    static final Instant T0 = Instant.parse("2018-03-14T10:01:38.892Z");
    static final String T0_TEXT = "2018-03-14T10:01:38.892Z";
    static final List<String> PREFIXES = RouteRegistry.PREFIXES;
    private static final AtomicInteger CLUSTERS = new AtomicInteger();

    static InMemoryJournal events;
    static InMemoryJournal alarms;
    static InMemoryMetricStore metrics;
    static InMemoryHostStore hosts;
    static TestClock clock;
    static HttpServer server;
    static Http http;

    /** This test's own cluster id. */
    String cluster;

    @BeforeAll
    static void startServer() {
        events = new InMemoryJournal(JournalKind.EVENTS);
        alarms = new InMemoryJournal(JournalKind.ALARMS);
        metrics = new InMemoryMetricStore();
        hosts = new InMemoryHostStore();
        clock = new TestClock(T0);
        EventService eventService = new EventService(events, clock);
        AlarmService alarmService = new AlarmService(alarms, clock);
        MetricService metricService = new MetricService(metrics, clock);
        HostService hostService = new HostService(hosts, clock);
        server = HttpServer.start(new HttpSettings(0), List.of(
                new EventRoutes(eventService, eventService),
                new AlarmRoutes(alarmService, alarmService),
                new MetricRoutes(metricService, metricService, metricService, metricService, metricService),
                new HostRoutes(hostService, hostService, hostService, hostService, hostService)));
        http = new Http(server.port());
    }

    @AfterAll
    static void stopServer() {
        server.close();
    }

    @BeforeEach
    void newCluster() {
        cluster = "BCS-K8S-" + (20_000 + CLUSTERS.incrementAndGet());
        clock.set(T0);
    }

    static Stream<String> prefixes() {
        return PREFIXES.stream();
    }

    /** The value of {@code field} in each item of a successful list reply, in order. */
    static List<String> values(Http.Reply reply, String field) {
        assertThat(reply.status()).as(reply.body()).isEqualTo(200);
        JsonNode data = reply.json().path("data");
        assertThat(data.isArray()).as(reply.body()).isTrue();
        List<String> values = new ArrayList<>();
        data.forEach(item -> values.add(item.path(field).asText()));
        return values;
    }

    static long total(Http.Reply reply) {
        assertThat(reply.json().has("total")).as(reply.body()).isTrue();
        return reply.json().path("total").asLong();
    }
}
