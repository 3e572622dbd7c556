package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.Query;

import java.util.List;

/** {@code --param k=v} options as query parameters (repeats mean "any of" / "all of", as the route reads them). */
final class Params {
    private Params() {
    }

    static Query of(List<String> params) {
        Query query = Query.empty();
        for (String param : params == null ? List.<String>of() : params) {
            int equals = param.indexOf('=');
            if (equals <= 0) {
                throw new IllegalArgumentException("--param must be name=value, was '" + param + "'");
            }
            query = query.with(param.substring(0, equals), param.substring(equals + 1));
        }
        return query;
    }
}
