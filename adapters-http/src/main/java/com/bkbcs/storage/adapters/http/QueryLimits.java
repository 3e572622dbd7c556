package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.StorageException;

/**
 * Bounds on what one request may ask for, so that every request has a bounded cost: a query is
 * checked against them while it is read, before anything is built from it or sent to a store, and
 * a request past any of them is bad input (400) naming the limit and the option that sets it.
 *
 * @param maxFieldPaths       paths in {@code field}
 * @param maxValues           values of one "any of" list (a comma list, repeated parameters, an
 *                            {@code extra} array, a label selector's {@code in (...)})
 * @param maxFilterParameters {@code data} / {@code data.<path>} filter parameters
 * @param maxExtraConditions  keys of all {@code extra} objects together
 * @param maxQueryBytes       UTF-8 bytes of all parameter names and values together, as decoded
 *                            from the query string (a typed query's POST body counts as its
 *                            parameters)
 */
public record QueryLimits(int maxFieldPaths, int maxValues, int maxFilterParameters, int maxExtraConditions,
                          int maxQueryBytes) {
    public static final QueryLimits DEFAULTS = new QueryLimits(100, 1000, 50, 100, 64 * 1024);

    public static final String FIELD_PATHS_OPTION = "--max-field-paths";
    public static final String VALUES_OPTION = "--max-values";
    public static final String FILTER_PARAMETERS_OPTION = "--max-filter-parameters";
    public static final String EXTRA_CONDITIONS_OPTION = "--max-extra-conditions";
    public static final String QUERY_BYTES_OPTION = "--max-query-bytes";

    public QueryLimits {
        requirePositive(FIELD_PATHS_OPTION, maxFieldPaths);
        requirePositive(VALUES_OPTION, maxValues);
        requirePositive(FILTER_PARAMETERS_OPTION, maxFilterParameters);
        requirePositive(EXTRA_CONDITIONS_OPTION, maxExtraConditions);
        requirePositive(QUERY_BYTES_OPTION, maxQueryBytes);
    }

    private static void requirePositive(String option, int value) {
        if (value < 1) {
            throw new IllegalArgumentException(option + " must be at least 1: " + value);
        }
    }

    void checkFieldPaths(int count) {
        check(count, maxFieldPaths, "paths in field", FIELD_PATHS_OPTION);
    }

    void checkValues(String name, int count) {
        check(count, maxValues, "values of " + name, VALUES_OPTION);
    }

    void checkFilterParameters(int count) {
        check(count, maxFilterParameters, "data.<path> filter parameters", FILTER_PARAMETERS_OPTION);
    }

    void checkExtraConditions(int count) {
        check(count, maxExtraConditions, "conditions in extra", EXTRA_CONDITIONS_OPTION);
    }

    void checkQueryBytes(long bytes) {
        if (bytes > maxQueryBytes) {
            throw StorageException.badInput("the query is larger than " + maxQueryBytes + " bytes (" + QUERY_BYTES_OPTION
                    + ")");
        }
    }

    private static void check(int count, int max, String what, String option) {
        if (count > max) {
            throw StorageException.badInput("too many " + what + ": " + count + ", at most " + max + " (" + option + ")");
        }
    }
}
