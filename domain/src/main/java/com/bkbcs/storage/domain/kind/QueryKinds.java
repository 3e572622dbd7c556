package com.bkbcs.storage.domain.kind;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import static com.bkbcs.storage.domain.kind.ParameterType.BOOL;
import static com.bkbcs.storage.domain.kind.ParameterType.INT;
import static com.bkbcs.storage.domain.kind.ParameterType.STRING;
import static com.bkbcs.storage.domain.kind.ParameterType.TIME;
import static com.bkbcs.storage.domain.kind.QueryParameter.data;

/**
 * Every typed-query kind of the API, as data: adding a kind is one row here (and its test).
 * {@code name}, {@code namespace}, {@code field}, {@code extra}, {@code offset}, {@code limit},
 * {@code resourceName}, {@code data.<path>} and {@code labelSelector} apply to every kind and are
 * not listed per kind.
 */
public final class QueryKinds {
    private static final FieldPath DATA_KIND = FieldPath.parse("data.kind");
    private static final QueryParameter K8S_CREATE_TIME = data("createTime", "metadata.creationTimestamp", TIME);
    private static final List<String> MESOS_NAMESPACE_TYPES =
            List.of("application", "deployment", "service", "configmap", "secret", "taskgroup");

    private static final List<QueryParameter> APPLICATION = List.of(
            data("instance", "instance", INT),
            data("buildedInstance", "buildedInstance", INT),
            data("runningInstance", "runningInstance", INT),
            data("status", "status", STRING),
            data("lastStatus", "lastStatus", STRING),
            data("podIp", "podIP", STRING),
            data("createTime", "createTime", TIME),
            data("lastUpdateTime", "lastUpdateTime", TIME));

    private static final List<QueryKind> ALL = List.of(
            mesos("taskgroup", "taskgroup",
                    data("rcName", "rcname", STRING),
                    data("status", "status", STRING),
                    data("lastStatus", "lastStatus", STRING),
                    data("hostIp", "hostIP", STRING),
                    data("hostName", "hostName", STRING),
                    data("podIp", "podIP", STRING),
                    data("startTime", "startTime", TIME),
                    data("lastUpdateTime", "lastUpdateTime", TIME)),
            new QueryKind(Env.MESOS, "application", List.of("application"),
                    List.of(new Condition.NoneOf(DATA_KIND, List.of("process"))), APPLICATION, Optional.empty(), false),
            new QueryKind(Env.MESOS, "process", List.of("application"),
                    List.of(new Condition.AnyOf(DATA_KIND, List.of("process"))), APPLICATION, Optional.empty(), false),
            mesos("deployment", "deployment",
                    data("checkTime", "check_time", INT),
                    data("status", "status", STRING),
                    data("applicationName", "application.name", STRING),
                    data("applicationExtName", "application_ext.name", STRING),
                    data("currRollingOperation", "curr_rolling_operation", STRING),
                    data("isInRolling", "is_in_rolling", BOOL),
                    data("lastRollingTime", "last_rolling_time", TIME)),
            mesos("service", "service", data("apiVersion", "apiVersion", STRING)),
            mesos("configmap", "configmap", data("apiVersion", "apiVersion", STRING)),
            mesos("secret", "secret", data("apiVersion", "apiVersion", STRING)),
            mesos("endpoint", "endpoint", data("apiVersion", "apiVersion", STRING)),
            mesos("endpoints", "endpoint", data("apiVersion", "apiVersion", STRING)),
            mesos("ippoolstatic", "IPPoolStatic"),
            mesos("ippoolstaticdetail", "IPPoolStaticDetail"),
            new QueryKind(Env.MESOS, "namespace", List.of(), List.of(), List.of(), Optional.of(MESOS_NAMESPACE_TYPES), false),

            k8s("pod", List.of("Pod"),
                    data("status", "status.phase", STRING),
                    data("hostIp", "status.hostIP", STRING),
                    data("podIp", "status.podIP", STRING),
                    data("startTime", "status.startTime", TIME),
                    K8S_CREATE_TIME),
            k8s("replicaset", List.of("ReplicaSet"),
                    data("replicas", "status.replicas", INT),
                    data("availableReplicas", "status.availableReplicas", INT),
                    data("readyReplicas", "status.readyReplicas", INT),
                    K8S_CREATE_TIME),
            k8s("deployment", List.of("Deployment"),
                    data("replicas", "status.replicas", INT),
                    data("availableReplicas", "status.availableReplicas", INT),
                    data("updatedReplicas", "status.updatedReplicas", INT),
                    data("strategyType", "spec.strategy.type", STRING),
                    data("dnsPolicy", "spec.template.spec.dnsPolicy", STRING),
                    data("restartPolicy", "spec.template.spec.restartPolicy", STRING),
                    K8S_CREATE_TIME),
            k8s("service", List.of("Service"),
                    data("clusterIp", "spec.clusterIP", STRING),
                    data("type", "spec.type", STRING),
                    K8S_CREATE_TIME),
            k8s("configmap", List.of("ConfigMap"), K8S_CREATE_TIME),
            k8s("secret", List.of("Secret"), K8S_CREATE_TIME),
            k8s("endpoints", List.of("Endpoints", "EndPoints"), K8S_CREATE_TIME),
            k8s("ingress", List.of("Ingress"), K8S_CREATE_TIME),
            new QueryKind(Env.K8S, "namespace", List.of("Namespace"), List.of(),
                    List.of(data("status", "status.phase", STRING), K8S_CREATE_TIME), Optional.empty(), true),
            k8s("node", List.of("Node"),
                    data("externalID", "spec.externalID", STRING),
                    K8S_CREATE_TIME),
            k8s("daemonset", List.of("DaemonSet"),
                    data("resourceVersion", "metadata.resourceVersion", STRING),
                    data("uid", "metadata.uid", STRING),
                    data("generation", "metadata.generation", INT),
                    data("templateGeneration", "spec.templateGeneration", INT),
                    K8S_CREATE_TIME),
            k8s("job", List.of("Job"),
                    data("resourceVersion", "metadata.resourceVersion", STRING),
                    data("uid", "metadata.uid", STRING),
                    K8S_CREATE_TIME),
            k8s("statefulset", List.of("StatefulSet"),
                    data("resourceVersion", "metadata.resourceVersion", STRING),
                    data("uid", "metadata.uid", STRING),
                    data("generation", "metadata.generation", INT),
                    data("podManagementPolicy", "spec.podManagementPolicy", STRING),
                    data("updateStrategyType", "spec.updateStrategy.type", STRING),
                    data("serviceName", "spec.serviceName", STRING),
                    K8S_CREATE_TIME),
            k8s("ippoolstatic", List.of("IPPoolStatic")),
            k8s("ippoolstaticdetail", List.of("IPPoolStaticDetail")));

    private QueryKinds() {
    }

    public static Optional<QueryKind> find(Env env, String kind) {
        return ALL.stream().filter(k -> k.env() == env && k.kind().equals(kind)).findFirst();
    }

    public static List<QueryKind> all() {
        return ALL;
    }

    /** The paths every kind reads as times, for stores that normalize them. */
    public static TimePaths timePaths() {
        return TimePaths.of(ALL);
    }

    private static QueryKind mesos(String kind, String resourceType, QueryParameter... parameters) {
        return new QueryKind(Env.MESOS, kind, List.of(resourceType), List.of(), Arrays.asList(parameters), Optional.empty(),
                false);
    }

    private static QueryKind k8s(String kind, List<String> resourceTypes, QueryParameter... parameters) {
        return new QueryKind(Env.K8S, kind, new ArrayList<>(resourceTypes), List.of(), Arrays.asList(parameters),
                Optional.empty(), false);
    }
}
