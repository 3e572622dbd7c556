package com.bkbcs.storage.adapters.http.dynamic;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourceUseCase.DeleteResourceCommand;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourcesUseCase.DeleteResourcesCommand;
import com.bkbcs.storage.application.port.in.dynamic.GetResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.GetResourceUseCase.GetResourceQuery;
import com.bkbcs.storage.application.port.in.dynamic.ListResourcesUseCase;
import com.bkbcs.storage.application.port.in.dynamic.PutResourceUseCase;
import com.bkbcs.storage.application.port.in.dynamic.PutResourceUseCase.PutResourceCommand;
import com.bkbcs.storage.application.port.in.dynamic.WatchResourcesUseCase;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.query.ResourceQuery;
import com.bkbcs.storage.domain.query.TimeBound;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.function.Function;

/**
 * Dynamic data ({@code /{env}/dynamic/...}): one resource by identity (PUT, GET, DELETE) and the
 * resources of a namespace, of the cluster scope or of both (list, batch delete). A list's envelope
 * carries {@code revision}: a change stream ({@link ChangeStreamRoutes}) started with {@code since}
 * set to it misses no change made after the list was read.
 *
 * <p>Batch delete takes {@code updateTimeBegin} / {@code updateTimeEnd} from the query string
 * and, as original agents send them, from a JSON body {@code {"updateTimeBegin": .., "updateTimeEnd": ..}}
 * (unix seconds as numbers or strings, or any form {@link TimeBound} reads). Each bound comes from
 * the query string when given there with a non-empty value, otherwise from the body. {@code 0},
 * an empty string, {@code null} or absence means no bound. An empty body is fine; any other
 * body must be a JSON object with no other member. Field filters ({@code extra}, {@code resourceName}, {@code data.*},
 * {@code labelSelector}...) apply to batch delete as to lists.
 */
public final class DynamicRoutes implements Routes {
    private static final String NAMESPACE_TYPE =
            "/{env}/dynamic/namespace_resources/clusters/{clusterId}/namespaces/{namespace}/{resourceType}";
    private static final String CLUSTER_TYPE = "/{env}/dynamic/cluster_resources/clusters/{clusterId}/{resourceType}";
    private static final String ALL_TYPE = "/{env}/dynamic/all_resources/clusters/{clusterId}/{resourceType}";
    private static final String ONE = "/{resourceName}";
    static final String UPDATE_TIME_BEGIN = "updateTimeBegin";
    static final String UPDATE_TIME_END = "updateTimeEnd";
    /** The body of a PUT: {@code {"data": any}} and nothing else. */
    public static final Accepted PUT_BODY = Accepted.of(StoredFields.DATA);
    private static final Accepted BATCH_DELETE = QueryParameters.FILTERS.and(UPDATE_TIME_BEGIN, UPDATE_TIME_END);
    private static final Accepted BATCH_DELETE_BODY = Accepted.of(UPDATE_TIME_BEGIN, UPDATE_TIME_END);

    private final PutResourceUseCase put;
    private final GetResourceUseCase get;
    private final DeleteResourceUseCase delete;
    private final ListResourcesUseCase list;
    private final DeleteResourcesUseCase deleteAll;
    private final WatchResourcesUseCase watch;

    /** {@code watch} gives lists their {@code revision}, from which a change stream resumes. */
    public DynamicRoutes(PutResourceUseCase put, GetResourceUseCase get, DeleteResourceUseCase delete,
                         ListResourcesUseCase list, DeleteResourcesUseCase deleteAll, WatchResourcesUseCase watch) {
        this.put = Objects.requireNonNull(put, "put");
        this.get = Objects.requireNonNull(get, "get");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.list = Objects.requireNonNull(list, "list");
        this.deleteAll = Objects.requireNonNull(deleteAll, "deleteAll");
        this.watch = Objects.requireNonNull(watch, "watch");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        addOne(registry, NAMESPACE_TYPE + ONE, ex -> ResourceKey.namespaced(ex.pathParam("clusterId"),
                ex.pathParam("namespace"), ex.pathParam("resourceType"), ex.pathParam("resourceName")));
        addOne(registry, CLUSTER_TYPE + ONE, ex -> ResourceKey.clusterScoped(ex.pathParam("clusterId"),
                ex.pathParam("resourceType"), ex.pathParam("resourceName")));
        addMany(registry, NAMESPACE_TYPE, ex -> ResourceScope.namespace(ex.pathParam("clusterId"),
                ex.pathParam("namespace"), ex.pathParam("resourceType")));
        addMany(registry, CLUSTER_TYPE, ex -> ResourceScope.cluster(ex.pathParam("clusterId"),
                ex.pathParam("resourceType")));
        addMany(registry, ALL_TYPE, ex -> ResourceScope.all(ex.pathParam("clusterId"), ex.pathParam("resourceType")));
    }

    private void addOne(RouteRegistry registry, String path, Function<Exchange, ResourceKey> key) {
        registry.put(path, Operation.PUT_RESOURCE, Accepted.NONE, ex -> put(ex, key.apply(ex)));
        registry.get(path, Operation.GET_RESOURCE, QueryParameters.ONE, ex -> get(ex, key.apply(ex)));
        registry.delete(path, Operation.DELETE_RESOURCE, Accepted.NONE, ex -> delete(ex, key.apply(ex)));
    }

    private void addMany(RouteRegistry registry, String path, Function<Exchange, ResourceScope> scope) {
        registry.get(path, Operation.LIST_RESOURCES, QueryParameters.LIST, ex -> list(ex, scope.apply(ex)));
        registry.delete(path, Operation.DELETE_RESOURCE, BATCH_DELETE, ex -> deleteAll(ex, scope.apply(ex)));
    }

    private void put(Exchange exchange, ResourceKey key) {
        Map<String, Object> body = exchange.jsonObjectBody(PUT_BODY);
        if (!body.containsKey(StoredFields.DATA)) {
            throw StorageException.badInput("the request body must have a 'data' member");
        }
        put.put(new PutResourceCommand(key, body.get(StoredFields.DATA)));
        exchange.ok();
    }

    private void get(Exchange exchange, ResourceKey key) {
        exchange.ok(get.get(new GetResourceQuery(key, exchange.query().projection())));
    }

    private void delete(Exchange exchange, ResourceKey key) {
        delete.delete(new DeleteResourceCommand(key));
        exchange.ok();
    }

    /** The envelope's {@code revision} is read before the list, so a watch from it misses no later change. */
    private void list(Exchange exchange, ResourceScope scope) throws Exception {
        QueryParameters query = exchange.query();
        ResourceQuery resourceQuery = new ResourceQuery(scope, query.filter(), query.projection(), query.page());
        long revision = watch.settledRevision();
        exchange.okListAtRevision(list.list(resourceQuery), revision);
    }

    private void deleteAll(Exchange exchange, ResourceScope scope) {
        QueryParameters query = exchange.query();
        Map<String, Object> body = exchange.optionalJsonObjectBody(BATCH_DELETE_BODY).orElse(Map.of());
        Optional<Instant> from = bound(UPDATE_TIME_BEGIN, query, body);
        Optional<Instant> to = bound(UPDATE_TIME_END, query, body);
        deleteAll.deleteAll(new DeleteResourcesCommand(scope, query.filter(), from, to));
        exchange.ok();
    }

    private static Optional<Instant> bound(String name, QueryParameters query, Map<String, Object> body) {
        Optional<String> inQuery = query.first(name);
        if (inQuery.isPresent()) {
            return time(name, inQuery.get());
        }
        Object inBody = body.get(name);
        if (inBody == null) {
            return Optional.empty();
        }
        if (inBody instanceof String text) {
            return text.isBlank() ? Optional.empty() : time(name, text);
        }
        if (inBody instanceof Number number) {
            return time(name, wholeSeconds(name, number));
        }
        throw StorageException.badInput(name + " must be unix seconds (a number or a string): " + inBody);
    }

    private static String wholeSeconds(String name, Number number) {
        try {
            BigInteger seconds = (number instanceof BigDecimal decimal ? decimal : new BigDecimal(number.toString()))
                    .toBigIntegerExact();
            return seconds.toString();
        } catch (ArithmeticException | NumberFormatException e) {
            throw StorageException.badInput(name + " must be whole unix seconds: " + number);
        }
    }

    private static Optional<Instant> time(String name, String text) {
        return QueryParameters.time(name, text);
    }
}
