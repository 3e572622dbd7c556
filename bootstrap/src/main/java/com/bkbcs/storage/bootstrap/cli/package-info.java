/**
 * The command-line client ({@code get}, {@code apply}, {@code delete}, {@code query}, {@code events},
 * {@code alarms}, {@code watch}, {@code completion}): picocli commands that parse options and print;
 * every request goes through the outbound adapter {@code adapters.httpclient}. Exit codes: 0 ok,
 * 1 the server said no (or a manifest cannot be sent), 2 a usage mistake, 3 the server could not be
 * reached (docs/cli.md).
 */
package com.bkbcs.storage.bootstrap.cli;
