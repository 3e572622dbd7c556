package com.bkbcs.storage.adapters.http.host;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.BodyFields;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.host.AssignHostsUseCase;
import com.bkbcs.storage.application.port.in.host.AssignHostsUseCase.AssignHostsCommand;
import com.bkbcs.storage.application.port.in.host.DeleteHostUseCase;
import com.bkbcs.storage.application.port.in.host.DeleteHostUseCase.DeleteHostCommand;
import com.bkbcs.storage.application.port.in.host.GetHostUseCase;
import com.bkbcs.storage.application.port.in.host.GetHostUseCase.GetHostQuery;
import com.bkbcs.storage.application.port.in.host.ListHostsUseCase;
import com.bkbcs.storage.application.port.in.host.PutHostUseCase;
import com.bkbcs.storage.application.port.in.host.PutHostUseCase.PutHostCommand;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.host.HostQuery;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.ResourceFilter;

import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Hosts (change log V0.6.0): one host by ip ({@code PUT} with {@code {"clusterId": .., "data": any}},
 * both optional, {@code clusterId} empty meaning no cluster, an {@code ip} member type-checked and
 * otherwise ignored as the path names the host; {@code GET}; {@code DELETE}), a cluster's hosts
 * ({@code GET}, with {@code extra}, {@code data.<path>}, {@code field}, {@code offset}, {@code limit}),
 * and the cluster's membership: {@code PUT} with {@code {"ips": [..]}} makes the cluster own exactly
 * those hosts, {@code POST} adds them.
 */
public final class HostRoutes implements Routes {
    static final String ONE = "/host/{ip}";
    static final String CLUSTER = "/host/clusters/{clusterId}";
    static final String IPS = "ips";
    private static final Accepted BODY = Accepted.of(Host.IP, StoredFields.CLUSTER_ID, StoredFields.DATA);
    private static final Accepted ASSIGN_BODY = Accepted.of(IPS);
    private static final Accepted LIST = Accepted.of(QueryParameters.EXTRA, QueryParameters.FIELD, QueryParameters.OFFSET,
            QueryParameters.LIMIT).withDataPaths();

    private final PutHostUseCase put;
    private final GetHostUseCase get;
    private final DeleteHostUseCase delete;
    private final ListHostsUseCase list;
    private final AssignHostsUseCase assign;

    public HostRoutes(PutHostUseCase put, GetHostUseCase get, DeleteHostUseCase delete, ListHostsUseCase list,
                      AssignHostsUseCase assign) {
        this.put = Objects.requireNonNull(put, "put");
        this.get = Objects.requireNonNull(get, "get");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.list = Objects.requireNonNull(list, "list");
        this.assign = Objects.requireNonNull(assign, "assign");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.put(ONE, Operation.PUT_RESOURCE, Accepted.NONE, this::put);
        registry.get(ONE, Operation.GET_RESOURCE, QueryParameters.ONE, exchange -> exchange.ok(
                get.get(new GetHostQuery(exchange.pathParam("ip"), exchange.query().projection()))));
        registry.delete(ONE, Operation.DELETE_RESOURCE, Accepted.NONE, exchange -> {
            delete.delete(new DeleteHostCommand(exchange.pathParam("ip")));
            exchange.ok();
        });
        registry.get(CLUSTER, Operation.LIST_RESOURCES, LIST, this::list);
        registry.put(CLUSTER, Operation.PUT_RESOURCE, Accepted.NONE, exchange -> assign(exchange, true));
        registry.post(CLUSTER, Operation.PUT_RESOURCE, Accepted.NONE, exchange -> assign(exchange, false));
    }

    private void put(Exchange exchange) {
        String ip = Host.requireIp(exchange.pathParam("ip"));
        BodyFields body = BodyFields.of(exchange.jsonObjectBody(BODY));
        body.text(Host.IP);
        put.put(new PutHostCommand(ip, body.text(StoredFields.CLUSTER_ID), body.any(StoredFields.DATA)));
        exchange.ok();
    }

    private void list(Exchange exchange) throws Exception {
        String clusterId = exchange.pathParam("clusterId");
        QueryParameters query = exchange.query();
        List<Condition> conditions = new ArrayList<>(query.extra());
        conditions.addAll(query.dataPaths());
        exchange.okList(list.list(new HostQuery(clusterId, new ResourceFilter(conditions), query.projection(),
                query.page())));
    }

    private void assign(Exchange exchange, boolean exclusively) {
        String clusterId = exchange.pathParam("clusterId");
        List<String> ips = BodyFields.of(exchange.jsonObjectBody(ASSIGN_BODY)).texts(IPS);
        assign.assign(new AssignHostsCommand(clusterId, ips, exclusively));
        exchange.ok();
    }
}
