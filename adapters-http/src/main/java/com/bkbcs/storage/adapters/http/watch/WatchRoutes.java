package com.bkbcs.storage.adapters.http.watch;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.dynamic.DynamicRoutes;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.watch.DeleteWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.DeleteWatchUseCase.DeleteWatchCommand;
import com.bkbcs.storage.application.port.in.watch.GetWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.GetWatchUseCase.GetWatchQuery;
import com.bkbcs.storage.application.port.in.watch.ListWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.ListWatchUseCase.ListWatchQuery;
import com.bkbcs.storage.application.port.in.watch.PutWatchUseCase;
import com.bkbcs.storage.application.port.in.watch.PutWatchUseCase.PutWatchCommand;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.StoredFields;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;

import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.stream.Stream;

/**
 * Watch data ({@code /{env}/watch/...}, kept where other components watch it): one entry by
 * identity (PUT with a body {@code {"data": any}}, GET answering the data itself, DELETE) and the
 * data of every entry of a namespace and type (list, ordered by resource name).
 *
 * <p>The list pages with {@code offset} / {@code limit} like every list. It filters and projects
 * nothing: the API document names {@code field} and {@code extra} for it, but the contract does not,
 * and what they would mean on bare reported data is unknown; since a filter is never silently
 * dropped, they and every other parameter are refused with a 400 naming them.
 */
public final class WatchRoutes implements Routes {
    private static final String TYPE = "/{env}/watch/clusters/{clusterId}/namespaces/{namespace}/{resourceType}";
    private static final String ONE = TYPE + "/{resourceName}";

    private final PutWatchUseCase put;
    private final GetWatchUseCase get;
    private final DeleteWatchUseCase delete;
    private final ListWatchUseCase list;

    public WatchRoutes(PutWatchUseCase put, GetWatchUseCase get, DeleteWatchUseCase delete, ListWatchUseCase list) {
        this.put = Objects.requireNonNull(put, "put");
        this.get = Objects.requireNonNull(get, "get");
        this.delete = Objects.requireNonNull(delete, "delete");
        this.list = Objects.requireNonNull(list, "list");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.put(ONE, Operation.PUT_RESOURCE, Accepted.NONE, this::put);
        registry.get(ONE, Operation.GET_RESOURCE, Accepted.of(QueryParameters.OFFSET, QueryParameters.LIMIT), this::get);
        registry.delete(ONE, Operation.DELETE_RESOURCE, Accepted.NONE, this::delete);
        registry.get(TYPE, Operation.LIST_RESOURCES, Accepted.of(QueryParameters.OFFSET, QueryParameters.LIMIT), this::list);
    }

    private static WatchKey key(Exchange exchange) {
        return new WatchKey(exchange.env().orElseThrow(), exchange.pathParam("clusterId"), exchange.pathParam("namespace"),
                exchange.pathParam("resourceType"), exchange.pathParam("resourceName"));
    }

    private static WatchScope scope(Exchange exchange) {
        return new WatchScope(exchange.env().orElseThrow(), exchange.pathParam("clusterId"),
                exchange.pathParam("namespace"), exchange.pathParam("resourceType"));
    }

    private void put(Exchange exchange) {
        WatchKey key = key(exchange);
        Map<String, Object> body = exchange.jsonObjectBody(DynamicRoutes.PUT_BODY);
        if (!body.containsKey(StoredFields.DATA)) {
            throw StorageException.badInput("the request body must have a 'data' member");
        }
        put.put(new PutWatchCommand(key, body.get(StoredFields.DATA)));
        exchange.ok();
    }

    private void get(Exchange exchange) {
        WatchKey key = key(exchange);
        exchange.ok(get.get(new GetWatchQuery(key)).value());
    }

    private void delete(Exchange exchange) {
        WatchKey key = key(exchange);
        delete.delete(new DeleteWatchCommand(key));
        exchange.ok();
    }

    private void list(Exchange exchange) throws Exception {
        WatchScope scope = scope(exchange);
        Page page = exchange.query().page();
        List<WatchData> found = list.list(new ListWatchQuery(scope));
        Stream<Object> values = found.stream().skip(page.offset()).map(WatchData::value);
        if (page.limit().isPresent()) {
            values = values.limit(page.limit().getAsInt());
        }
        exchange.okList(values);
    }
}
