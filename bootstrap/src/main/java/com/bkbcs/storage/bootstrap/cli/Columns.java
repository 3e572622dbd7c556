package com.bkbcs.storage.bootstrap.cli;

import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.function.Supplier;

import static com.bkbcs.storage.bootstrap.cli.Table.column;

/**
 * The table columns of stored resources: NAME, NAMESPACE (for namespaced types), what matters for
 * the type, AGE (from {@code metadata.creationTimestamp}, else the service's {@code createTime});
 * {@code -o wide} adds more of the type and UPDATED.
 */
final class Columns {
    private Columns() {
    }

    static Table forResources(Kinds.Kind kind, boolean wide, Supplier<Instant> clock) {
        List<Table.Column> columns = new ArrayList<>();
        columns.add(column("name", item -> Trees.text(item, "resourceName")));
        if (!kind.clusterScoped()) {
            columns.add(column("namespace", item -> Trees.text(item, "namespace")));
        }
        switch (kind.name()) {
            case "Pod" -> {
                columns.add(column("phase", item -> Trees.text(item, "data.status.phase")));
                columns.add(column("host ip", item -> Trees.text(item, "data.status.hostIP")));
                if (wide) {
                    columns.add(column("pod ip", item -> Trees.text(item, "data.status.podIP")));
                    columns.add(column("node", item -> Trees.text(item, "data.spec.nodeName")));
                }
            }
            case "Deployment", "StatefulSet", "ReplicaSet" -> {
                columns.add(column("ready", item -> count(item, "data.status.readyReplicas") + "/"
                        + count(item, "data.spec.replicas")));
                if (wide) {
                    columns.add(column("available", item -> count(item, "data.status.availableReplicas")));
                }
            }
            case "Node" -> {
                if (wide) {
                    columns.add(column("external id", item -> Trees.text(item, "data.spec.externalID")));
                }
            }
            case "Service" -> {
                columns.add(column("type", item -> Trees.text(item, "data.spec.type")));
                columns.add(column("cluster ip", item -> Trees.text(item, "data.spec.clusterIP")));
            }
            default -> {
                // name, namespace and age say enough of other types
            }
        }
        columns.add(column("age", item -> Times.age(created(item), clock.get())));
        if (wide) {
            columns.add(column("updated", item -> Trees.text(item, "updateTime")));
        }
        return new Table(columns);
    }

    /** The columns of typed query results, which may mix types. */
    static Table forQueryResults(boolean wide, Supplier<Instant> clock) {
        List<Table.Column> columns = new ArrayList<>();
        columns.add(column("name", item -> item instanceof String text ? text : Trees.text(item, "resourceName")));
        columns.add(column("namespace", item -> Trees.text(item, "namespace")));
        columns.add(column("type", item -> Trees.text(item, "resourceType")));
        columns.add(column("age", item -> Times.age(created(item), clock.get())));
        if (wide) {
            columns.add(column("updated", item -> Trees.text(item, "updateTime")));
        }
        return new Table(columns);
    }

    static Table forEvents(boolean wide) {
        List<Table.Column> columns = new ArrayList<>(List.of(
                column("time", item -> Trees.text(item, "eventTime")),
                column("level", item -> Trees.text(item, "level")),
                column("kind", item -> Trees.text(item, "kind")),
                column("type", item -> Trees.text(item, "type")),
                column("component", item -> Trees.text(item, "component")),
                column("object", item -> Trees.text(item, "extraInfo.namespace") + "/" + Trees.text(item, "extraInfo.name"))));
        if (wide) {
            columns.add(column("cluster", item -> Trees.text(item, "clusterId")));
        }
        columns.add(column("message", item -> Trees.text(item, "describe")));
        return new Table(columns);
    }

    static Table forAlarms(boolean wide) {
        List<Table.Column> columns = new ArrayList<>(List.of(
                column("time", item -> Trees.text(item, "receivedTime")),
                column("cluster", item -> Trees.text(item, "clusterId")),
                column("namespace", item -> Trees.text(item, "namespace")),
                column("module", item -> Trees.text(item, "module")),
                column("type", item -> Trees.text(item, "type"))));
        if (wide) {
            columns.add(column("source", item -> Trees.text(item, "source")));
        }
        columns.add(column("message", item -> Trees.text(item, "message")));
        return new Table(columns);
    }

    private static Instant created(Object item) {
        Instant created = Times.parse(Trees.at(item, "data.metadata.creationTimestamp"));
        return created != null ? created : Times.parse(Trees.at(item, "createTime"));
    }

    private static String count(Object item, String path) {
        Object value = Trees.at(item, path);
        return value instanceof Number ? value.toString() : "0";
    }
}
