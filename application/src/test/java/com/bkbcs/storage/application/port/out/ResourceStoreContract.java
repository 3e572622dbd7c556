package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.Resource;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.query.Condition;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.Random;
import java.util.UUID;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.stream.Collectors;
import java.util.stream.IntStream;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * What every {@link ResourceStore} must do, with the domain's reference semantics
 * ({@link Condition#test}, {@link Projection#apply}) as the yardstick. Run it against each
 * implementation by extending it; the cases come in nested groups, one per part of the contract
 * (round trip, hostile keys, numbers, scopes, filters, projection, paging, batch delete,
 * concurrency, times, distinct namespaces). Every test works in clusters of its own, so one store
 * may be shared by all tests and tests never interfere.
 */
public abstract class ResourceStoreContract {
    private static final Instant T0 = Instant.parse("2024-03-01T08:00:00Z");
    private static final List<String> DOCUMENT_FIELDS = List.of(
            "_id", "clusterId", "namespace", "resourceType", "resourceName", "data", "createTime", "updateTime", "revision");

    /** The store under test; may be shared between tests. */
    protected abstract ResourceStore store();

    /** Round trip. */
    @Nested
    class RoundTrip {
        static Stream<Arguments> jsonShapes() {
            return Stream.of(
                    Arguments.of("object", map("metadata", map("name", "p", "labels", map("app", "web")),
                            "spec", map("containers", List.of(map("name", "c", "ports", List.of(80, 443)))),
                            "empty", map(), "none", null)),
                    Arguments.of("empty object", map()),
                    Arguments.of("array", Arrays.asList(1, "two", map("three", 3), List.of(), null, false)),
                    Arguments.of("empty array", List.of()),
                    Arguments.of("string", "just text"),
                    Arguments.of("empty string", ""),
                    Arguments.of("integer", 42),
                    Arguments.of("double", 1.5),
                    Arguments.of("true", true),
                    Arguments.of("false", false),
                    Arguments.of("null", null));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("jsonShapes")
        void storesDataOfEveryJsonShapeAndReadsItBack(String shape, Object data) {
            ResourceKey key = ResourceKey.namespaced(newCluster(), "default", "Pod", "p-" + shape.replace(' ', '-'));

            store().upsert(key, data, at(1));

            Resource found = store().find(key).orElseThrow();
            assertThat(found.key()).isEqualTo(key);
            assertSameJson(found.data(), data);
            assertThat(found.createTime()).isEqualTo(at(1));
            assertThat(found.updateTime()).isEqualTo(at(1));
            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.namespace(key.clusterId(), "default", "Pod")));
            assertThat(listed).hasSize(1);
            assertThat(listed.get(0)).containsKey("data");
            assertSameJson(listed.get(0).get("data"), data);
        }

        @Test
        void firstWriteSetsCreateTimeAndLaterWritesKeepItWhileUpdateTimeMoves() {
            ResourceKey key = ResourceKey.namespaced(newCluster(), "default", "Pod", "p");

            store().upsert(key, map("v", 1), at(1));
            store().upsert(key, map("v", 2), at(5));

            Resource found = store().find(key).orElseThrow();
            assertThat(found.createTime()).isEqualTo(at(1));
            assertThat(found.updateTime()).isEqualTo(at(5));
            store().upsert(key, map("v", 3), at(9));
            found = store().find(key).orElseThrow();
            assertThat(found.createTime()).isEqualTo(at(1));
            assertThat(found.updateTime()).isEqualTo(at(9));
            assertThat(found.data()).isEqualTo(map("v", 3));
        }

        @Test
        void updateReplacesDataWhole() {
            ResourceKey key = ResourceKey.clusterScoped(newCluster(), "Node", "n1");
            store().upsert(key, map("metadata", map("name", "n1", "labels", map("old", "x")), "spec", map("a", 1)), at(1));

            store().upsert(key, map("metadata", map("name", "n1")), at(2));

            assertThat(store().find(key).orElseThrow().data()).isEqualTo(map("metadata", map("name", "n1")));
            store().upsert(key, List.of("now", "an", "array"), at(3));
            assertThat(store().find(key).orElseThrow().data()).isEqualTo(List.of("now", "an", "array"));
            store().upsert(key, map("back", true), at(4));
            assertThat(store().find(key).orElseThrow().data()).isEqualTo(map("back", true));
        }

        @Test
        void findsNothingForAnAbsentKey() {
            String cluster = newCluster();
            store().upsert(ResourceKey.namespaced(cluster, "default", "Pod", "p"), map(), at(1));

            assertThat(store().find(ResourceKey.namespaced(cluster, "default", "Pod", "q"))).isEmpty();
            assertThat(store().find(ResourceKey.namespaced(cluster, "other", "Pod", "p"))).isEmpty();
            assertThat(store().find(ResourceKey.clusterScoped(cluster, "Pod", "p"))).isEmpty();
            assertThat(store().find(ResourceKey.namespaced(cluster, "default", "pod", "p"))).isEmpty();
        }

        @Test
        void listsDocumentsInTheDocumentFormAndItsFieldOrder() {
            String cluster = newCluster();
            ResourceKey namespaced = ResourceKey.namespaced(cluster, "default", "Pod", "p");
            ResourceKey clusterScoped = ResourceKey.clusterScoped(cluster, "Pod", "q");
            store().upsert(namespaced, map("z", 1, "a", 2, "m", map("y", 1, "b", 2)), at(1));
            store().upsert(clusterScoped, map("k", "v"), at(2));

            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")));

            assertThat(listed).hasSize(2);
            Map<String, Object> ns = listed.stream().filter(d -> d.get("resourceName").equals("p")).findFirst().orElseThrow();
            Map<String, Object> cs = listed.stream().filter(d -> d.get("resourceName").equals("q")).findFirst().orElseThrow();
            assertThat(ns).isEqualTo(new Resource(namespaced, map("z", 1, "a", 2, "m", map("y", 1, "b", 2)), at(1), at(1),
                    (Long) ns.get("revision")).toDocument());
            assertThat(ns.keySet()).containsExactlyElementsOf(DOCUMENT_FIELDS);
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) ns.get("data");
            assertThat(data.keySet()).containsExactly("z", "a", "m");
            assertThat(cs).isEqualTo(new Resource(clusterScoped, map("k", "v"), at(2), at(2), (Long) cs.get("revision")).toDocument());
            assertThat(cs.keySet()).containsExactlyElementsOf(
                    DOCUMENT_FIELDS.stream().filter(f -> !f.equals("namespace")).toList());
        }
    }

    /** Hostile keys. */
    @Nested
    class HostileKeys {
        /** Keys a document store would choke on if it stored them as they are. */
        private static Map<String, Object> hostileData() {
            return map(
                    "a.b", 1,
                    "$set", "dollar first",
                    "$", "lone dollar",
                    "pre$fix", "dollar inside",
                    "100%", "percent",
                    "%", "lone percent",
                    "%2E", "encoded dot, literally",
                    "%25", "encoded percent, literally",
                    "%24%", "more percent",
                    ".", "lone dot",
                    "..", "two dots",
                    "名字", "值",
                    "😀", "emoji",
                    "", "empty key",
                    "nul\u0000key", "nul inside",
                    "metadata", map(
                            "name", "web-1",
                            "labels", map("app.kubernetes.io/name", "web", "$weird", "w", "", "", "x.y.z", List.of("a.b")),
                            "annotations", map("kubectl.kubernetes.io/last-applied-configuration", "{\"a.b\":1}")),
                    "items", List.of(
                            map("x.y", List.of(map("$z", null, "", map(".", ".")))),
                            "plain",
                            List.of("%00", map("", map(), "%", "%"))));
        }

        @Test
        void hostileKeysRoundTripUnchanged() {
            ResourceKey key = ResourceKey.namespaced(newCluster(), "default", "Pod", "hostile");

            store().upsert(key, hostileData(), at(1));

            Resource found = store().find(key).orElseThrow();
            assertThat(found.data()).isEqualTo(hostileData());
            @SuppressWarnings("unchecked")
            Map<String, Object> data = (Map<String, Object>) found.data();
            assertThat(data.keySet()).containsExactlyElementsOf(hostileData().keySet());
            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.namespace(key.clusterId(), "default", "Pod")));
            assertThat(listed).singleElement().satisfies(doc -> assertThat(doc.get("data")).isEqualTo(hostileData()));
        }

        @Test
        void hostileKeysAreFilterable() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");
            store().upsert(ResourceKey.namespaced(cluster, "default", "Pod", "hostile"), hostileData(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "default", "Pod", "plain"),
                    map("metadata", map("labels", map("app.kubernetes.io/name", "db", "app", "web"))), at(2));
            FieldPath k8sName = FieldPath.of("data", "metadata", "labels", "app.kubernetes.io/name");

            assertFilter(scope, filter(new Condition.AnyOf(k8sName, List.of("web"))), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(k8sName, List.of("db"))), "plain");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app\uff0ekubernetes\uff0eio/name"),
                    List.of("web", "db"))), "hostile", "plain");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "a.b"), List.of(1))), "hostile");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.of("data", "a.b"), false)), "plain");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "pre$fix"), List.of("dollar inside"))), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "%2E"), List.of("encoded dot, literally"))),
                    "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "100%"), List.of("percent"))), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "名字"), List.of("值"))), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "😀"), List.of("emoji"))), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "metadata", "labels", "x.y.z"),
                    List.of("a.b"))), "hostile");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.of("data", "items", "x.y"), true)), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.\uff04set"), List.of("dollar first"))), "hostile");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "metadata", "labels", "$weird"), List.of("w"))),
                    "hostile");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.of("data", "$"), false)), "plain");
        }

        @Test
        void hostileKeysAreProjectable() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");
            store().upsert(ResourceKey.namespaced(cluster, "default", "Pod", "hostile"), hostileData(), at(1));

            assertThat(listProjected(scope, FieldPath.of("data", "metadata", "labels", "app.kubernetes.io/name")))
                    .containsExactly(map("data", map("metadata", map("labels", map("app.kubernetes.io/name", "web")))));
            assertThat(listProjected(scope, FieldPath.of("data", "a.b"), FieldPath.of("data", "名字"),
                    FieldPath.of("data", "%2E"), FieldPath.of("data", "pre$fix")))
                    .containsExactly(map("data", map("a.b", 1, "pre$fix", "dollar inside", "%2E", "encoded dot, literally",
                            "名字", "值")));
            assertThat(listProjected(scope, FieldPath.of("data", "items", "x.y")))
                    .containsExactly(map("data", map("items", List.of(map("x.y", List.of(map("$z", null, "", map(".", "."))))))));
            assertProjectionMatchesReference(scope, List.of(
                    List.of(FieldPath.of("data", "metadata", "labels")),
                    List.of(FieldPath.of("data", "items", "x.y"), FieldPath.of("data", "100%")),
                    List.of(FieldPath.of("data", "metadata", "annotations", "kubectl.kubernetes.io/last-applied-configuration"))));
        }
    }

    /** Numbers. */
    @Nested
    class Numbers {
        private static Map<String, Object> numbers() {
            return map(
                    "int", 7,
                    "intMax", Integer.MAX_VALUE,
                    "intMin", Integer.MIN_VALUE,
                    "zero", 0,
                    "negative", -12,
                    "long", 5_000_000_000L,
                    "longMax", Long.MAX_VALUE,
                    "longMin", Long.MIN_VALUE,
                    "double", 1.5,
                    "negativeDouble", -0.25,
                    "tinyDouble", 1e-300,
                    "hugeDouble", 1.7976931348623157e308,
                    "bigInteger", new BigInteger("123456789012345678901234567890"),
                    "negativeBigInteger", new BigInteger("-98765432109876543210"),
                    "bigIntegerWithinLong", BigInteger.valueOf(42),
                    "bigDecimal", new BigDecimal("12345.678901234567890123"),
                    "inArray", List.of(1, 2L, 2.5, new BigInteger("18446744073709551617")));
        }

        @Test
        void numbersRoundTripAsNumericallyEqualValues() {
            ResourceKey key = ResourceKey.namespaced(newCluster(), "default", "Metric", "m");

            store().upsert(key, numbers(), at(1));

            Object data = store().find(key).orElseThrow().data();
            assertSameJson(data, numbers());
            @SuppressWarnings("unchecked")
            Map<String, Object> found = (Map<String, Object>) data;
            assertThat(found.get("int")).isEqualTo(7);
            assertThat(found.get("long")).isEqualTo(5_000_000_000L);
            assertThat(found.get("double")).isEqualTo(1.5);
            assertThat(found.get("longMin")).isEqualTo(Long.MIN_VALUE);
            assertThat(found.keySet()).containsExactlyElementsOf(numbers().keySet());
        }

        @Test
        void numbersOfEveryKindAreFilterable() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Metric");
            store().upsert(ResourceKey.namespaced(cluster, "default", "Metric", "m"), numbers(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "default", "Metric", "other"), map("int", 8), at(1));

            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "bigInteger"),
                    List.of(new BigInteger("123456789012345678901234567890")))), "m");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "long"), List.of(5_000_000_000L))), "m");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "longMin"), List.of(Long.MIN_VALUE))), "m");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "negative"), List.of(-12L))), "m");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "double"), List.of(new BigDecimal("1.5")))), "m");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "inArray"), List.of(2.5))), "m");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.of("data", "int"), List.of(7.0, 8L))), "m", "other");
        }
    }

    /** Delete. */
    @Nested
    class Delete {
        @Test
        void deleteReportsWhetherThereWasOneAndIsIdempotent() {
            String cluster = newCluster();
            ResourceKey key = ResourceKey.namespaced(cluster, "default", "Pod", "p");
            ResourceKey neighbour = ResourceKey.namespaced(cluster, "default", "Pod", "q");
            store().upsert(key, map("v", 1), at(1));
            store().upsert(neighbour, map("v", 2), at(1));

            assertThat(store().delete(key)).isTrue();
            assertThat(store().delete(key)).isFalse();

            assertThat(store().find(key)).isEmpty();
            assertThat(store().find(neighbour)).isPresent();
            assertThat(ids(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod"))))).containsExactly(neighbour.id());
            assertThat(store().delete(ResourceKey.clusterScoped(cluster, "Pod", "never"))).isFalse();
            store().upsert(key, map("v", 3), at(5));
            Resource again = store().find(key).orElseThrow();
            assertThat(again.createTime()).isEqualTo(at(5));
        }
    }

    /** Scopes. */
    @Nested
    class Scopes {
        /** Resources of one cluster spread over namespaces, scopes and types, and a neighbour cluster. */
        private String scopeFixture() {
            String cluster = newCluster();
            String neighbour = cluster + "-2";
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "Pod", "a"), map("n", "a"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "Pod", "b"), map("n", "b"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns2", "Pod", "c"), map("n", "c"), at(1));
            store().upsert(ResourceKey.clusterScoped(cluster, "Pod", "d"), map("n", "d"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "pod", "e"), map("n", "e"), at(1));
            store().upsert(ResourceKey.clusterScoped(cluster, "pod", "f"), map("n", "f"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "POD", "g"), map("n", "g"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "Deployment", "h"), map("n", "h"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1.x", "Pod", "i"), map("n", "i"), at(1));
            store().upsert(ResourceKey.namespaced(neighbour, "ns1", "Pod", "a"), map("n", "x"), at(1));
            store().upsert(ResourceKey.clusterScoped(neighbour, "Pod", "d"), map("n", "y"), at(1));
            return cluster;
        }

        @Test
        void namespaceScopeSeesOnlyItsNamespace() {
            String cluster = scopeFixture();

            assertThat(names(list(ResourceQuery.all(ResourceScope.namespace(cluster, "ns1", "Pod"))))).containsExactly("a", "b");
            assertThat(names(list(ResourceQuery.all(ResourceScope.namespace(cluster, "ns2", "Pod"))))).containsExactly("c");
            assertThat(names(list(ResourceQuery.all(ResourceScope.namespace(cluster, "ns1.x", "Pod"))))).containsExactly("i");
            assertThat(list(ResourceQuery.all(ResourceScope.namespace(cluster, "ns3", "Pod")))).isEmpty();
        }

        @Test
        void clusterScopeSeesOnlyResourcesWithoutNamespace() {
            String cluster = scopeFixture();

            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.cluster(cluster, "Pod")));

            assertThat(names(listed)).containsExactly("d");
            assertThat(listed.get(0)).doesNotContainKey("namespace");
        }

        @Test
        void allScopeSeesNamespacedAndClusterScopedInIdOrder() {
            String cluster = scopeFixture();

            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")));

            assertThat(names(listed)).containsExactlyInAnyOrder("a", "b", "c", "d", "i");
            assertThat(ids(listed)).isSorted();
        }

        @Test
        void otherClustersAndOtherTypesNeverLeak() {
            String cluster = scopeFixture();

            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "pod"))))).containsExactlyInAnyOrder("e", "f");
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "POD"))))).containsExactly("g");
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "Deployment"))))).containsExactly("h");
            assertThat(list(ResourceQuery.all(ResourceScope.all(cluster, "Po")))).isEmpty();
            List<Map<String, Object>> all = list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")));
            assertThat(all).allSatisfy(doc -> {
                assertThat(doc.get("clusterId")).isEqualTo(cluster);
                assertThat(doc.get("resourceType")).isEqualTo("Pod");
            });
            assertThat(all).extracting(doc -> doc.get("data")).doesNotContain(map("n", "x"), map("n", "y"));
            assertThat(store().find(ResourceKey.namespaced(cluster, "ns1", "pod", "a"))).isEmpty();
            assertThat(store().find(ResourceKey.namespaced(cluster, "ns1", "Pod", "e"))).isEmpty();
        }

        /**
         * Scopes must hold whatever the names look like: a namespace named like the type (its ids
         * share a prefix with cluster-scoped ones), cluster ids full of regular-expression
         * metacharacters, one cluster id a prefix of another.
         */
        @Test
        void scopesHoldForNamesThatLookLikeOtherScopesOrPatterns() {
            String cluster = "BCS.K8S+1(a)[b]{2}^x|y?*\\z" + UUID.randomUUID();
            String lookalike = "BCS-K8S+1(a)[b]{2}^x|y?*\\z" + cluster.substring(cluster.length() - 36);
            store().upsert(ResourceKey.clusterScoped(cluster, "Pod", "cluster-level"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "Pod", "Pod", "in-namespace-Pod"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "a.b", "Pod", "in-a.b"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "aXb", "Pod", "in-aXb"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster + "0", "Pod", "Pod", "longer-cluster"), map(), at(1));
            store().upsert(ResourceKey.clusterScoped(lookalike, "Pod", "lookalike-cluster"), map(), at(1));

            assertThat(names(list(ResourceQuery.all(ResourceScope.cluster(cluster, "Pod"))))).containsExactly("cluster-level");
            assertThat(names(list(ResourceQuery.all(ResourceScope.namespace(cluster, "Pod", "Pod")))))
                    .containsExactly("in-namespace-Pod");
            assertThat(names(list(ResourceQuery.all(ResourceScope.namespace(cluster, "a.b", "Pod"))))).containsExactly("in-a.b");
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")))))
                    .containsExactlyInAnyOrder("cluster-level", "in-namespace-Pod", "in-a.b", "in-aXb");
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(lookalike, "Pod"))))).containsExactly("lookalike-cluster");
            assertThat(store().deleteAll(ResourceScope.cluster(cluster, "Pod"), ResourceFilter.ALL)).isEqualTo(1);
            assertThat(store().deleteAll(ResourceScope.namespace(cluster, "a.b", "Pod"), ResourceFilter.ALL)).isEqualTo(1);
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")))))
                    .containsExactlyInAnyOrder("in-namespace-Pod", "in-aXb");
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster + "0", "Pod"))))).containsExactly("longer-cluster");
        }
    }

    /** Filters. */
    @Nested
    class Filters {
        /** Pods whose data exercise the filter semantics; p4's data is not even an object. */
        private String filterFixture() {
            String cluster = newCluster();
            store().upsert(key(cluster, "p1"), map("metadata", map("name", "p1", "labels", map("app", "web", "tier", "fe"),
                            "ownerReferences", List.of(map("kind", "ReplicaSet", "name", "rs-1"), map("kind", "Node", "name", "n1"))),
                    "spec", map("replicas", 3, "tags", List.of("blue", "green"), "nodeName", "node-1")), at(1));
            store().upsert(key(cluster, "p2"), map("metadata", map("name", "p2", "labels", map("app", "db"),
                            "ownerReferences", List.of(map("name", "rs-2"))),
                    "spec", map("replicas", 5L, "tags", List.of("red"), "nodeName", "node-2")), at(2));
            store().upsert(key(cluster, "p3"), map("metadata", map("name", "p3"),
                    "spec", map("replicas", 2.5, "tags", List.of(), "nodeName", "node-1")), at(3));
            store().upsert(key(cluster, "p4"), "not an object", at(4));
            store().upsert(key(cluster, "p5"), map("metadata", map("name", "p5", "labels", mapWithNull("app")),
                    "spec", map("replicas", "3", "tags", "blue")), at(5));
            store().upsert(ResourceKey.clusterScoped(cluster, "Pod", "p6"), map("metadata", map("name", "p6",
                    "labels", map("app", "web"))), at(6));
            return cluster;
        }

        @Test
        void anyOfMatchesStrings() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");

            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), List.of("web"))), "p1");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), List.of("web", "db"))),
                    "p1", "p2");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), List.of("Web"))));
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.spec.nodeName"), List.of("node-1"))), "p1", "p3");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data"), List.of("not an object"))), "p4");
        }

        @Test
        void anyOfComparesNumbersByValueAcrossTypesButNeverWithStrings() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");
            FieldPath replicas = FieldPath.parse("data.spec.replicas");

            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of(3L))), "p1");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of(3.0))), "p1");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of(3))), "p1");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of(5))), "p2");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of(5.0, 2.5))), "p2", "p3");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of("3"))), "p5");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of("3", 3L))), "p1", "p5");
            assertFilter(scope, filter(new Condition.AnyOf(replicas, List.of(true))));
        }

        @Test
        void anyOfMatchesAnyElementOfAnArray() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");

            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.ownerReferences.name"),
                    List.of("rs-2"))), "p2");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.ownerReferences.name"),
                    List.of("n1", "rs-2"))), "p1", "p2");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.ownerReferences.kind"),
                    List.of("Node"))), "p1");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.spec.tags"), List.of("green"))), "p1");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.spec.tags"), List.of("blue"))), "p1", "p5");
        }

        @Test
        void aNumericSegmentIsAnObjectKeyNeverAnArrayIndex() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");
            store().upsert(key(cluster, "array"), map("items", List.of("x", "y"), "objs", List.of(map("k", 1))), at(1));
            store().upsert(key(cluster, "object"), map("items", map("0", "x"), "objs", map("0", map("k", 1))), at(2));
            store().upsert(key(cluster, "keyed"), map("objs", List.of(map("0", map("k", 1)))), at(3));

            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.items.0"), List.of("x"))), "object");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.objs.0.k"), List.of(1))), "keyed", "object");
            assertFilter(scope, filter(new Condition.NoneOf(FieldPath.parse("data.items.0"), List.of("x"))), "array", "keyed");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data.objs.0"), true)), "keyed", "object");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data.items.1"), false)), "array", "keyed", "object");
            assertThat(listProjected(scope, FieldPath.parse("data.items.0"))).containsExactly(
                    map(), map(), map("data", map("items", map("0", "x"))));
        }

        @Test
        void anyOfWithNullMatchesNullAndAMissingPath() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");
            List<Object> nullOnly = Collections.singletonList(null);

            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), nullOnly)),
                    "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"),
                    Arrays.asList(null, "db"))), "p2", "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.tier"), nullOnly)),
                    "p2", "p3", "p4", "p5");
        }

        @Test
        void nullThroughAnArrayMatchesOnlyWhenThePathReachesNothingOrANull() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");
            store().upsert(key(cluster, "some-lack"), map("owners", List.of(map("name", "a"), map("kind", "k"))), at(1));
            store().upsert(key(cluster, "all-lack"), map("owners", List.of(map("kind", "k"))), at(2));
            store().upsert(key(cluster, "null-inside"), map("owners", List.of(map("name", "b"), mapWithNull("name"))), at(3));
            store().upsert(key(cluster, "empty"), map("owners", List.of()), at(4));
            store().upsert(key(cluster, "scalars"), map("owners", List.of("x", 1)), at(5));
            store().upsert(key(cluster, "null-in-terminal-array"), map("owners", map("name", Arrays.asList(null, "x"))), at(6));
            store().upsert(key(cluster, "object"), map("owners", map("name", "c")), at(7));
            FieldPath ownerName = FieldPath.parse("data.owners.name");

            assertFilter(scope, filter(new Condition.AnyOf(ownerName, Collections.singletonList(null))),
                    "all-lack", "null-inside", "empty", "scalars", "null-in-terminal-array");
            assertFilter(scope, filter(new Condition.AnyOf(ownerName, Arrays.asList(null, "a"))),
                    "some-lack", "all-lack", "null-inside", "empty", "scalars", "null-in-terminal-array");
            assertFilter(scope, filter(new Condition.NoneOf(ownerName, Collections.singletonList(null))), "some-lack", "object");
            assertFilter(scope, filter(new Condition.NoneOf(ownerName, Arrays.asList(null, "c"))), "some-lack");
            assertFilter(scope, filter(new Condition.Exists(ownerName, false)), "all-lack", "empty", "scalars");
            assertFilter(scope, filter(new Condition.Exists(ownerName, true)),
                    "some-lack", "null-inside", "null-in-terminal-array", "object");
        }

        @Test
        void noneOfMatchesOtherValuesAndMissingPaths() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");

            assertFilter(scope, filter(new Condition.NoneOf(FieldPath.parse("data.metadata.labels.app"), List.of("web"))),
                    "p2", "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.NoneOf(FieldPath.parse("data.spec.tags"), List.of("blue"))),
                    "p2", "p3", "p4");
            assertFilter(scope, filter(new Condition.NoneOf(FieldPath.parse("data.metadata.ownerReferences.name"),
                    List.of("n1"))), "p2", "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.NoneOf(FieldPath.parse("data.spec.replicas"), List.of(3.0, 5L))),
                    "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.NoneOf(FieldPath.parse("data.metadata.labels.app"),
                    Collections.singletonList(null))), "p1", "p2");
        }

        @Test
        void existsTellsPresentFromAbsent() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");

            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data.metadata.ownerReferences"), true)), "p1", "p2");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data.metadata.ownerReferences"), false)),
                    "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data.metadata.labels.app"), true)), "p1", "p2", "p5");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data.metadata.ownerReferences.kind"), true)), "p1");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("data"), true)), "p1", "p2", "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("resourceName"), false)));
            assertFilter(scope, filter(new Condition.Exists(FieldPath.parse("nothing"), false)), "p1", "p2", "p3", "p4", "p5");
        }

        @Test
        void betweenBoundsUpdateTimeInclusively() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");
            FieldPath updateTime = FieldPath.parse("updateTime");

            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.of(at(2)), Optional.of(at(4)))), "p2", "p3", "p4");
            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.of(at(3)), Optional.of(at(3)))), "p3");
            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.of(at(2).plusMillis(1)),
                    Optional.of(at(4).minusMillis(1)))), "p3");
            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.of(at(100)), Optional.of(at(200)))));
        }

        @Test
        void betweenWithOpenBounds() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");
            FieldPath updateTime = FieldPath.parse("updateTime");

            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.of(at(4)), Optional.empty())), "p4", "p5");
            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.empty(), Optional.of(at(2)))), "p1", "p2");
            assertFilter(scope, filter(new Condition.Between(updateTime, Optional.empty(), Optional.empty())),
                    "p1", "p2", "p3", "p4", "p5");
            assertFilter(scope, filter(new Condition.Between(FieldPath.parse("createTime"), Optional.empty(), Optional.of(at(1)))),
                    "p1");
            assertFilter(scope, filter(new Condition.Between(FieldPath.parse("data.metadata.name"), Optional.empty(),
                    Optional.empty())));
        }

        @Test
        void severalConditionsMustAllHold() {
            ResourceScope scope = ResourceScope.namespace(filterFixture(), "default", "Pod");

            assertFilter(scope, filter(
                    new Condition.AnyOf(FieldPath.parse("data.spec.replicas"), List.of(3L, 5L)),
                    new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), List.of("db"))), "p2");
            assertFilter(scope, filter(
                    new Condition.AnyOf(FieldPath.parse("data.spec.nodeName"), List.of("node-1")),
                    new Condition.Exists(FieldPath.parse("data.metadata.labels"), false),
                    new Condition.Between(FieldPath.parse("updateTime"), Optional.of(at(1)), Optional.empty())), "p3");
            assertFilter(scope, filter(
                    new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), List.of("web")),
                    new Condition.NoneOf(FieldPath.parse("data.metadata.labels.app"), List.of("web"))));
        }

        @Test
        void filtersOnTopLevelFields() {
            String cluster = filterFixture();
            ResourceScope namespaced = ResourceScope.namespace(cluster, "default", "Pod");
            ResourceScope all = ResourceScope.all(cluster, "Pod");

            assertFilter(namespaced, filter(new Condition.AnyOf(FieldPath.parse("resourceName"), List.of("p1", "p3", "p6"))),
                    "p1", "p3");
            assertFilter(all, filter(new Condition.AnyOf(FieldPath.parse("resourceName"), List.of("p1", "p6"))), "p1", "p6");
            assertFilter(all, filter(new Condition.AnyOf(FieldPath.parse("namespace"), List.of("default"))),
                    "p1", "p2", "p3", "p4", "p5");
            assertFilter(all, filter(new Condition.Exists(FieldPath.parse("namespace"), false)), "p6");
            assertFilter(all, filter(new Condition.AnyOf(FieldPath.parse("namespace"), Collections.singletonList(null))), "p6");
            assertFilter(all, filter(new Condition.NoneOf(FieldPath.parse("namespace"), List.of("default"))), "p6");
            assertFilter(all, filter(new Condition.AnyOf(FieldPath.parse("_id"), List.of(cluster + "/Pod/p6"))), "p6");
            assertFilter(all, filter(new Condition.AnyOf(FieldPath.parse("clusterId"), List.of(cluster + "-nope"))));
            assertFilter(all, filter(new Condition.AnyOf(FieldPath.parse("data.metadata.labels.app"), List.of("web"))),
                    "p1", "p6");
        }
    }

    /** Projection. */
    @Nested
    class Projections {
        private String projectionFixture() {
            String cluster = newCluster();
            store().upsert(key(cluster, "p"), map(
                    "metadata", map("name", "p", "labels", map("app", "web", "app.kubernetes.io/name", "web")),
                    "spec", map("containers", List.of(
                            map("name", "a", "ports", List.of(map("containerPort", 80), map("containerPort", 443, "name", "tls"))),
                            map("name", "b")),
                            "matrix", List.of(List.of(map("v", 1), map("w", 2)), List.of(map("v", 3))),
                            "tags", List.of("x", "y")),
                    "status", map("phase", "Running", "containerStatuses", List.of(
                            map("name", "a", "containerID", "docker://1", "ready", true),
                            map("name", "b", "containerID", "docker://2", "ready", false),
                            map("name", "c"),
                            "not an object"))), at(1));
            store().upsert(key(cluster, "q"), map("metadata", map("name", "q"), "status", map("phase", "Pending")), at(2));
            store().upsert(key(cluster, "r"), List.of(map("metadata", map("name", "r"))), at(3));
            store().upsert(key(cluster, "s"), null, at(4));
            return cluster;
        }

        @Test
        void projectsTopLevelAndNestedPaths() {
            ResourceScope scope = ResourceScope.namespace(projectionFixture(), "default", "Pod");

            assertThat(listProjected(scope, FieldPath.parse("resourceName")))
                    .containsExactly(map("resourceName", "p"), map("resourceName", "q"), map("resourceName", "r"),
                            map("resourceName", "s"));
            List<Map<String, Object>> nested = listProjected(scope, FieldPath.parse("resourceName"),
                    FieldPath.parse("data.metadata.name"), FieldPath.parse("namespace"));
            assertThat(nested).containsExactly(
                    map("namespace", "default", "resourceName", "p", "data", map("metadata", map("name", "p"))),
                    map("namespace", "default", "resourceName", "q", "data", map("metadata", map("name", "q"))),
                    map("namespace", "default", "resourceName", "r", "data", List.of(map("metadata", map("name", "r")))),
                    map("namespace", "default", "resourceName", "s"));
            assertThat(nested.get(0).keySet()).containsExactly("namespace", "resourceName", "data");
            assertThat(listProjected(scope, FieldPath.parse("data")).get(3)).isEqualTo(mapWithNull("data"));
        }

        @Test
        void projectionThroughAnArrayKeepsTheArrayWithOnlyProjectedMembers() {
            ResourceScope scope = ResourceScope.namespace(projectionFixture(), "default", "Pod");

            assertThat(listProjected(scope, FieldPath.parse("data.status.containerStatuses.containerID")).get(0))
                    .isEqualTo(map("data", map("status", map("containerStatuses", List.of(
                            map("containerID", "docker://1"), map("containerID", "docker://2"))))));
            assertThat(listProjected(scope, FieldPath.parse("data.spec.containers.ports.containerPort")).get(0))
                    .isEqualTo(map("data", map("spec", map("containers", List.of(
                            map("ports", List.of(map("containerPort", 80), map("containerPort", 443))))))));
            assertThat(listProjected(scope, FieldPath.parse("data.spec.matrix.v")).get(0))
                    .isEqualTo(map("data", map("spec", map("matrix", List.of(List.of(map("v", 1)), List.of(map("v", 3)))))));
        }

        @Test
        void aPathNamingNothingIsAbsent() {
            ResourceScope scope = ResourceScope.namespace(projectionFixture(), "default", "Pod");

            assertThat(listProjected(scope, FieldPath.parse("data.nothing"))).containsExactly(map(), map(), map(), map());
            assertThat(listProjected(scope, FieldPath.parse("resourceName"), FieldPath.parse("data.metadata.typo"),
                    FieldPath.parse("data.spec.tags.x"), FieldPath.parse("data.metadata.name.deeper")).get(0))
                    .isEqualTo(map("resourceName", "p"));
            assertThat(listProjected(scope, FieldPath.parse("data.status.phase")))
                    .containsExactly(map("data", map("status", map("phase", "Running"))),
                            map("data", map("status", map("phase", "Pending"))), map(), map());
        }

        @Test
        void idComesBackOnlyWhenAsked() {
            String cluster = projectionFixture();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");

            assertThat(listProjected(scope, FieldPath.parse("resourceName"))).allSatisfy(doc -> assertThat(doc).doesNotContainKey("_id"));
            assertThat(listProjected(scope, FieldPath.parse("_id"), FieldPath.parse("resourceName")).get(0))
                    .isEqualTo(map("_id", cluster + "/default/Pod/p", "resourceName", "p"));
            assertThat(listProjected(scope, FieldPath.parse("_id")).get(1)).isEqualTo(map("_id", cluster + "/default/Pod/q"));
        }

        static Stream<Arguments> projections() {
            return Stream.of(
                    Arguments.of(List.of("resourceName")),
                    Arguments.of(List.of("_id", "createTime", "updateTime", "clusterId", "resourceType")),
                    Arguments.of(List.of("data")),
                    Arguments.of(List.of("data.metadata", "data.metadata.name", "resourceName")),
                    Arguments.of(List.of("data.metadata.labels.app\uff0ekubernetes\uff0eio/name", "data.status.phase")),
                    Arguments.of(List.of("data.status.containerStatuses.containerID", "data.status.containerStatuses.ready")),
                    Arguments.of(List.of("data.status.containerStatuses")),
                    Arguments.of(List.of("data.spec.containers.ports.containerPort", "data.spec.containers.name")),
                    Arguments.of(List.of("data.spec.matrix.v", "data.spec.matrix.w")),
                    Arguments.of(List.of("data.spec.tags", "data.spec.tags.0", "data.nothing", "nothing")),
                    Arguments.of(List.of("data.metadata.name.deeper", "namespace")));
        }

        @ParameterizedTest(name = "{0}")
        @MethodSource("projections")
        void projectionEqualsTheReferenceAppliedToTheFullDocument(List<String> paths) {
            ResourceScope scope = ResourceScope.namespace(projectionFixture(), "default", "Pod");

            assertProjectionMatchesReference(scope, List.of(paths.stream().map(FieldPath::parse).toList()));
        }
    }

    /** Paging. */
    @Nested
    class Paging {
        private String pagingFixture(int count) {
            String cluster = newCluster();
            List<String> names = new ArrayList<>();
            for (int i = 0; i < count; i++) {
                names.add(switch (i % 4) {
                    case 0 -> "pod-" + i;
                    case 1 -> "Pod-" + (count - i);
                    case 2 -> "p." + i;
                    default -> "z_" + i + "-x";
                });
            }
            Collections.shuffle(names, new Random(7));
            for (int i = 0; i < names.size(); i++) {
                store().upsert(key(cluster, names.get(i)), map("i", i, "even", i % 2 == 0), at(i));
            }
            store().upsert(ResourceKey.clusterScoped(cluster, "Pod", "cluster-scoped"), map("i", -1), at(0));
            return cluster;
        }

        @Test
        void pagesConcatenateToTheFullListInIdOrder() {
            String cluster = pagingFixture(23);
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");
            List<String> full = ids(list(ResourceQuery.all(scope)));
            assertThat(full).hasSize(23).isSorted().doesNotHaveDuplicates();

            for (int size : new int[] {1, 2, 5, 7, 23, 50}) {
                List<String> concatenated = new ArrayList<>();
                for (int offset = 0; offset < full.size(); offset += size) {
                    List<String> page = ids(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL, Page.of(offset, size))));
                    assertThat(page).as("page at %d of size %d", offset, size).hasSize(Math.min(size, full.size() - offset));
                    concatenated.addAll(page);
                }
                assertThat(concatenated).as("pages of %d", size).isEqualTo(full);
            }
            assertThat(ids(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL,
                    new Page(20, OptionalInt.empty()))))).isEqualTo(full.subList(20, 23));
        }

        @Test
        void pagingAppliesAfterFilterAndWithProjection() {
            String cluster = pagingFixture(20);
            ResourceScope scope = ResourceScope.all(cluster, "Pod");
            ResourceFilter even = filter(new Condition.AnyOf(FieldPath.parse("data.even"), List.of(true)));
            List<String> allEven = ids(list(new ResourceQuery(scope, even, Projection.ALL, Page.ALL)));
            assertThat(allEven).hasSize(10);
            Projection idOnly = new Projection(List.of(FieldPath.parse("_id")));

            List<String> concatenated = new ArrayList<>();
            for (int offset = 0; offset < 10; offset += 3) {
                List<Map<String, Object>> page = list(new ResourceQuery(scope, even, idOnly, Page.of(offset, 3)));
                assertThat(page).allSatisfy(doc -> assertThat(doc.keySet()).containsExactly("_id"));
                concatenated.addAll(ids(page));
            }
            assertThat(concatenated).isEqualTo(allEven);
        }

        @Test
        void anOffsetPastTheEndOrALimitOfZeroGivesNothing() {
            String cluster = pagingFixture(5);
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");

            assertThat(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL, Page.of(5, 10)))).isEmpty();
            assertThat(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL, Page.of(1000, 10)))).isEmpty();
            assertThat(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL,
                    new Page(Integer.MAX_VALUE, OptionalInt.empty())))).isEmpty();
            assertThat(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL, Page.of(0, 0)))).isEmpty();
            assertThat(list(new ResourceQuery(scope, ResourceFilter.ALL, Projection.ALL, Page.of(4, 10)))).hasSize(1);
        }

        @Test
        void aStreamReadPartlyCanBeClosed() {
            String cluster = pagingFixture(30);
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");

            try (Stream<Map<String, Object>> stream = store().list(ResourceQuery.all(scope))) {
                assertThat(stream.limit(3).count()).isEqualTo(3);
            }
            assertThat(list(ResourceQuery.all(scope))).hasSize(30);
        }
    }

    /** Batch delete. */
    @Nested
    class BatchDelete {
        @Test
        void deleteAllHonoursScopeAndFilterAndCounts() {
            String cluster = newCluster();
            String neighbour = cluster + "-2";
            ResourceFilter web = filter(new Condition.AnyOf(FieldPath.parse("data.app"), List.of("web")));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "Pod", "a"), map("app", "web"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "Pod", "b"), map("app", "db"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "Pod", "c"), map("app", "web"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns2", "Pod", "d"), map("app", "web"), at(1));
            store().upsert(ResourceKey.clusterScoped(cluster, "Pod", "e"), map("app", "web"), at(1));
            store().upsert(ResourceKey.clusterScoped(cluster, "Pod", "f"), map("app", "db"), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns1", "pod", "g"), map("app", "web"), at(1));
            store().upsert(ResourceKey.namespaced(neighbour, "ns1", "Pod", "a"), map("app", "web"), at(1));

            assertThat(store().deleteAll(ResourceScope.namespace(cluster, "ns1", "Pod"), web)).isEqualTo(2);
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod"))))).containsExactlyInAnyOrder("b", "d", "e", "f");

            assertThat(store().deleteAll(ResourceScope.cluster(cluster, "Pod"), ResourceFilter.ALL)).isEqualTo(2);
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod"))))).containsExactlyInAnyOrder("b", "d");

            assertThat(store().deleteAll(ResourceScope.all(cluster, "Pod"), web)).isEqualTo(1);
            assertThat(names(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod"))))).containsExactly("b");
            assertThat(store().deleteAll(ResourceScope.all(cluster, "Pod"), web)).isZero();

            assertThat(store().find(ResourceKey.namespaced(cluster, "ns1", "pod", "g"))).isPresent();
            assertThat(store().find(ResourceKey.namespaced(neighbour, "ns1", "Pod", "a"))).isPresent();
            assertThat(store().deleteAll(ResourceScope.all(cluster, "Pod"), ResourceFilter.ALL)).isEqualTo(1);
            assertThat(list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")))).isEmpty();
            assertThat(store().deleteAll(ResourceScope.all(cluster, "Nothing"), ResourceFilter.ALL)).isZero();
        }

        @Test
        void deleteAllByUpdateTimeRemovesStaleResourcesOnly() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.all(cluster, "Pod");
            for (int i = 1; i <= 6; i++) {
                store().upsert(i % 2 == 0 ? key(cluster, "p" + i) : ResourceKey.clusterScoped(cluster, "Pod", "p" + i),
                        map("i", i), at(i));
            }
            store().upsert(key(cluster, "p2"), map("i", 22), at(10));

            long removed = store().deleteAll(scope, filter(new Condition.Between(FieldPath.parse("updateTime"),
                    Optional.of(at(2)), Optional.of(at(5)))));

            assertThat(removed).isEqualTo(3);
            assertThat(names(list(ResourceQuery.all(scope)))).containsExactlyInAnyOrder("p1", "p2", "p6");
            assertThat(store().deleteAll(scope, filter(new Condition.Between(FieldPath.parse("updateTime"),
                    Optional.empty(), Optional.of(at(6)))))).isEqualTo(2);
            assertThat(names(list(ResourceQuery.all(scope)))).containsExactly("p2");
        }

        @Test
        void deleteAllWithAnArrayPathAndANumericSegment() {
            String cluster = newCluster();
            ResourceScope scope = ResourceScope.namespace(cluster, "default", "Pod");
            store().upsert(key(cluster, "array"), map("items", List.of("x"), "owners", List.of(map("name", "rs-1"))), at(1));
            store().upsert(key(cluster, "object"), map("items", map("0", "x"), "owners", List.of(map("name", "rs-2"))), at(1));

            assertThat(store().deleteAll(scope, filter(new Condition.AnyOf(FieldPath.parse("data.items.0"), List.of("x")))))
                    .isEqualTo(1);
            assertThat(names(list(ResourceQuery.all(scope)))).containsExactly("array");
            assertThat(store().deleteAll(scope, filter(new Condition.AnyOf(FieldPath.parse("data.owners.name"), List.of("rs-1")))))
                    .isEqualTo(1);
            assertThat(list(ResourceQuery.all(scope))).isEmpty();
        }
    }

    /** Concurrency. */
    @Nested
    class Concurrency {
        @Test
        void concurrentFirstUpsertsOfOneKeyEndAsExactlyOneResource() throws Exception {
            String cluster = newCluster();
            int threads = 8;
            int rounds = 5;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                for (int round = 0; round < rounds; round++) {
                    ResourceKey key = key(cluster, "race-" + round);
                    CountDownLatch start = new CountDownLatch(1);
                    List<Future<?>> writes = new ArrayList<>();
                    for (int t = 0; t < threads; t++) {
                        int writer = t;
                        writes.add(pool.submit(() -> {
                            start.await();
                            store().upsert(key, map("writer", writer), at(writer));
                            return null;
                        }));
                    }
                    start.countDown();
                    for (Future<?> write : writes) {
                        write.get(30, TimeUnit.SECONDS);
                    }
                    Resource resource = store().find(key).orElseThrow();
                    assertThat(resource.createTime()).isBetween(at(0), at(threads - 1));
                    assertThat(resource.data()).isIn(IntStream.range(0, threads).mapToObj(w -> map("writer", w)).toList());
                }
            } finally {
                pool.shutdownNow();
            }
            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")));
            assertThat(listed).hasSize(rounds);
            assertThat(ids(listed)).doesNotHaveDuplicates();
        }

        /**
         * 64 first writes of one key into a type nobody wrote before (a new collection), each with its own
         * time, landing in any order, many times over: exactly one resource, whose createTime is the time
         * of one of the writes and never after its updateTime, the latest of the times (updateTime never
         * goes back).
         */
        @Test
        void racingFirstWritesNeverLeaveCreateTimeAfterUpdateTime() throws Exception {
            String cluster = newCluster();
            try (RacingWrites writers = new RacingWrites(64)) {
                for (int round = 0; round < 30; round++) {
                    String type = "Race" + round + "x" + UUID.randomUUID().toString().substring(0, 8);
                    ResourceKey key = ResourceKey.namespaced(cluster, "ns", type, "r");

                    List<Instant> times = writers.race(T0, (writer, now) -> store().upsert(key, map("writer", writer), now));

                    Resource resource = store().find(key).orElseThrow();
                    assertThat(resource.createTime()).as("round %d", round).isIn(times)
                            .isBeforeOrEqualTo(resource.updateTime());
                    assertThat(resource.updateTime()).as("round %d", round).isEqualTo(RacingWrites.latest(times));
                    List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.all(cluster, type)));
                    assertThat(listed).hasSize(1);
                    assertThat((Instant) listed.get(0).get("createTime")).isBeforeOrEqualTo((Instant) listed.get(0).get("updateTime"));
                }
            }
        }

        @Test
        void aWriteWithAnEarlierTimeThanTheStoredOneKeepsUpdateTime() {
            ResourceKey key = ResourceKey.namespaced(newCluster(), "default", "Pod", "late");

            store().upsert(key, map("v", 1), at(5));
            store().upsert(key, map("v", 2), at(3));

            Resource found = store().find(key).orElseThrow();
            assertThat(found.data()).isEqualTo(map("v", 2));
            assertThat(found.createTime()).isEqualTo(at(5));
            assertThat(found.updateTime()).isEqualTo(at(5));
        }

        @Test
        void concurrentUpsertsOfDistinctKeysAllLand() throws Exception {
            String cluster = newCluster();
            int threads = 8;
            int perThread = 25;
            ExecutorService pool = Executors.newFixedThreadPool(threads);
            try {
                CountDownLatch start = new CountDownLatch(1);
                List<Future<?>> writers = new ArrayList<>();
                for (int t = 0; t < threads; t++) {
                    int writer = t;
                    writers.add(pool.submit(() -> {
                        start.await();
                        for (int i = 0; i < perThread; i++) {
                            ResourceKey key = i % 3 == 0
                                    ? ResourceKey.clusterScoped(cluster, "Pod", "w" + writer + "-" + i)
                                    : ResourceKey.namespaced(cluster, "ns" + (i % 2), "Pod", "w" + writer + "-" + i);
                            store().upsert(key, map("writer", writer, "i", i), at(i));
                        }
                        return null;
                    }));
                }
                start.countDown();
                for (Future<?> writer : writers) {
                    writer.get(60, TimeUnit.SECONDS);
                }
            } finally {
                pool.shutdownNow();
            }
            List<Map<String, Object>> listed = list(ResourceQuery.all(ResourceScope.all(cluster, "Pod")));
            assertThat(listed).hasSize(threads * perThread);
            assertThat(ids(listed)).doesNotHaveDuplicates().isSorted();
        }
    }

    /** Times inside reported data. */
    @Nested
    class TimesInsideReportedData {
        /**
         * Reported times carry any offset or are unix seconds; a range selects by instant, inclusive,
         * never by string order. "+08:00" strings sort after "Z" ones as text but not as instants.
         */
        @Test
        void timeRangesOnReportedTimesCompareInstantsWhateverTheirForm() {
            String cluster = newCluster();
            FieldPath created = FieldPath.parse("data.metadata.creationTimestamp");
            Map<String, Object> times = map(
                    "utc", "2017-10-16T07:34:52Z",
                    "plus8", "2017-10-16T15:34:53+08:00",     // 07:34:53Z
                    "millis", "2017-10-16T07:34:54.500Z",
                    "late", "2017-10-16T08:00:00Z",
                    "unix", 1508139290L,                     // 2017-10-16T07:34:50Z
                    "garbage", "not a time");
            times.forEach((name, value) -> store().upsert(ResourceKey.namespaced(cluster, "ns", "Pod", name),
                    map("metadata", map("name", name, "creationTimestamp", value)), at(1)));
            store().upsert(ResourceKey.namespaced(cluster, "ns", "Pod", "none"), map("metadata", map("name", "none")), at(1));
            ResourceScope scope = ResourceScope.all(cluster, "Pod");

            assertFilter(scope, filter(new Condition.Between(created, Optional.of(Instant.parse("2017-10-16T07:34:52Z")),
                    Optional.of(Instant.parse("2017-10-16T07:34:53Z")))), "utc", "plus8");
            assertFilter(scope, filter(new Condition.Between(created, Optional.of(Instant.parse("2017-10-16T07:34:53Z")),
                    Optional.empty())), "plus8", "millis", "late");
            assertFilter(scope, filter(new Condition.Between(created, Optional.empty(),
                    Optional.of(Instant.parse("2017-10-16T07:34:52Z")))), "utc", "unix");
            assertFilter(scope, filter(new Condition.Between(created, Optional.empty(), Optional.empty())),
                    "utc", "plus8", "millis", "late", "unix");
        }

        @Test
        void timeRangesWorkOnEveryTypedQueryTimePathAndOnOtherPathsToo() {
            String cluster = newCluster();
            store().upsert(ResourceKey.namespaced(cluster, "ns", "taskgroup", "t1"),
                    map("startTime", "2017-10-09T15:37:44+08:00", "custom", map("at", "2017-10-09T07:37:44Z")), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "ns", "taskgroup", "t2"),
                    map("startTime", "2017-10-09T15:37:46+08:00", "custom", map("at", "2017-10-09T07:37:46Z")), at(1));
            ResourceScope scope = ResourceScope.all(cluster, "taskgroup");
            Optional<Instant> upTo45 = Optional.of(Instant.parse("2017-10-09T07:37:45Z"));

            assertFilter(scope, filter(new Condition.Between(FieldPath.parse("data.startTime"), Optional.empty(), upTo45)), "t1");
            assertFilter(scope, filter(new Condition.Between(FieldPath.parse("data.custom.at"), upTo45, Optional.empty())), "t2");
        }

        @Test
        void aReplacedTimeIsTheOneFiltered() {
            String cluster = newCluster();
            ResourceKey key = ResourceKey.namespaced(cluster, "ns", "Pod", "p");
            FieldPath started = FieldPath.parse("data.status.startTime");
            store().upsert(key, map("status", map("startTime", "2020-01-01T00:00:00Z")), at(1));
            store().upsert(key, map("status", map("startTime", "2021-01-01T00:00:00Z")), at(2));

            assertFilter(ResourceScope.all(cluster, "Pod"), filter(new Condition.Between(started,
                    Optional.of(Instant.parse("2020-06-01T00:00:00Z")), Optional.empty())), "p");
            assertFilter(ResourceScope.all(cluster, "Pod"), filter(new Condition.Between(started,
                    Optional.empty(), Optional.of(Instant.parse("2020-06-01T00:00:00Z")))));
        }
    }

    /** Distinct namespaces. */
    @Nested
    class DistinctNamespaces {
        @Test
        void distinctNamespacesAreSortedAndLimitedToClusterAndTypes() {
            String cluster = newCluster();
            store().upsert(ResourceKey.namespaced(cluster, "web", "application", "a"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "api", "application", "b"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "web", "deployment", "d"), map(), at(1));
            store().upsert(ResourceKey.namespaced(cluster, "batch", "Pod", "p"), map(), at(1));
            store().upsert(ResourceKey.clusterScoped(cluster, "application", "cluster-level"), map(), at(1));
            store().upsert(ResourceKey.namespaced(newCluster(), "elsewhere", "application", "x"), map(), at(1));

            assertThat(store().distinctNamespaces(cluster, Optional.of(List.of("application", "deployment", "service"))))
                    .containsExactly("api", "web");
            assertThat(store().distinctNamespaces(cluster, Optional.empty())).containsExactly("api", "batch", "web");
            assertThat(store().distinctNamespaces(newCluster(), Optional.empty())).isEmpty();
        }
    }

    // ---------------------------------------------------------------- helpers

    private static ResourceKey key(String cluster, String name) {
        return ResourceKey.namespaced(cluster, "default", "Pod", name);
    }

    /** A cluster id no other test uses. */
    protected static String newCluster() {
        return "BCS-K8S-" + UUID.randomUUID();
    }

    protected static Instant at(int seconds) {
        return T0.plusSeconds(seconds);
    }

    /** An insertion-ordered map from alternating keys and values; values may be null. */
    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    private static Map<String, Object> mapWithNull(String key) {
        return map(key, null);
    }

    private static ResourceFilter filter(Condition... conditions) {
        return new ResourceFilter(List.of(conditions));
    }

    protected final List<Map<String, Object>> list(ResourceQuery query) {
        try (Stream<Map<String, Object>> stream = store().list(query)) {
            return stream.collect(Collectors.toList());
        }
    }

    private List<Map<String, Object>> listProjected(ResourceScope scope, FieldPath... paths) {
        return list(new ResourceQuery(scope, ResourceFilter.ALL, new Projection(List.of(paths)), Page.ALL));
    }

    private static List<String> names(List<Map<String, Object>> documents) {
        return documents.stream().map(doc -> (String) doc.get("resourceName")).toList();
    }

    private static List<String> ids(List<Map<String, Object>> documents) {
        return documents.stream().map(doc -> (String) doc.get("_id")).toList();
    }

    /**
     * The store's answer for the filter names exactly {@code expected} (in any order), and agrees
     * item for item, in order, with the domain's reference semantics applied to the whole scope.
     */
    private void assertFilter(ResourceScope scope, ResourceFilter filter, String... expected) {
        List<Map<String, Object>> everything = list(ResourceQuery.all(scope));
        List<String> reference = names(everything.stream().filter(filter::matches).toList());
        List<Map<String, Object>> matched = list(new ResourceQuery(scope, filter, Projection.ALL, Page.ALL));

        assertThat(names(matched)).as("store answer for %s", filter).containsExactlyInAnyOrder(expected);
        assertThat(names(matched)).as("reference semantics for %s", filter).isEqualTo(reference);
    }

    /** For each projection, the store's projected list equals the reference projection of the full list. */
    private void assertProjectionMatchesReference(ResourceScope scope, List<List<FieldPath>> projections) {
        List<Map<String, Object>> full = list(ResourceQuery.all(scope));
        for (List<FieldPath> paths : projections) {
            Projection projection = new Projection(paths);
            List<Map<String, Object>> projected = list(new ResourceQuery(scope, ResourceFilter.ALL, projection, Page.ALL));
            List<Map<String, Object>> reference = full.stream().map(projection::apply).toList();
            assertThat(projected).as("projection %s", paths).isEqualTo(reference);
            for (int i = 0; i < projected.size(); i++) {
                assertThat(projected.get(i).keySet()).as("field order of projection %s", paths)
                        .containsExactlyElementsOf(reference.get(i).keySet());
            }
        }
    }

    /** JSON equality where numbers compare by value whatever their Java type. */
    protected static void assertSameJson(Object actual, Object expected) {
        assertThat(numbersByValue(actual)).isEqualTo(numbersByValue(expected));
    }

    private static Object numbersByValue(Object value) {
        if (value instanceof Map<?, ?> map) {
            Map<Object, Object> out = new LinkedHashMap<>();
            map.forEach((k, v) -> out.put(k, numbersByValue(v)));
            return out;
        }
        if (value instanceof List<?> list) {
            return list.stream().map(ResourceStoreContract::numbersByValue).collect(Collectors.toList());
        }
        if (value instanceof Number number) {
            BigDecimal decimal = number instanceof BigDecimal d ? d
                    : number instanceof BigInteger i ? new BigDecimal(i)
                    : number instanceof Double || number instanceof Float ? BigDecimal.valueOf(number.doubleValue())
                    : BigDecimal.valueOf(number.longValue());
            return decimal.signum() == 0 ? BigDecimal.ZERO : decimal.stripTrailingZeros();
        }
        return value;
    }
}
