package com.bkbcs.storage.application.port.out;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.JsonTree;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * What every {@link WatchStore} must do. Run it against each implementation by extending it. Every
 * test works in clusters of its own, so one store may be shared by all tests and tests never
 * interfere.
 */
public abstract class WatchStoreContract {

    /** The store under test; may be shared between tests. */
    protected abstract WatchStore store();

    // ---------------------------------------------------------------- round trip

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
                Arguments.of("unicode string", "名字 😀 \u0000 \u2028 \"quoted\" \\ / \t"),
                Arguments.of("integer", 42),
                Arguments.of("double", 1.5),
                Arguments.of("true", true),
                Arguments.of("false", false),
                Arguments.of("null", null),
                Arguments.of("hostile keys", hostileData()),
                Arguments.of("numbers", numbers()),
                Arguments.of("deepest nesting", nested(JsonTree.MAX_DEPTH)));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("jsonShapes")
    void storesDataOfEveryJsonShapeAndReadsItBack(String shape, Object data) {
        WatchKey key = key(newCluster(), "default", "Pod", "p-" + shape.replace(' ', '-'));

        store().put(key, new WatchData(data));

        assertSameJson(store().get(key).orElseThrow().value(), data);
        List<WatchData> listed = store().list(key.scope());
        assertThat(listed).hasSize(1);
        assertSameJson(listed.get(0).value(), data);
    }

    @Test
    void keysKeepTheirOrderAndNumbersTheirNaturalTypes() {
        WatchKey key = key(newCluster(), "default", "Metric", "m");

        store().put(key, new WatchData(numbers()));

        @SuppressWarnings("unchecked")
        Map<String, Object> found = (Map<String, Object>) store().get(key).orElseThrow().value();
        assertThat(found.keySet()).containsExactlyElementsOf(numbers().keySet());
        assertThat(found.get("int")).isEqualTo(7);
        assertThat(found.get("long")).isEqualTo(5_000_000_000L);
        assertThat(found.get("double")).isEqualTo(1.5);
        assertThat(found.get("longMin")).isEqualTo(Long.MIN_VALUE);
        assertThat(new BigDecimal(found.get("bigDecimal").toString())).isEqualTo(new BigDecimal("12345.678901234567890123"));
        @SuppressWarnings("unchecked")
        Map<String, Object> hostile = (Map<String, Object>) storeAndGet(key(newCluster(), "ns", "Pod", "h"), hostileData());
        assertThat(hostile.keySet()).containsExactlyElementsOf(hostileData().keySet());
    }

    @Test
    void putReplacesDataWhole() {
        WatchKey key = key(newCluster(), "default", "Pod", "p");
        store().put(key, new WatchData(map("metadata", map("name", "p", "labels", map("old", "x")), "spec", map("a", 1))));

        store().put(key, new WatchData(map("metadata", map("name", "p"))));
        assertThat(store().get(key).orElseThrow().value()).isEqualTo(map("metadata", map("name", "p")));

        store().put(key, new WatchData(List.of("now", "an", "array")));
        assertThat(store().get(key).orElseThrow().value()).isEqualTo(List.of("now", "an", "array"));
        store().put(key, new WatchData(null));
        assertThat(store().get(key)).contains(new WatchData(null));
        store().put(key, new WatchData(map("back", true)));
        assertThat(store().get(key).orElseThrow().value()).isEqualTo(map("back", true));
        assertThat(store().list(key.scope())).containsExactly(new WatchData(map("back", true)));
    }

    // ---------------------------------------------------------------- identity

    @Test
    void getFindsNothingForAbsentKeysAndKeysDifferingInAnyPart() {
        String cluster = newCluster();
        store().put(key(cluster, "default", "Pod", "p"), new WatchData(map("here", true)));

        assertThat(store().get(key(cluster, "default", "Pod", "p"))).isPresent();
        assertThat(store().get(new WatchKey(Env.MESOS, cluster, "default", "Pod", "p"))).isEmpty();
        assertThat(store().get(key(newCluster(), "default", "Pod", "p"))).isEmpty();
        assertThat(store().get(key(cluster, "other", "Pod", "p"))).isEmpty();
        assertThat(store().get(key(cluster, "default", "pod", "p"))).isEmpty();
        assertThat(store().get(key(cluster, "default", "Pod", "P"))).isEmpty();
        assertThat(store().get(key(cluster, "default", "Pod", "p2"))).isEmpty();
        assertThat(store().get(key(cluster, "defaul", "Pod", "tp"))).isEmpty();
    }

    @Test
    void mesosAndK8sEntriesOfTheSameNamesAreDistinct() {
        String cluster = newCluster();
        WatchKey mesos = new WatchKey(Env.MESOS, cluster, "ns", "application", "app");
        WatchKey k8s = new WatchKey(Env.K8S, cluster, "ns", "application", "app");

        store().put(mesos, new WatchData("mesos"));
        store().put(k8s, new WatchData("k8s"));

        assertThat(store().get(mesos)).contains(new WatchData("mesos"));
        assertThat(store().get(k8s)).contains(new WatchData("k8s"));
        assertThat(store().delete(mesos)).isTrue();
        assertThat(store().get(k8s)).contains(new WatchData("k8s"));
        assertThat(store().list(mesos.scope())).isEmpty();
    }

    @Test
    void aDottedNamespaceAndADottedNameJoiningToTheSameEntryNameAddressTheSameEntry() {
        String cluster = newCluster();
        WatchKey dottedNamespace = new WatchKey(Env.MESOS, cluster, "a.b", "application", "c");
        WatchKey dottedName = new WatchKey(Env.MESOS, cluster, "a", "application", "b.c");

        store().put(dottedNamespace, new WatchData("first"));
        assertThat(store().get(dottedName)).contains(new WatchData("first"));
        store().put(dottedName, new WatchData("second"));

        assertThat(store().get(dottedNamespace)).contains(new WatchData("second"));
        assertThat(store().list(dottedNamespace.scope())).containsExactly(new WatchData("second"));
        assertThat(store().list(dottedName.scope())).containsExactly(new WatchData("second"));
        assertThat(store().delete(dottedName)).isTrue();
        assertThat(store().get(dottedNamespace)).isEmpty();
    }

    @Test
    void namesOfTheLongestLengthWork() {
        WatchKey key = key("c".repeat(253), "n".repeat(253), "T".repeat(253), "r".repeat(253));
        store().delete(key);

        store().put(key, new WatchData(map("long", "names")));

        assertThat(store().get(key)).contains(new WatchData(map("long", "names")));
        assertThat(store().list(key.scope())).containsExactly(new WatchData(map("long", "names")));
        assertThat(store().delete(key)).isTrue();
    }

    @Test
    void namesMayHoldDotsUnicodeAndCharactersThatNeedEscapingElsewhere() {
        String cluster = newCluster();
        List<String> names = List.of("...", ".hidden", "a..b", "名字", "with space", "a%2Fb", "q?x=1#f", "x.", "\\");
        for (String name : names) {
            store().put(key(cluster, "ns", "Pod", name), new WatchData(name));
        }
        for (String name : names) {
            assertThat(store().get(key(cluster, "ns", "Pod", name))).contains(new WatchData(name));
        }
        assertThat(store().list(scope(cluster, "ns", "Pod")).stream().map(WatchData::value))
                .containsExactlyElementsOf(names.stream().sorted().map(n -> (Object) n).toList());
    }

    // ---------------------------------------------------------------- delete

    @Test
    void deleteRemovesOnlyItsEntryAndSaysWhetherThereWasOne() {
        String cluster = newCluster();
        WatchKey key = key(cluster, "default", "Pod", "p");
        WatchKey neighbour = key(cluster, "default", "Pod", "q");
        store().put(key, new WatchData(1));
        store().put(neighbour, new WatchData(2));

        assertThat(store().delete(key)).isTrue();
        assertThat(store().delete(key)).isFalse();

        assertThat(store().get(key)).isEmpty();
        assertThat(store().get(neighbour)).contains(new WatchData(2));
        assertThat(store().delete(key(newCluster(), "never", "Seen", "x"))).isFalse();
        store().put(key, new WatchData(3));
        assertThat(store().get(key)).contains(new WatchData(3));
    }

    // ---------------------------------------------------------------- list

    @Test
    void listReturnsTheDataOfOneNamespaceAndTypeOrderedByResourceName() {
        String cluster = newCluster();
        for (String name : List.of("web-2", "db", "web-10", "a.b", "Z")) {
            store().put(key(cluster, "ns", "Pod", name), new WatchData(map("name", name)));
        }
        store().put(key(cluster, "ns2", "Pod", "other-namespace"), new WatchData(0));
        store().put(key(cluster, "n", "Pod", "s.nope"), new WatchData(0));
        store().put(key(cluster, "nsx", "Pod", "nope"), new WatchData(0));
        store().put(key(cluster, "ns", "Service", "other-type"), new WatchData(0));
        store().put(key(cluster, "ns", "pod", "other-case"), new WatchData(0));
        store().put(new WatchKey(Env.MESOS, cluster, "ns", "Pod", "other-env"), new WatchData(0));
        store().put(key(newCluster(), "ns", "Pod", "other-cluster"), new WatchData(0));

        assertThat(store().list(scope(cluster, "ns", "Pod")).stream().map(d -> (Object) ((Map<?, ?>) d.value()).get("name")))
                .containsExactly("Z", "a.b", "db", "web-10", "web-2");
    }

    @Test
    void listIsEmptyForUnknownClustersTypesAndNamespaces() {
        String cluster = newCluster();
        store().put(key(cluster, "ns", "Pod", "p"), new WatchData(1));

        assertThat(store().list(scope(newCluster(), "ns", "Pod"))).isEmpty();
        assertThat(store().list(scope(cluster, "ns", "Unknown"))).isEmpty();
        assertThat(store().list(scope(cluster, "none", "Pod"))).isEmpty();
        store().delete(key(cluster, "ns", "Pod", "p"));
        assertThat(store().list(scope(cluster, "ns", "Pod"))).isEmpty();
    }

    @Test
    void listIncludesEntriesWhoseDataIsNull() {
        String cluster = newCluster();
        store().put(key(cluster, "ns", "Pod", "a"), new WatchData(null));
        store().put(key(cluster, "ns", "Pod", "b"), new WatchData(map("x", null)));

        assertThat(store().list(scope(cluster, "ns", "Pod")))
                .containsExactly(new WatchData(null), new WatchData(map("x", null)));
    }

    // ---------------------------------------------------------------- concurrency

    @Test
    void concurrentFirstPutsOfOneKeyEndAsOneEntryHoldingOneOfTheValues() throws Exception {
        WatchKey key = key(newCluster(), "ns", "Pod", "raced");
        int writers = 8;
        ExecutorService pool = Executors.newFixedThreadPool(writers);
        try {
            CountDownLatch start = new CountDownLatch(1);
            List<Future<?>> done = new ArrayList<>();
            for (int i = 0; i < writers; i++) {
                int value = i;
                done.add(pool.submit(() -> {
                    start.await();
                    store().put(key, new WatchData(map("writer", value)));
                    return null;
                }));
            }
            start.countDown();
            for (Future<?> future : done) {
                future.get(30, TimeUnit.SECONDS);
            }
        } finally {
            pool.shutdownNow();
        }

        Object writer = ((Map<?, ?>) store().get(key).orElseThrow().value()).get("writer");
        assertThat(writer).isIn(IntStream.range(0, writers).boxed().toArray());
        assertThat(store().list(key.scope())).hasSize(1);
    }

    @Test
    void listWhileEntriesComeAndGoNeverFailsAndSeesOnlyWholeEntries() throws Exception {
        String cluster = newCluster();
        WatchScope scope = scope(cluster, "ns", "Pod");
        List<Map<String, Object>> valid = new ArrayList<>();
        for (int i = 0; i < 10; i++) {
            valid.add(map("i", i, "payload", "x".repeat(100)));
            store().put(key(cluster, "ns", "Pod", "p" + i), new WatchData(valid.get(i)));
        }
        ExecutorService pool = Executors.newSingleThreadExecutor();
        try {
            Future<?> churn = pool.submit(() -> {
                for (int round = 0; round < 20; round++) {
                    for (int i = 0; i < 10; i++) {
                        WatchKey key = key(cluster, "ns", "Pod", "p" + i);
                        if ((round + i) % 2 == 0) {
                            store().delete(key);
                        } else {
                            store().put(key, new WatchData(valid.get(i)));
                        }
                    }
                }
                return null;
            });
            while (!churn.isDone()) {
                for (WatchData data : store().list(scope)) {
                    assertThat(valid).contains(castMap(data.value()));
                }
            }
            churn.get();
        } finally {
            pool.shutdownNow();
        }
    }

    // ---------------------------------------------------------------- helpers

    private Object storeAndGet(WatchKey key, Object data) {
        store().put(key, new WatchData(data));
        return store().get(key).orElseThrow().value();
    }

    protected static WatchKey key(String cluster, String namespace, String type, String name) {
        return new WatchKey(Env.K8S, cluster, namespace, type, name);
    }

    protected static WatchScope scope(String cluster, String namespace, String type) {
        return new WatchScope(Env.K8S, cluster, namespace, type);
    }

    protected static String newCluster() {
        return "BCS-K8S-" + UUID.randomUUID();
    }

    /** Keys a store could choke on if it treated them specially. */
    protected static Map<String, Object> hostileData() {
        return map(
                "a.b", 1,
                "$set", "dollar first",
                "pre$fix", "dollar inside",
                "100%", "percent",
                "%2E", "encoded dot, literally",
                ".", "lone dot",
                "..", "two dots",
                "/", "slash",
                "a/b/../c", "path",
                "名字", "值",
                "😀", "emoji",
                "", "empty key",
                "nul\u0000key", "nul inside",
                "\"quoted\"", "\\backslash\\",
                "__proto__", "proto",
                "metadata", map(
                        "name", "web-1",
                        "labels", map("app.kubernetes.io/name", "web", "$weird", "w", "", "", "x.y.z", List.of("a.b")),
                        "annotations", map("kubectl.kubernetes.io/last-applied-configuration", "{\"a.b\":1}")),
                "items", List.of(
                        map("x.y", List.of(map("$z", null, "", map(".", ".")))),
                        "plain",
                        List.of("%00", map("", map(), "%", "%"))));
    }

    protected static Map<String, Object> numbers() {
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
                "bigDecimal", new BigDecimal("12345.678901234567890123"),
                "inArray", List.of(1, 2L, 2.5, new BigInteger("18446744073709551617")));
    }

    private static Object nested(int depth) {
        Object value = "bottom";
        for (int i = 0; i < depth; i++) {
            value = i % 2 == 0 ? map("d", value) : List.of(value);
        }
        return value;
    }

    /** An insertion-ordered map from alternating keys and values; values may be null. */
    protected static Map<String, Object> map(Object... keysAndValues) {
        Map<String, Object> map = new LinkedHashMap<>();
        for (int i = 0; i < keysAndValues.length; i += 2) {
            map.put((String) keysAndValues[i], keysAndValues[i + 1]);
        }
        return map;
    }

    @SuppressWarnings("unchecked")
    private static Map<String, Object> castMap(Object value) {
        return (Map<String, Object>) value;
    }

    /** Equal as JSON: numbers compare by value whatever their Java type. */
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
            return list.stream().map(WatchStoreContract::numbersByValue).collect(Collectors.toList());
        }
        if (value instanceof Number number) {
            BigDecimal decimal = number instanceof BigDecimal d ? d
                    : number instanceof BigInteger i ? new BigDecimal(i)
                    : number instanceof Double || number instanceof Float ? new BigDecimal(number.toString())
                    : BigDecimal.valueOf(number.longValue());
            return decimal.stripTrailingZeros();
        }
        return value;
    }
}
