package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ApiPaths;
import com.bkbcs.storage.adapters.httpclient.Page;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.List;

/** {@code query KIND}: a typed query (docs/queries.md) with its parameters as {@code --param k=v}. */
@Command(name = "query", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Run a typed query (docs/queries.md): pod, deployment, node, namespace, taskgroup, ...",
                "Its parameters go as --param name=value (status=Running, hostIp=10.0.0.1, createTimeBegin=...)."})
public final class QueryCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "KIND", description = "The query kind, lower case as in docs/queries.md.")
    String kind;

    @Option(names = "--env", paramLabel = "k8s|mesos", defaultValue = "k8s", completionCandidates = ScopeOptions.Envs.class,
            description = "The environment (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = {"-c", "--cluster"}, paramLabel = "<clusterId>", defaultValue = "${env:BCS_STORAGE_CLUSTER}",
            description = "The cluster (env BCS_STORAGE_CLUSTER).")
    String cluster;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>", description = "Namespaces, comma = any of (default: all).")
    String namespace;

    @Option(names = {"-l", "--selector"}, paramLabel = "<selector>", description = "Label selector.")
    String selector;

    @Option(names = "--field", paramLabel = "<paths>", description = "Keep only these dotted paths (for -o json|yaml).")
    String field;

    @Option(names = {"-p", "--param"}, paramLabel = "<name=value>", description = "A parameter of the kind; repeatable.")
    List<String> params;

    @Mixin
    ListOptions paging;

    @Mixin
    Output output;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public QueryCommand() {
        this(Terminal.system());
    }

    QueryCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        ScopeOptions scope = new ScopeOptions();
        scope.env = env;
        scope.cluster = cluster;
        output.format();
        paging.check();
        Query query = Query.empty().with("namespace", namespace).with("labelSelector", selector).with("field", field)
                .with(Params.of(params));
        Page page = client.listAll(ApiPaths.query(scope.env(), scope.cluster(), kind), query, paging.chunkSize, paging.limit,
                progress(paging.chunkSize));
        progressDone(page.items().size(), paging.chunkSize);
        output.list(page.items(), Columns.forQueryResults(output.wide(), this::now),
                item -> item instanceof String text ? text
                        : Trees.text(item, "resourceType").toLowerCase(java.util.Locale.ROOT) + "/" + Trees.text(item, "resourceName"),
                out(), err());
        return ExitCodes.OK;
    }
}
