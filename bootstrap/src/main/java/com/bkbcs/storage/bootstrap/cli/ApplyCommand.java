package com.bkbcs.storage.bootstrap.cli;

import com.bkbcs.storage.adapters.httpclient.ApiPaths;
import com.bkbcs.storage.adapters.httpclient.Documents;
import com.bkbcs.storage.adapters.httpclient.Query;
import com.bkbcs.storage.adapters.httpclient.StorageClient;
import com.bkbcs.storage.adapters.httpclient.StorageClientException;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * {@code apply -f FILE|DIR|-}: PUTs every Kubernetes object of the files as a cluster agent reports it.
 * Every document is read and checked before the first request, so a bad document sends nothing.
 */
@Command(name = "apply", mixinStandardHelpOptions = true, sortOptions = false,
        description = {"Store Kubernetes objects from JSON or YAML files, as a cluster agent reports them.",
                "Type = kind, name and namespace from metadata; cluster-scoped kinds (Node, Namespace, ...) are stored cluster-wide."})
public final class ApplyCommand extends ClientCommand {
    @Option(names = {"-f", "--filename"}, required = true, paramLabel = "FILE|DIR|-",
            description = "A file (one or many documents), a directory (its *.yaml, *.yml, *.json) or - for standard input; repeatable.")
    List<String> files;

    @Option(names = "--env", paramLabel = "k8s|mesos", defaultValue = "k8s", completionCandidates = ScopeOptions.Envs.class,
            description = "The environment of the routes (default: ${DEFAULT-VALUE}).")
    String env;

    @Option(names = {"-c", "--cluster"}, paramLabel = "<clusterId>", defaultValue = "${env:BCS_STORAGE_CLUSTER}",
            description = "The cluster (env BCS_STORAGE_CLUSTER).")
    String cluster;

    @Option(names = {"-n", "--namespace"}, paramLabel = "<namespace>",
            description = "Namespace of objects that name none (default: default); objects naming another are refused.")
    String namespace;

    @Option(names = "--dry-run", description = "Print the requests instead of sending them.")
    boolean dryRun;

    /** For picocli's own factory (a {@code new CommandLine(new Main())}): this process's terminal. */
    public ApplyCommand() {
        this(Terminal.system());
    }

    ApplyCommand(Terminal terminal) {
        super(terminal);
    }

    @Override
    int run(StorageClient client) {
        ScopeOptions scope = new ScopeOptions();
        scope.env = env;
        scope.cluster = cluster;
        String checkedEnv = scope.env();
        String checkedCluster = scope.cluster();
        List<Manifest> manifests = new ArrayList<>();
        for (String file : files) {
            for (Map.Entry<String, List<Object>> documents : read(file)) {
                for (Object document : documents.getValue()) {
                    manifests.addAll(Manifest.of(document, documents.getKey(), namespace));
                }
            }
        }
        if (manifests.isEmpty()) {
            throw StorageClientException.invalidInput("no objects in " + String.join(", ", files), null);
        }
        for (Manifest manifest : manifests) {
            String path = ApiPaths.resource(checkedEnv, checkedCluster, manifest.namespace(), manifest.type(), manifest.name());
            Map<String, Object> body = new LinkedHashMap<>();
            body.put("data", manifest.data());
            if (dryRun) {
                out().println("PUT " + client.uri(path, Query.empty()));
                out().println(Documents.toJson(body));
            } else {
                client.put(path, body);
                out().println(manifest.label() + " applied");
            }
            out().flush();
        }
        return ExitCodes.OK;
    }

    /** The documents of a file, of every manifest file of a directory, or of standard input, by source. */
    private List<Map.Entry<String, List<Object>>> read(String file) {
        if ("-".equals(file)) {
            return List.of(Map.entry("<stdin>", Documents.readAll(terminal.in(), "<stdin>")));
        }
        Path path = Path.of(file);
        List<Path> sources = new ArrayList<>();
        if (Files.isDirectory(path)) {
            try (Stream<Path> listed = Files.list(path)) {
                listed.filter(p -> p.toString().matches(".*\\.(ya?ml|json)$") && Files.isRegularFile(p)).sorted()
                        .forEach(sources::add);
            } catch (IOException e) {
                throw StorageClientException.invalidInput(file + ": cannot list the directory: " + e.getMessage(), e);
            }
        } else {
            sources.add(path);
        }
        List<Map.Entry<String, List<Object>>> read = new ArrayList<>();
        for (Path source : sources) {
            try (InputStream in = Files.newInputStream(source)) {
                read.add(Map.entry(source.toString(), Documents.readAll(in, source.toString())));
            } catch (IOException e) {
                throw StorageClientException.invalidInput(source + ": cannot be read: " + e.getMessage(), e);
            }
        }
        return read;
    }
}
