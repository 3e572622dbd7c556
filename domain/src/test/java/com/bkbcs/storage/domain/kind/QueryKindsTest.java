package com.bkbcs.storage.domain.kind;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class QueryKindsTest {

    /** Every kind of the contract's section-5 table, with the stored types it reads. */
    @ParameterizedTest
    @CsvSource({
            "mesos, taskgroup, taskgroup", "mesos, application, application", "mesos, process, application",
            "mesos, deployment, deployment", "mesos, service, service", "mesos, configmap, configmap",
            "mesos, secret, secret", "mesos, endpoint, endpoint", "mesos, endpoints, endpoint",
            "mesos, ippoolstatic, IPPoolStatic", "mesos, ippoolstaticdetail, IPPoolStaticDetail",
            "k8s, pod, Pod", "k8s, replicaset, ReplicaSet", "k8s, deployment, Deployment", "k8s, service, Service",
            "k8s, configmap, ConfigMap", "k8s, secret, Secret", "k8s, endpoints, Endpoints EndPoints",
            "k8s, ingress, Ingress", "k8s, namespace, Namespace", "k8s, node, Node", "k8s, daemonset, DaemonSet",
            "k8s, job, Job", "k8s, statefulset, StatefulSet", "k8s, ippoolstatic, IPPoolStatic",
            "k8s, ippoolstaticdetail, IPPoolStaticDetail"})
    void everyKindReadsItsStoredTypes(String env, String kind, String types) {
        assertThat(QueryKinds.find(Env.of(env), kind)).get()
                .extracting(QueryKind::resourceTypes).isEqualTo(List.of(types.split(" ")));
    }

    @Test
    void unknownKindsAndEnvsAreAbsent() {
        assertThat(QueryKinds.find(Env.K8S, "taskgroup")).isEmpty();
        assertThat(QueryKinds.find(Env.MESOS, "Pod")).isEmpty();
    }

    @Test
    void mesosNamespaceAnswersWithTheNamespacesOfSixTypes() {
        assertThat(QueryKinds.find(Env.MESOS, "namespace").orElseThrow().namespaces()).contains(
                List.of("application", "deployment", "service", "configmap", "secret", "taskgroup"));
        assertThat(QueryKinds.find(Env.K8S, "namespace").orElseThrow().usedNamespaces()).isTrue();
    }

    static Stream<Arguments> parameters() {
        return Stream.of(
                Arguments.of("mesos", "taskgroup", Map.of("hostIp", "127.0.0.3,127.0.0.4"),
                        List.of(new Condition.AnyOf(FieldPath.parse("data.hostIP"), List.of("127.0.0.3", "127.0.0.4")))),
                Arguments.of("mesos", "taskgroup", Map.of("rcName", "app-test", "podIp", ""),
                        List.of(new Condition.AnyOf(FieldPath.parse("data.rcname"), List.of("app-test")))),
                Arguments.of("mesos", "application", Map.of("instance", "1,2"),
                        List.of(new Condition.AnyOf(FieldPath.parse("data.instance"), List.of(1L, 2L)))),
                Arguments.of("mesos", "deployment", Map.of("isInRolling", "false", "checkTime", "0"), List.of(
                        new Condition.AnyOf(FieldPath.parse("data.check_time"), List.of(0L)),
                        new Condition.AnyOf(FieldPath.parse("data.is_in_rolling"), List.of(false)))),
                Arguments.of("mesos", "deployment", Map.of("isInRolling", "1"),
                        List.of(new Condition.AnyOf(FieldPath.parse("data.is_in_rolling"), List.of(true)))),
                Arguments.of("mesos", "deployment", Map.of("applicationExtName", "x"),
                        List.of(new Condition.AnyOf(FieldPath.parse("data.application_ext.name"), List.of("x")))),
                Arguments.of("k8s", "pod", Map.of("createTimeBegin", "2017-10-16 07:34:50", "createTimeEnd", "1508139354"),
                        List.of(new Condition.Between(FieldPath.parse("data.metadata.creationTimestamp"),
                                Optional.of(Instant.parse("2017-10-16T07:34:50Z")),
                                Optional.of(Instant.parse("2017-10-16T07:35:54Z"))))),
                Arguments.of("k8s", "pod", Map.of("startTimeEnd", "2017-10-16T15:34:50+08:00"),
                        List.of(new Condition.Between(FieldPath.parse("data.status.startTime"),
                                Optional.empty(), Optional.of(Instant.parse("2017-10-16T07:34:50Z"))))),
                Arguments.of("k8s", "deployment", Map.of("strategyType", "RollingUpdate", "restartPolicy", "Always"), List.of(
                        new Condition.AnyOf(FieldPath.parse("data.spec.strategy.type"), List.of("RollingUpdate")),
                        new Condition.AnyOf(FieldPath.parse("data.spec.template.spec.restartPolicy"), List.of("Always")))),
                Arguments.of("k8s", "statefulset", Map.of("generation", "3", "access_token", "secret"),
                        List.of(new Condition.AnyOf(FieldPath.parse("data.metadata.generation"), List.of(3L)))),
                Arguments.of("k8s", "configmap", Map.of("status", "Running"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("parameters")
    void parametersBecomeConditionsOnTheirPaths(String env, String kind, Map<String, String> values, List<Condition> expected) {
        assertThat(QueryKinds.find(Env.of(env), kind).orElseThrow().conditions(values)).containsExactlyElementsOf(expected);
    }

    @ParameterizedTest
    @CsvSource({
            "mesos, application, instance, one",
            "mesos, application, runningInstance, 1.5",
            "mesos, deployment, isInRolling, yes",
            "k8s, daemonset, generation, '1,x'",
            "k8s, pod, createTimeBegin, yesterday",
            "k8s, pod, startTimeEnd, 2017-10-16"})
    void unparsableTypedValuesAreBadInput(String env, String kind, String name, String value) {
        QueryKind queryKind = QueryKinds.find(Env.of(env), kind).orElseThrow();
        assertThatThrownBy(() -> queryKind.conditions(Map.of(name, value)))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith(name);
    }

    @Test
    void usedSwitchOnlyOnKindsThatHaveIt() {
        QueryKind namespace = QueryKinds.find(Env.K8S, "namespace").orElseThrow();
        assertThat(namespace.wantsUsedNamespaces(Map.of("used", "1"))).isTrue();
        assertThat(namespace.wantsUsedNamespaces(Map.of("used", "true"))).isTrue();
        assertThat(namespace.wantsUsedNamespaces(Map.of("used", "0"))).isFalse();
        assertThat(namespace.wantsUsedNamespaces(Map.of())).isFalse();
        assertThatThrownBy(() -> namespace.wantsUsedNamespaces(Map.of("used", "maybe"))).isInstanceOf(StorageException.class);
        assertThat(QueryKinds.find(Env.K8S, "pod").orElseThrow().wantsUsedNamespaces(Map.of("used", "1"))).isFalse();
    }

    @Test
    void timePathsAreTheTimeParametersOfAllKinds() {
        assertThat(QueryKinds.timePaths().all()).extracting(FieldPath::toString).containsExactlyInAnyOrder(
                "data.startTime", "data.lastUpdateTime", "data.createTime", "data.last_rolling_time",
                "data.status.startTime", "data.metadata.creationTimestamp");
        assertThat(QueryKinds.timePaths().of("Pod")).extracting(FieldPath::toString)
                .containsExactlyInAnyOrder("data.status.startTime", "data.metadata.creationTimestamp");
        assertThat(QueryKinds.timePaths().of("NoSuchType")).isEmpty();
        assertThat(QueryKinds.timePaths().contains(FieldPath.parse("data.status.startTime"))).isTrue();
        assertThat(TimePaths.NONE.contains(FieldPath.parse("data.status.startTime"))).isFalse();
    }
}
