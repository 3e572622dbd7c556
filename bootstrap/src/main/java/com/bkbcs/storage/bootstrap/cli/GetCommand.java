package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.Page;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.util.Map;
import java.util.function.Function;

/** {@code get TYPE [NAME]}: one resource, or every resource of a type in scope, paged through. */
@Command(name = "get", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Show one resource or list resources of a type.",
                "TYPE is a kind (Pod, Deployment, Node, ...) or a kubectl alias (pods, po, deploy, no); other types are used as typed."})
public final class GetCommand extends ClientCommand {
    @Parameters(index = "0", paramLabel = "TYPE", completionCandidates = TypeNames.class, description = "The resource type.")
    String type;

    @Parameters(index = "1", arity = "0..1", paramLabel = "NAME", description = "One resource's name.")
    String name;

    @Mixin
    ScopeOptions scope;

    @Option(names = {"-l", "--selector"}, paramLabel = "<selector>", description = "Label selector (app=web,tier!=db).")
    String selector;

    @Option(names = "--field", paramLabel = "<paths>", description = "Keep only these dotted paths (for -o json|yaml).")
    String field;

    @Mixin
    ListOptions paging;

    @Mixin
    Output output;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public GetCommand() {
        this(Terminal.system());
    }

    GetCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        Kinds.Kind kind = Kinds.resolve(type);
        output.format();
        Table table = Columns.forResources(kind, output.wide(), this::now);
        Function<Object, String> names = item -> kind.prefix() + "/" + Trees.text(item, "resourceName");
        if (name != null) {
            if (selector != null) {
                throw new IllegalArgumentException("--selector (-l) selects a list; it cannot go with a NAME");
            }
            Map<String, Object> found = client.get(scope.onePath(kind, name), Query.empty().with("field", field));
            output.one(found, table, names, out());
            return ExitCodes.OK;
        }
        paging.check();
        Query query = Query.empty().with("labelSelector", selector).with("field", field);
        Page page = client.listAll(scope.listPath(kind), query, paging.chunkSize, paging.limit, progress(paging.chunkSize));
        progressDone(page.items().size(), paging.chunkSize);
        output.list(page.items(), table, names, out(), err());
        return ExitCodes.OK;
    }

    /** Completion candidates of TYPE. */
    static final class TypeNames extends java.util.ArrayList<String> {
        TypeNames() {
            super(Kinds.names());
        }
    }
}
