package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ApiPaths;
import com.bkbcs.storage.adapters.httpclient.Documents;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import com.bkbcs.storage.adapters.httpclient.WatchEvent;
import com.bkbcs.storage.adapters.httpclient.WatchListener;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintWriter;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;

/**
 * {@code watch TYPE}: the current resources (as ADDED), then every change as it happens, from the
 * change stream (docs/watching.md). It resumes by itself from the last revision it saw after a
 * dropped connection or a restart of the server, and lists again after a 410.
 */
@Command(name = "watch", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show the resources of a type, then their changes as they happen.",
                "-o json prints the server's NDJSON lines (bookmarks included); the current resources come first as ADDED."})
public final class WatchCommand extends ClientCommand {
    private static final int NAME_WIDTH = 30;
    private static final int CELL_WIDTH = 12;

    @Parameters(index = "0", paramLabel = "TYPE", completionCandidates = GetCommand.TypeNames.class, description = "The resource type.")
    String type;

    @Mixin
    ScopeOptions scope;

    @Option(names = {"-l", "--selector"}, paramLabel = "<selector>", description = "Label selector.")
    String selector;

    @Option(names = "--field", paramLabel = "<paths>", description = "Keep only these paths of each object (for -o json|yaml).")
    String field;

    @Option(names = "--since-revision", paramLabel = "<revision>",
            description = "Start after this revision instead of listing first (a bookmark's or an event's revision).")
    Long sinceRevision;

    @Option(names = "--timeout", paramLabel = "<duration>", description = "Stop after this long (30s, 5m, 1h; default: never).")
    String timeout;

    @Option(names = "--max-events", paramLabel = "<n>", defaultValue = "0",
            description = "Stop after this many changes (not counting the first list or bookmarks; default: never).")
    long maxEvents;

    @Mixin
    Output output;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public WatchCommand() {
        this(Terminal.system());
    }

    WatchCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        Kinds.Kind kind = Kinds.resolve(type);
        Output.Format format = output.format();
        scope.requireNotBoth();
        Instant deadline = timeout == null ? Instant.MAX : now().plus(Times.duration(timeout, "--timeout"));
        Query filters = Query.empty()
                .with("namespace", kind.clusterScoped() || scope.allNamespaces ? null : scope.namespace())
                .with("labelSelector", selector).with("field", field);
        Table table = Columns.forResources(kind, output.wide(), this::now);
        List<Table.Column> columns = new ArrayList<>(List.of(Table.column("event", event -> ((WatchEvent) event).type()),
                Table.column("revision", event -> Long.toString(((WatchEvent) event).revision()))));
        table.columns().forEach(column -> columns.add(Table.column(column.header(),
                event -> column.cell().apply(((WatchEvent) event).object()))));
        int[] widths = columns.stream().mapToInt(c -> c.header().equals("NAME") ? NAME_WIDTH : CELL_WIDTH).toArray();
        PrintWriter out = out();
        if (format == Output.Format.TABLE || format == Output.Format.WIDE) {
            out.println(Table.line(columns.stream().map(Table.Column::header).toArray(String[]::new), widths));
            out.flush();
        }
        long[] changes = {0};
        client.watch(ApiPaths.watch(scope.env(), scope.cluster(), kind.name()), ApiPaths.allScopes(scope.env(), scope.cluster(),
                kind.name()), filters, sinceRevision == null ? OptionalLong.empty() : OptionalLong.of(sinceRevision), deadline,
                new WatchListener() {
                    @Override
                    public boolean onEvent(WatchEvent event) {
                        print(event, format, columns, widths, kind, out);
                        if (!event.isBookmark() && !event.fromList()) {
                            changes[0]++;
                        }
                        return maxEvents == 0 || changes[0] < maxEvents;
                    }

                    @Override
                    public void onReconnect(String reason, long revision, Duration wait) {
                        err().println("watch: " + reason + "; resuming from revision " + revision + " in " + wait.toMillis() + " ms");
                        err().flush();
                    }

                    @Override
                    public void onRelist(String reason) {
                        err().println("watch: " + reason + "; listing again");
                        err().flush();
                    }
                });
        return ExitCodes.OK;
    }

    private static void print(WatchEvent event, Output.Format format, List<Table.Column> columns, int[] widths, Kinds.Kind kind,
                              PrintWriter out) {
        switch (format) {
            case JSON -> out.println(event.json());
            case YAML -> {
                if (!event.isBookmark()) {
                    out.print("---\n" + Documents.toYaml(java.util.Map.of("type", event.type(), "revision", event.revision(),
                            "object", event.object())));
                }
            }
            case NAME -> {
                if (!event.isBookmark()) {
                    out.println(event.type() + " " + kind.prefix() + "/" + Trees.text(event.object(), "resourceName"));
                }
            }
            case TABLE, WIDE -> {
                if (!event.isBookmark()) {
                    out.println(Table.line(columns.stream().map(c -> c.cell().apply(event)).toArray(String[]::new), widths));
                }
            }
        }
        out.flush();
    }
}
