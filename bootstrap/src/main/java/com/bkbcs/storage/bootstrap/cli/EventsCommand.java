package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ApiPaths;
import com.bkbcs.storage.adapters.httpclient.Page;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code events}: the event journal, newest first, filtered (docs/events-alarms.md). */
@Command(name = "events", mixinStandardHelpOptions = true, sortOptions = false,
        description = "List events, newest first.")
public final class EventsCommand extends ClientCommand {
    @Mixin
    JournalOptions journal;

    @Option(names = "--env", paramLabel = "<env>", description = "Only events of this env (k8s, mesos; comma = any of).")
    String env;

    @Option(names = "--level", paramLabel = "<level>", description = "Only these levels (warning, normal; comma = any of).")
    String level;

    @Option(names = "--kind", paramLabel = "<kind>", description = "Only these event kinds.")
    String kind;

    @Option(names = "--component", paramLabel = "<component>", description = "Only from these components.")
    String component;

    @Option(names = "--type", paramLabel = "<type>", description = "Only these types.")
    String type;

    @Option(names = "--object", paramLabel = "<name>", description = "Only about objects of this name (extraInfo.name).")
    String object;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>", description = "Only about objects of this namespace (extraInfo.namespace).")
    String namespace;

    @Option(names = "--object-kind", paramLabel = "<kind>", description = "Only about objects of this kind (extraInfo.kind).")
    String objectKind;

    @Option(names = "--field", paramLabel = "<paths>", description = "Keep only these paths (for -o json|yaml).")
    String field;

    @Mixin
    ListOptions paging;

    @Mixin
    Output output;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public EventsCommand() {
        this(Terminal.system());
    }

    EventsCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        output.format();
        paging.check();
        Query query = journal.query(now()).with("env", env).with("level", level).with("kind", kind)
                .with("component", component).with("type", type).with("extraInfo.name", object)
                .with("extraInfo.namespace", namespace).with("extraInfo.kind", objectKind).with("field", field)
                .with(journal.params());
        Page page = client.listAll(ApiPaths.events(), query, paging.chunkSize, paging.limit, progress(paging.chunkSize));
        progressDone(page.items().size(), paging.chunkSize);
        output.list(page.items(), Columns.forEvents(output.wide()), item -> "event/" + Trees.text(item, "_id"), out(), err());
        return ExitCodes.OK;
    }
}
