package com.bkbcs.storage.domain.kind;

/** How a typed-query parameter's text is read. */
public enum ParameterType {
    /** Exact strings; a comma list means any of them. */
    STRING,
    /** Integers; every item must parse, else bad input. */
    INT,
    /** {@code true/false/1/0}. */
    BOOL,
    /** A time range: the parameter is given as {@code <name>Begin} and {@code <name>End}. */
    TIME
}
