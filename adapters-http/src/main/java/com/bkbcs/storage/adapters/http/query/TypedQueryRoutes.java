package com.bkbcs.storage.adapters.http.query;

import com.bkbcs.storage.adapters.http.Accepted;
import com.bkbcs.storage.adapters.http.Exchange;
import com.bkbcs.storage.adapters.http.Operation;
import com.bkbcs.storage.adapters.http.QueryParameters;
import com.bkbcs.storage.adapters.http.RouteRegistry;
import com.bkbcs.storage.adapters.http.Routes;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.Documents;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.Namespaces;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.QueryResult;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.TypedQuery;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.kind.QueryKind;
import com.bkbcs.storage.domain.kind.QueryKinds;
import io.javalin.http.HandlerType;

import java.math.BigDecimal;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Typed queries: {@code GET /query/{env}/dynamic/clusters/{clusterId}/{kind}} with query-string
 * parameters, and {@code POST} on the same path with the parameters as one JSON object. The kinds
 * and their own parameters are declared in the domain ({@code QueryKinds}); this class only reads
 * the request: {@code name} is another spelling of {@code resourceName}, and every parameter of
 * {@link QueryParameters} (field, extra, offset, limit, namespace, data paths, labelSelector)
 * works as on dynamic lists.
 *
 * <p>A parameter that is neither one of those nor one of the kind's own is bad input, in the query
 * string and in a POST body alike (where {@code null} means absent, so {@code "namespace": null},
 * which real callers send, is fine).
 *
 * <p>In a POST body a value is a string, a number or a boolean (read as its text), an array of
 * those (a comma list), or {@code null} (absent); an object value is bad input. Parameters in the
 * query string of a POST count too; the body's win where both name one.
 */
public final class TypedQueryRoutes implements Routes {
    static final String PATH = "/query/{env}/dynamic/clusters/{clusterId}/{kind}";
    private static final String NAME = "name";

    private final RunTypedQueryUseCase query;

    public TypedQueryRoutes(RunTypedQueryUseCase query) {
        this.query = Objects.requireNonNull(query, "query");
    }

    @Override
    public void addTo(RouteRegistry registry) {
        registry.add(HandlerType.GET, PATH, Operation.LIST_RESOURCES, TypedQueryRoutes::accepted,
                exchange -> answer(exchange, exchange.rawQuery()));
        registry.add(HandlerType.POST, PATH, Operation.LIST_RESOURCES, TypedQueryRoutes::accepted, exchange -> {
            Map<String, List<String>> raw = new LinkedHashMap<>(exchange.rawQuery());
            fromBody(exchange.optionalJsonObjectBody().orElse(Map.of())).forEach((name, values) -> {
                if (values.isEmpty()) {
                    raw.putIfAbsent(name, values);
                } else {
                    raw.put(name, values);
                }
            });
            answer(exchange, raw);
        });
    }

    /**
     * What a kind accepts: the parameters of dynamic lists, {@code name}, and the kind's own; an
     * unknown kind is a 404 before its parameters are looked at.
     */
    private static Accepted accepted(Exchange exchange) {
        Env env = exchange.env().orElseThrow();
        String kind = exchange.pathParam("kind");
        QueryKind queryKind = QueryKinds.find(env, kind)
                .orElseThrow(() -> StorageException.notFound("unknown query kind " + env.segment() + "/" + kind));
        return QueryParameters.LIST.and(NAME).and(queryKind.parameterNames());
    }

    private void answer(Exchange exchange, Map<String, List<String>> raw) throws Exception {
        QueryParameters parameters = exchange.parameters(withNameAsResourceName(raw));
        Env env = exchange.env().orElseThrow();
        QueryResult result = query.query(new TypedQuery(env, exchange.pathParam("kind"), exchange.pathParam("clusterId"),
                parameters.joined(), parameters.filter(), parameters.projection(), parameters.page()));
        if (result instanceof Namespaces namespaces) {
            exchange.ok(namespaces.names());
        } else {
            exchange.okList(((Documents) result).documents());
        }
    }

    private static Map<String, List<String>> withNameAsResourceName(Map<String, List<String>> raw) {
        if (!raw.containsKey(NAME)) {
            return raw;
        }
        Map<String, List<String>> renamed = new LinkedHashMap<>(raw);
        List<String> names = new ArrayList<>(renamed.getOrDefault(Resource.RESOURCE_NAME, List.of()));
        names.addAll(renamed.remove(NAME));
        renamed.put(Resource.RESOURCE_NAME, names);
        return renamed;
    }

    private static Map<String, List<String>> fromBody(Map<String, Object> body) {
        Map<String, List<String>> raw = new LinkedHashMap<>();
        body.forEach((name, value) -> {
            if (value instanceof List<?> list) {
                List<String> items = new ArrayList<>();
                for (Object item : list) {
                    if (item != null) {
                        items.add(text(name, item));
                    }
                }
                raw.put(name, List.of(String.join(",", items)));
            } else if (value != null) {
                raw.put(name, List.of(text(name, value)));
            } else {
                // absent, but its name is still checked: a misspelt null is as unknown as any other
                raw.put(name, List.of());
            }
        });
        return raw;
    }

    private static String text(String name, Object value) {
        if (value instanceof String string) {
            return string;
        }
        if (value instanceof Boolean) {
            return value.toString();
        }
        if (value instanceof Number number) {
            return new BigDecimal(number.toString()).stripTrailingZeros().toPlainString();
        }
        throw StorageException.badInput("parameter " + name + " must be a string, number, boolean or an array of those");
    }
}
