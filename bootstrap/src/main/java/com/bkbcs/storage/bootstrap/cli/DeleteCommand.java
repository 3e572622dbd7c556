package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.Page;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.time.Instant;
import java.util.List;
import java.util.Optional;

/**
 * {@code delete TYPE NAME}, or every resource of the type in scope ({@code --all}), those of a label
 * selector ({@code -l}) and/or those last updated at or before a time ({@code --updated-before}).
 * A many-resource delete lists what matches first (that is the count it prints), asks on the
 * terminal unless {@code --yes}, then sends one batch delete with the same filters.
 */
@Command(name = "delete", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Delete one resource, or many: --all, -l selector, --updated-before TIME.",
                "Deleting many asks for confirmation on the terminal unless --yes."})
public final class DeleteCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TYPE", completionCandidates = GetCommand.TypeNames.class, description = "The resource type.")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "One resource's name.")
    String name;

    @Mixin
    ScopeOptions scope;

    @Option(names = "--all", description = "Every resource of the type in scope.")
    boolean all;

    @Option(names = {"-l", "--selector"}, paramLabel = "<selector>", description = "Only resources matching this label selector.")
    String selector;

    @Option(names = "--updated-before", paramLabel = "<time>",
            description = "Only resources last updated at or before this time: a duration ago (2h), RFC 3339 or unix seconds.")
    String updatedBefore;

    @Option(names = {"-y", "--yes"}, description = "Do not ask before deleting many.")
    boolean yes;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public DeleteCommand() {
        this(Terminal.system());
    }

    DeleteCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        Kinds.Kind kind = Kinds.resolve(type);
        boolean many = all || selector != null || updatedBefore != null;
        if (name != null && many) {
            throw new IllegalArgumentException("give a NAME or --all/--selector/--updated-before, not both");
        }
        if (name != null) {
            String path = scope.onePath(kind, name);
            client.get(path, Query.empty().with("field", "resourceName"));
            client.delete(path, Query.empty());
            out().println(kind.prefix() + "/" + name + " deleted");
            out().flush();
            return ExitCodes.OK;
        }
        if (!many) {
            throw new IllegalArgumentException("say what to delete: a NAME, --all, --selector (-l) or --updated-before");
        }
        Optional<Instant> before = Optional.ofNullable(updatedBefore).map(t -> Times.pointInTime(t, "--updated-before", now()));
        String path = scope.listPath(kind);
        Query filters = Query.empty().with("labelSelector", selector);
        Page matching = client.listAll(path, filters.with("field", "resourceName,namespace,updateTime"), 0, 0, n -> { });
        List<Object> doomed = matching.items().stream()
                .filter(item -> before.isEmpty() || !updatedAfter(item, before.get())).toList();
        String what = kind.name() + " in " + scope.describe(kind);
        if (doomed.isEmpty()) {
            out().println("0 deleted: no " + what + " matches");
            out().flush();
            return ExitCodes.OK;
        }
        if (!yes && !confirmed(doomed.size() + " " + what)) {
            err().println("Nothing deleted.");
            err().flush();
            return ExitCodes.OK;
        }
        client.delete(path, filters.with("updateTimeEnd", before.map(Instant::toString).orElse(null)));
        out().println(doomed.size() + " deleted: " + what);
        out().flush();
        return ExitCodes.OK;
    }

    private static boolean updatedAfter(Object item, Instant before) {
        Instant updated = Times.parse(Trees.at(item, "updateTime"));
        return updated != null && updated.isAfter(before);
    }

    private boolean confirmed(String what) {
        if (!terminal.interactive()) {
            throw new IllegalArgumentException("about to delete " + what + ": add --yes, there is no terminal to confirm on");
        }
        err().print("Delete " + what + "? [y/N] ");
        err().flush();
        String answer = terminal.readLine().orElse("").strip();
        return answer.equalsIgnoreCase("y") || answer.equalsIgnoreCase("yes");
    }
}
