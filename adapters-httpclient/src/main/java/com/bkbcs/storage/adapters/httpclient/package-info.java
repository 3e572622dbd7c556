/**
 * Outbound adapter: a client of the storage service's HTTP API, over {@code java.net.http} with
 * Jackson, used by the command-line client ({@code bootstrap.cli}).
 *
 * <p>It depends on nothing of the core (domain, application), on purpose: it speaks the wire
 * contract (paths, query parameters, the envelope, the NDJSON change stream), which is what a client
 * in another process, of another version, can rely on. The core's types model the server's inside
 * (queries, stores, revisions as the server keeps them); a client that shared them would couple the
 * command line to the server's internals and could stay green while the wire changed. Documents are
 * plain {@code Map}/{@code List} trees, so callers never see Jackson.
 *
 * <p>Failures are one unchecked type, {@link StorageClientException}, whose {@link
 * StorageClientException.Kind} tells "the server said no" (with the HTTP status and the envelope's
 * message) from "the server could not be reached".
 */
package com.bkbcs.storage.adapters.httpclient;
