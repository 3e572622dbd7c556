package com.bkbcs.storage.domain.kind;

import com.bkbcs.storage.domain.query.FieldPath;

import java.util.Objects;

/** One typed-query parameter: its API name, the document path it filters on, its type. */
public record QueryParameter(String name, FieldPath path, ParameterType type) {
    public QueryParameter {
        Objects.requireNonNull(name, "name");
        Objects.requireNonNull(path, "path");
        Objects.requireNonNull(type, "type");
    }

    /** A parameter on {@code data.<dotted>}. */
    public static QueryParameter data(String name, String dotted, ParameterType type) {
        return new QueryParameter(name, FieldPath.parse("data." + dotted), type);
    }
}
