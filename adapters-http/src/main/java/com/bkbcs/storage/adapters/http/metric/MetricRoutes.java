package com.bkbcs.storage.adapters.http.metric;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.metric.DeleteMetricUseCase;
import com.bkbcs.storage.application.port.in.metric.DeleteMetricUseCase.DeleteMetricCommand;
import com.bkbcs.storage.application.port.in.metric.GetMetricUseCase;
import com.bkbcs.storage.application.port.in.metric.GetMetricUseCase.GetMetricQuery;
import com.bkbcs.storage.application.port.in.metric.ListMetricClustersUseCase;
import com.bkbcs.storage.application.port.in.metric.ListMetricsUseCase;
import com.bkbcs.storage.application.port.in.metric.PutMetricUseCase;
import com.bkbcs.storage.application.port.in.metric.PutMetricUseCase.PutMetricCommand;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.metric.Metric;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.metric.MetricQuery;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Metrics: one metric by identity ({@code PUT} with {@code {"data": any}}, upserted like dynamic
 * data; {@code GET} answering the document, {@code field} projecting it; {@code DELETE}), a cluster's
 * metrics ({@code namespace}, {@code type}, {@code name} as comma lists of exact strings, plus
 * {@code extra}, {@code data.<path>}, {@code field}, {@code offset}, {@code limit}), and the ids of the
 * clusters that have metrics.
 */
public final class MetricRoutes implements Routes {
    static final String CLUSTERS = "/metric/clusters";
    static final String CLUSTER = CLUSTERS + "/{clusterId}";
    static final String ONE = CLUSTER + "/namespaces/{namespace}/{type}/{name}";
    private static final List<String> FILTERS = List.of(StoredFields.NAMESPACE, Metric.TYPE, Metric.NAME);
    private static final Accepted LIST = Accepted.of(QueryParameters.EXTRA, QueryParameters.FIELD, QueryParameters.OFFSET,
            QueryParameters.LIMIT).and(FILTERS).withDataPaths();

    private final PutMetricUseCase put;
    private final GetMetricUseCase get;
    private final DeleteMetricUseCase delete;
    private final ListMetricsUseCase list;
    private final ListMetricClustersUseCase clusters;

    public MetricRoutes(PutMetricUseCase put, GetMetricUseCase get, DeleteMetricUseCase delete, ListMetricsUseCase list,
                        ListMetricClustersUseCase clusters) {
        this.put = Objects.requireNonNull(put, "put");
        this.get = Objects.requireNonNull(get, "get");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.list = Objects.requireNonNull(list, "list");
        this.clusters = Objects.requireNonNull(clusters, "clusters");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.put(ONE, Operation.PUT_RESOURCE, Accepted.NONE, this::put);
        registry.get(ONE, Operation.GET_RESOURCE, QueryParameters.ONE, this::get);
        registry.delete(ONE, Operation.DELETE_RESOURCE, Accepted.NONE, this::delete);
        registry.get(CLUSTER, Operation.LIST_RESOURCES, LIST, this::list);
        registry.get(CLUSTERS, Operation.LIST_RESOURCES, Accepted.NONE, exchange -> {
            exchange.ok(clusters.clusterIds());
        });
    }

    private static MetricKey key(Exchange exchange) {
        return new MetricKey(exchange.pathParam("clusterId"), exchange.pathParam("namespace"), exchange.pathParam("type"),
                exchange.pathParam("name"));
    }

    private void put(Exchange exchange) {
        MetricKey key = key(exchange);
        Map<String, Object> body = exchange.jsonObjectBody(DynamicRoutes.PUT_BODY);
        if (!body.containsKey(StoredFields.DATA)) {
            throw StorageException.badInput("the request body must have a 'data' member");
        }
        put.put(new PutMetricCommand(key, body.get(StoredFields.DATA)));
        exchange.ok();
    }

    private void get(Exchange exchange) {
        MetricKey key = key(exchange);
        exchange.ok(get.get(new GetMetricQuery(key, exchange.query().projection())));
    }

    private void delete(Exchange exchange) {
        MetricKey key = key(exchange);
        delete.delete(new DeleteMetricCommand(key));
        exchange.ok();
    }

    private void list(Exchange exchange) throws Exception {
        String clusterId = exchange.pathParam("clusterId");
        QueryParameters query = exchange.query();
        List<Condition> conditions = new ArrayList<>();
        for (String name : FILTERS) {
            query.anyOfText(name).ifPresent(conditions::add);
        }
        conditions.addAll(query.extra());
        conditions.addAll(query.dataPaths());
        exchange.okList(list.list(new MetricQuery(clusterId, new ResourceFilter(conditions), query.projection(),
                query.page())));
    }
}
