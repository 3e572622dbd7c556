package com.bkbcs.storage.adapters.http.dynamic;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.adapters.http.StreamBody;
import com.bkbcs.storage.application.port.in.dynamic.ListResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase.ResourceWatch;
import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase.WatchEvent;
import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase.WatchEvents;
import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase.WatchResourcesQuery;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.change.ChangeType;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.stream.Stream;

/**
 * Change streams of dynamic data (contract section 12).
 *
 * <p>{@code GET /{env}/dynamic/watch/clusters/{clusterId}/{resourceType}}: the list filters and
 * {@code field} (read exactly as a list reads them), {@code since} (a revision, from 0) and
 * {@code timeoutSeconds} (1 to {@value #MAX_TIMEOUT_SECONDS}, default {@value #DEFAULT_TIMEOUT_SECONDS}).
 * The answer is NDJSON, one line per matching change, {@code {"type":"ADDED"|"MODIFIED"|"DELETED",
 * "revision":N,"object":{...}}}, and a {@code {"type":"BOOKMARK","revision":N}} first (unless there are
 * changes to send at once) and whenever the stream has been silent for the bookmark interval. Bad parameters are a 400, a {@code since} outside the
 * history a 410, too many open streams a 429, all with the envelope and before the stream starts.
 *
 * <p>The later original's routes, {@code POST /dynamic/watch/{clusterId}/{resourceType}} and
 * {@code POST /dynamic/watch/containers/{clusterId}} ({@code taskgroup} when the cluster has any
 * stored when the request arrives, else {@code Pod}), with the body
 * {@code {"selfOnly":bool,"maxEvents":n,"timeout":nanoseconds,"mustDiff":"dotted.path"}}, all
 * optional: concatenated JSON objects {@code {"type":1|2|3,"value":document}} (insert, delete with
 * the last document, update) from the request on, ended by {@code {"type":-1,"value":null}} once
 * {@code timeout} (absent or 0: the default of {@value #DEFAULT_TIMEOUT_SECONDS} s; beyond
 * {@value #MAX_TIMEOUT_SECONDS} s: that) has passed or {@code maxEvents} (absent or 0: no limit)
 * events were sent. {@code selfOnly} is accepted and changes nothing: the stream always carries
 * only the changes of the path's cluster and type. {@code mustDiff} leaves out an update whose
 * value at that path (from the document root, {@code data.status.phase}) equals the value this
 * stream last sent for the same resource; an update of a resource the stream has not sent yet is
 * always sent, as are inserts and deletes.
 */
public final class ChangeStreamRoutes implements Routes {
    static final String WATCH = "/{env}/dynamic/watch/clusters/{clusterId}/{resourceType}";
    static final String COMPAT_WATCH = "/dynamic/watch/{clusterId}/{resourceType}";
    static final String COMPAT_CONTAINERS = "/dynamic/watch/containers/{clusterId}";
    public static final String SINCE = "since";
    public static final String TIMEOUT_SECONDS = "timeoutSeconds";
    public static final long DEFAULT_TIMEOUT_SECONDS = 1800;
    /** An hour: a stream ends at least that often, so clients reconnect and spread over the instances. */
    public static final long MAX_TIMEOUT_SECONDS = 3600;
    public static final String NDJSON = "application/x-ndjson";
    static final String CONCATENATED_JSON = "application/json; charset=utf-8";
    static final String TASKGROUP = "taskgroup";
    static final String POD = "Pod";
    private static final Accepted PARAMETERS = QueryParameters.FILTERS.and(QueryParameters.FIELD, SINCE, TIMEOUT_SECONDS);
    private static final String SELF_ONLY = "selfOnly";
    private static final String MAX_EVENTS = "maxEvents";
    private static final String TIMEOUT = "timeout";
    private static final String MUST_DIFF = "mustDiff";
    private static final Accepted COMPAT_BODY = Accepted.of(SELF_ONLY, MAX_EVENTS, TIMEOUT, MUST_DIFF);
    /** Below this, a poll that returned early with nothing new cannot be told from a short wait. */
    private static final Duration SHORTEST_CHECKED_WAIT = Duration.ofMillis(20);

    private final WatchResourcesUseCase watch;
    private final ListResourcesUseCase list;

    /** {@code list} tells whether a cluster has task groups, for the containers route. */
    public ChangeStreamRoutes(WatchResourcesUseCase watch, ListResourcesUseCase list) {
        this.watch = Objects.requireNonNull(watch, "watch");
        this.list = Objects.requireNonNull(list, "list");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.get(WATCH, Operation.LIST_RESOURCES, PARAMETERS, this::watch);
        // before the general route, which would otherwise take "containers" for a cluster id
        registry.post(COMPAT_CONTAINERS, Operation.LIST_RESOURCES, Accepted.NONE,
                ex -> compat(ex, ex.pathParam("clusterId"), containerType(ex.pathParam("clusterId"))));
        registry.post(COMPAT_WATCH, Operation.LIST_RESOURCES, Accepted.NONE,
                ex -> compat(ex, ex.pathParam("clusterId"), ex.pathParam("resourceType")));
    }

    private void watch(Exchange exchange) {
        QueryParameters query = exchange.query();
        OptionalLong since = query.wholeNumber(SINCE, 0, Long.MAX_VALUE);
        Duration timeout = Duration.ofSeconds(query.wholeNumber(TIMEOUT_SECONDS, 1, MAX_TIMEOUT_SECONDS)
                .orElse(DEFAULT_TIMEOUT_SECONDS));
        ResourceScope scope = ResourceScope.all(exchange.pathParam("clusterId"), exchange.pathParam("resourceType"));
        ResourceWatch opened = watch.watch(new WatchResourcesQuery(scope, query.filter(), query.projection(), since));
        Duration bookmarks = exchange.bookmarkInterval();
        exchange.stream(NDJSON, out -> pump(opened, timeout, bookmarks, new Sink() {
            @Override
            public boolean event(WatchEvent event) throws IOException {
                out.sendChange(new WatchEventJson(event.type().name(), event.revision(), event.object()), event.at());
                return true;
            }

            @Override
            public void idle(long through) throws IOException {
                out.send(new BookmarkJson(BookmarkJson.BOOKMARK, through));
            }
        }));
    }

    private void compat(Exchange exchange, String clusterId, String resourceType) {
        Map<String, Object> body = exchange.optionalJsonObjectBody(COMPAT_BODY).orElse(Map.of());
        if (body.get(SELF_ONLY) != null && !(body.get(SELF_ONLY) instanceof Boolean)) {
            throw StorageException.badInput(SELF_ONLY + " must be true or false: " + body.get(SELF_ONLY));
        }
        long maxEvents = wholeNumber(MAX_EVENTS, body.get(MAX_EVENTS));
        long timeoutNanos = wholeNumber(TIMEOUT, body.get(TIMEOUT));
        Duration timeout = timeoutNanos == 0 ? Duration.ofSeconds(DEFAULT_TIMEOUT_SECONDS)
                : Duration.ofNanos(Math.min(timeoutNanos, Duration.ofSeconds(MAX_TIMEOUT_SECONDS).toNanos()));
        Optional<Projection> mustDiff = mustDiff(body.get(MUST_DIFF));
        ResourceWatch opened = watch.watch(new WatchResourcesQuery(ResourceScope.all(clusterId, resourceType),
                ResourceFilter.ALL, Projection.ALL, OptionalLong.empty()));
        exchange.stream(CONCATENATED_JSON, out -> {
            CompatSink sink = new CompatSink(out, maxEvents, mustDiff);
            pump(opened, timeout, timeout, sink);
            out.send(CompatEventJson.END);
        });
    }

    /** {@code taskgroup} when the cluster has any stored now, else {@code Pod}. */
    private String containerType(String clusterId) {
        ResourceQuery any = new ResourceQuery(ResourceScope.all(clusterId, TASKGROUP), ResourceFilter.ALL,
                new Projection(List.of(FieldPath.of(StoredFields.ID))), Page.of(0, 1));
        try (Stream<Map<String, Object>> found = list.list(any)) {
            return found.findAny().isPresent() ? TASKGROUP : POD;
        }
    }

    /** What a stream does with what its watch reads. */
    private interface Sink {
        /** Sends one change; false when the stream is complete. */
        boolean event(WatchEvent event) throws IOException;

        /** The stream has been silent for its idle interval; every matching change up to {@code through} was sent. */
        void idle(long through) throws IOException;
    }

    /**
     * Reads the watch until {@code timeout} has passed or the sink is complete, telling the sink
     * when nothing was sent for {@code idle}. Returns early when the watch answers at once with
     * nothing new, which it only does once the change hub has stopped (the server is stopping).
     */
    private static void pump(ResourceWatch watch, Duration timeout, Duration idle, Sink sink)
            throws IOException, InterruptedException {
        long start = System.nanoTime();
        long deadline = start + timeout.toNanos();
        // due at once: a stream with nothing to send at first opens with a bookmark of where it starts
        long lastSent = start - idle.toNanos();
        long through = -1;
        while (true) {
            long now = System.nanoTime();
            if (deadline - now <= 0) {
                return;
            }
            long wait = Math.max(0, Math.min(deadline - now, lastSent + idle.toNanos() - now));
            WatchEvents batch = watch.poll(Duration.ofNanos(wait));
            long after = System.nanoTime();
            for (WatchEvent event : batch.events()) {
                if (!sink.event(event)) {
                    return;
                }
                lastSent = after;
            }
            if (batch.events().isEmpty() && batch.through() == through && wait >= SHORTEST_CHECKED_WAIT.toNanos()
                    && after - now < wait / 2) {
                return;
            }
            through = batch.through();
            if (after - lastSent >= idle.toNanos() && deadline - after > 0) {
                sink.idle(through);
                lastSent = after;
            }
        }
    }

    private static final class CompatSink implements Sink {
        private final StreamBody.Output out;
        private final long maxEvents;
        private final Optional<Projection> mustDiff;
        /** Per resource id, the value at the {@code mustDiff} path this stream last sent. */
        private final Map<Object, Map<String, Object>> sent = new HashMap<>();
        private long count;

        CompatSink(StreamBody.Output out, long maxEvents, Optional<Projection> mustDiff) {
            this.out = out;
            this.maxEvents = maxEvents;
            this.mustDiff = mustDiff;
        }

        @Override
        public boolean event(WatchEvent event) throws IOException {
            if (mustDiff.isPresent() && !differs(event)) {
                return true;
            }
            out.sendChange(new CompatEventJson(CompatEventJson.type(event.type()), event.object()), event.at());
            count++;
            return maxEvents == 0 || count < maxEvents;
        }

        /** Remembers what is sent; false for an update whose watched value this stream already sent. */
        private boolean differs(WatchEvent event) {
            Object id = event.object().get(StoredFields.ID);
            if (event.type() == ChangeType.DELETED) {
                sent.remove(id);
                return true;
            }
            Map<String, Object> value = mustDiff.get().apply(event.object());
            Map<String, Object> previous = sent.put(id, value);
            return event.type() == ChangeType.ADDED || previous == null || !previous.equals(value);
        }

        @Override
        public void idle(long through) {
            // the original's stream has no heartbeat
        }
    }

    private static long wholeNumber(String name, Object value) {
        if (value == null) {
            return 0;
        }
        if (value instanceof Number number) {
            try {
                BigInteger whole = (number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString()))
                        .toBigIntegerExact();
                if (whole.signum() >= 0 && whole.bitLength() < Long.SIZE) {
                    return whole.longValueExact();
                }
            } catch (ArithmeticException | NumberFormatException e) {
                // not whole: refused below
            }
        }
        throw StorageException.badInput(name + " must be a whole number from 0 to " + Long.MAX_VALUE + ": " + value);
    }

    private static Optional<Projection> mustDiff(Object value) {
        if (value == null || "".equals(value)) {
            return Optional.empty();
        }
        if (!(value instanceof String path)) {
            throw StorageException.badInput(MUST_DIFF + " must be a dotted path (a string): " + value);
        }
        return Optional.of(new Projection(List.of(FieldPath.parse(path))));
    }

    /** One change on an NDJSON stream. */
    record WatchEventJson(String type, long revision, Map<String, Object> object) {
    }

    /** Every matching change up to {@code revision} has been sent. */
    record BookmarkJson(String type, long revision) {
        static final String BOOKMARK = "BOOKMARK";
    }

    /** One event of the compatibility routes: 1 insert, 2 delete, 3 update, -1 the end. */
    record CompatEventJson(int type, Object value) {
        static final CompatEventJson END = new CompatEventJson(-1, null);

        static int type(ChangeType type) {
            return switch (type) {
                case ADDED -> 1;
                case DELETED -> 2;
                case MODIFIED -> 3;
            };
        }
    }
}
