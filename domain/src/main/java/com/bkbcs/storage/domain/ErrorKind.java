package com.bkbcs.storage.domain;

/** Why an operation failed; inbound adapters map each kind to their own status (HTTP 400, 404, ...). */
public enum ErrorKind {
    /** The request is malformed or violates a rule: unparsable input, wrong types, invalid names. */
    BAD_INPUT,
    /** The addressed resource does not exist. */
    NOT_FOUND,
    /** The request body is larger than the configured limit. */
    TOO_LARGE,
    /**
     * What was asked for is no longer held: a watch resuming from a revision older than the kept
     * history (or ahead of the store), whose client has to list again.
     */
    GONE,
    /** Too many of something is open at once (watch streams); retrying later may succeed. */
    BUSY,
    /** A backing store is unreachable or timed out; retrying later may succeed. */
    UNAVAILABLE,
    /** Anything else: a bug or an unexpected answer from a backing store. */
    INTERNAL
}
