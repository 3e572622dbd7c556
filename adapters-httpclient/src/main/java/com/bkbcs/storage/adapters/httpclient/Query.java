package com.bkbcs.storage.adapters.httpclient;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/** Query parameters in order, repeats allowed; empty values are left out (the server ignores them anyway). */
public final class Query {
    private final List<Map.Entry<String, String>> parameters;

    private Query(List<Map.Entry<String, String>> parameters) {
        this.parameters = List.copyOf(parameters);
    }

    public static Query empty() {
        return new Query(List.of());
    }

    /** This query and {@code name=value}, unless the value is null or empty. */
    public Query with(String name, String value) {
        if (value == null || value.isEmpty()) {
            return this;
        }
        List<Map.Entry<String, String>> more = new ArrayList<>(parameters);
        more.add(Map.entry(name, value));
        return new Query(more);
    }

    /** This query and every parameter of {@code other}. */
    public Query with(Query other) {
        List<Map.Entry<String, String>> more = new ArrayList<>(parameters);
        more.addAll(other.parameters);
        return new Query(more);
    }

    public List<Map.Entry<String, String>> parameters() {
        return parameters;
    }

    /** {@code ?a=1&b=2}, percent-encoded (a space as {@code %20}), or "" when empty. */
    public String encoded() {
        if (parameters.isEmpty()) {
            return "";
        }
        StringJoiner joined = new StringJoiner("&", "?", "");
        parameters.forEach(p -> joined.add(encode(p.getKey()) + "=" + encode(p.getValue())));
        return joined.toString();
    }

    /** One path segment or parameter, percent-encoded. */
    static String encode(String text) {
        return URLEncoder.encode(text, StandardCharsets.UTF_8).replace("+", "%20");
    }
}
