package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ApiPaths;
import com.bkbcs.storage.adapters.httpclient.Page;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code alarms}: the alarm journal, newest first, filtered (docs/events-alarms.md). */
@Command(name = "alarms", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List alarms, newest first.")
public final class AlarmsCommand extends ClientCommand {
    @Mixin
    JournalOptions journal;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>", description = "Only these namespaces (comma = any of).")
    String namespace;

    @Option(names = "--source", paramLabel = "<source>", description = "Only from these sources.")
    String source;

    @Option(names = "--module", paramLabel = "<module>", description = "Only from these modules.")
    String module;

    @Option(names = "--type", paramLabel = "<type>", description = "Only these types.")
    String type;

    @Option(names = "--field", paramLabel = "<paths>", description = "Keep only these paths (for -o json|yaml).")
    String field;

    @Mixin
    ListOptions paging;

    @Mixin
    Output output;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public AlarmsCommand() {
        this(Terminal.system());
    }

    AlarmsCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        output.format();
        paging.check();
        Query query = journal.query(now()).with("namespace", namespace).with("source", source).with("module", module)
                .with("type", type).with("field", field).with(journal.params());
        Page page = client.listAll(ApiPaths.alarms(), query, paging.chunkSize, paging.limit, progress(paging.chunkSize));
        progressDone(page.items().size(), paging.chunkSize);
        output.list(page.items(), Columns.forAlarms(output.wide()), item -> "alarm/" + Trees.text(item, "_id"), out(), err());
        return ExitCodes.OK;
    }
}
