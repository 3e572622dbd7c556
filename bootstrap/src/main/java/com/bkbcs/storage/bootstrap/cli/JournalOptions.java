package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.Query;
import picocli.CommandLine.Option;

import java.time.Instant;
import java.util.List;

/** What events and alarms share: cluster, time window, free parameters. */
public final class JournalOptions {
    @Option(names = {"-c", "--cluster"}, paramLabel = "<clusterId>", defaultValue = "${env:BCS_STORAGE_CLUSTER}",
            description = "Clusters, comma = any of (env BCS_STORAGE_CLUSTER; default: every cluster).")
    String cluster;

    @Option(names = "--since", paramLabel = "<time>", description = "Only from this time: a duration ago (1h, 30m), RFC 3339 or unix seconds.")
    String since;

    @Option(names = "--until", paramLabel = "<time>", description = "Only up to this time (same forms as --since).")
    String until;

    @Option(names = {"-p", "--param"}, paramLabel = "<name=value>",
            description = "Any other filter of the route (data.<path>=v, extra=<base64>); repeatable.")
    List<String> params;

    Query query(Instant now) {
        return Query.empty().with("clusterId", cluster)
                .with("timeBegin", since == null ? null : Long.toString(Times.pointInTime(since, "--since", now).getEpochSecond()))
                .with("timeEnd", until == null ? null : Long.toString(Times.pointInTime(until, "--until", now).getEpochSecond()));
    }

    Query params() {
        return Params.of(params);
    }
}
