package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.application.port.out.WatchStore;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import com.bkbcs.storage.domain.watch.WatchScope;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.Optional;

import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertFailure;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertReply;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

/** Every watch route, under both prefixes and for both environments, with golden envelopes. */
class WatchRoutesTest extends WatchApiFixture {

    static List<String> bases() {
        return BASES;
    }

    @ParameterizedTest
    @MethodSource("bases")
    void entryLifecycle(String base) {
        String one = typePath(base, "default", "Pod") + "/web-0";

        assertSuccess(http.put(one, """
                {"data": {"metadata": {"name": "web-0"}, "status": {"phase": "Running"}}}"""));
        assertReply(http.get(one), 200, """
                {"result": true, "code": 0, "message": "success",
                 "data": {"metadata": {"name": "web-0"}, "status": {"phase": "Running"}}}""");
        assertReply(http.get(typePath(base, "default", "Pod")), 200, """
                {"result": true, "code": 0, "message": "success",
                 "data": [{"metadata": {"name": "web-0"}, "status": {"phase": "Running"}}]}""");
        assertThat(store.get(new WatchKey(envOf(base), cluster, "default", "Pod", "web-0"))).isPresent();

        assertSuccess(http.delete(one));
        assertFailure(http.get(one), 404, 10004, "Get resource failed: resource does not exist", false);
        assertSuccess(http.delete(one));
        assertReply(http.get(typePath(base, "default", "Pod")), 200, """
                {"result": true, "code": 0, "message": "success", "data": []}""");
    }

    @Test
    void mesosAndK8sEntriesAreSeparateAndBothPrefixesServeTheSameData() {
        assertSuccess(http.put(typePath("/bcsstorage/v1/mesos", "ns", "application") + "/app", "{\"data\": \"mesos\"}"));
        assertSuccess(http.put(typePath("/bcsapi/v4/storage/k8s", "ns", "application") + "/app", "{\"data\": \"k8s\"}"));

        assertThat(http.get(typePath("/bcsapi/v4/storage/mesos", "ns", "application") + "/app").json().get("data").asText())
                .isEqualTo("mesos");
        assertThat(http.get(typePath("/bcsstorage/v1/k8s", "ns", "application") + "/app").json().get("data").asText())
                .isEqualTo("k8s");
    }

    @ParameterizedTest
    @ValueSource(strings = {"null", "[1, \"two\", null, true, 2.5]", "\"text\"", "42", "-1.5e-7", "true", "{}", "[]",
            "{\"a.b\": 1, \"$set\": {\"\": null}, \"名字\": \"值 😀\", \"app.kubernetes.io/name\": [\"x\"]}"})
    void getReturnsTheDataAsReportedWhateverItsShape(String data) {
        String one = typePath(BASES.get(0), "ns", "Kind") + "/x";

        assertSuccess(http.put(one, "{\"data\": " + data + "}"));

        assertReply(http.get(one), 200, "{\"result\": true, \"code\": 0, \"message\": \"success\", \"data\": " + data + "}");
        assertReply(http.get(typePath(BASES.get(0), "ns", "Kind")), 200,
                "{\"result\": true, \"code\": 0, \"message\": \"success\", \"data\": [" + data + "]}");
    }

    @Test
    void putReplacesTheDataWhole() {
        String one = typePath(BASES.get(1), "ns", "Pod") + "/p";
        assertSuccess(http.put(one, "{\"data\": {\"a\": 1, \"b\": 2}}"));
        assertSuccess(http.put(one, "{\"data\": {\"c\": 3}}"));

        assertReply(http.get(one), 200, "{\"result\": true, \"code\": 0, \"message\": \"success\", \"data\": {\"c\": 3}}");
    }

    @Test
    void listHoldsTheNamespacesDataInResourceNameOrder() {
        String base = BASES.get(3);
        for (String name : List.of("web-2", "db", "web-10", "a.b")) {
            assertSuccess(http.put(typePath(base, "ns", "Pod") + "/" + name, "{\"data\": {\"name\": \"" + name + "\"}}"));
        }
        assertSuccess(http.put(typePath(base, "ns2", "Pod") + "/other", "{\"data\": 0}"));
        assertSuccess(http.put(typePath(base, "ns", "Service") + "/other", "{\"data\": 0}"));

        assertReply(http.get(typePath(base, "ns", "Pod")), 200, """
                {"result": true, "code": 0, "message": "success",
                 "data": [{"name": "a.b"}, {"name": "db"}, {"name": "web-10"}, {"name": "web-2"}]}""");
        assertReply(http.get(typePath(base, "ns", "Pod") + "?offset=1&limit=2&access_token=x"), 200, """
                {"result": true, "code": 0, "message": "success", "data": [{"name": "db"}, {"name": "web-10"}]}""");
        assertReply(http.get(typePath(base, "ns", "Pod") + "?limit=0&offset=3"), 200, """
                {"result": true, "code": 0, "message": "success", "data": [{"name": "web-2"}]}""");
        assertReply(http.get(typePath(base, "nowhere", "Pod")), 200, """
                {"result": true, "code": 0, "message": "success", "data": []}""");
    }

    @Test
    void aDottedNamespaceAndADottedNameShareTheirEntryAsTheLayoutDoes() {
        String base = BASES.get(0);
        assertSuccess(http.put(typePath(base, "a.b", "application") + "/c", "{\"data\": \"via a.b\"}"));

        assertReply(http.get(typePath(base, "a", "application") + "/b.c"), 200,
                "{\"result\": true, \"code\": 0, \"message\": \"success\", \"data\": \"via a.b\"}");
        assertReply(http.get(typePath(base, "a", "application")), 200,
                "{\"result\": true, \"code\": 0, \"message\": \"success\", \"data\": [\"via a.b\"]}");
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "field=metadata.name",
            "extra=eyJhIjoxfQ==",
            "labelSelector=app%3Dweb",
            "resourceName=web",
            "namespace=ns",
            "data.metadata.name=web"})
    void listRefusesFiltersAndProjectionsRatherThanDroppingThem(String query) {
        WatchKey seeded = seed(Env.K8S, "ns", "Pod", "web", "{\"metadata\": {\"name\": \"web\"}}");

        assertFailure(http.get(typePath(BASES.get(1), "ns", "Pod") + "?" + query), 400, 10006,
                "List resource failed: unknown parameter '" + query.substring(0, query.indexOf('='))
                        + "'; this route takes limit, offset", true);
        assertThat(store.get(seeded)).isPresent();
    }

    @Test
    void anUnknownEnvironmentIsAnUnknownRoute() {
        int before = store.size();
        assertFailure(http.put("/bcsstorage/v1/docker/watch/clusters/" + cluster + "/namespaces/ns/Pod/p", "{\"data\": 1}"),
                404, 10003, "Put resource failed: no such route: PUT /bcsstorage/v1/docker/watch/clusters/" + cluster
                        + "/namespaces/ns/Pod/p", false);
        assertThat(store.size()).isEqualTo(before);
    }

    @Test
    void storeFailuresKeepTheOperationsCodeAndTellTheCauseByStatus() {
        HttpServer failing = start(new FailingWatchStore(new StorageException(ErrorKind.UNAVAILABLE,
                "ZooKeeper is unavailable: not connected")));
        HttpServer tooLarge = start(new FailingWatchStore(new StorageException(ErrorKind.TOO_LARGE,
                "the data is 2000000 bytes of JSON; ZooKeeper holds at most 1040384 bytes per resource")));
        try {
            Http down = new Http(failing.port());
            String one = typePath(BASES.get(0), "ns", "Pod") + "/p";
            assertFailure(down.put(one, "{\"data\": 1}"), 503, 10003,
                    "Put resource failed: ZooKeeper is unavailable: not connected", false);
            assertFailure(down.get(one), 503, 10004, "Get resource failed: ZooKeeper is unavailable: not connected", false);
            assertFailure(down.delete(one), 503, 10005,
                    "Delete resource failed: ZooKeeper is unavailable: not connected", false);
            assertFailure(down.get(typePath(BASES.get(0), "ns", "Pod")), 503, 10006,
                    "List resource failed: ZooKeeper is unavailable: not connected", true);
            assertFailure(new Http(tooLarge.port()).put(one, "{\"data\": 1}"), 413, 10003,
                    "Put resource failed: the data is 2000000 bytes of JSON; ZooKeeper holds at most 1040384 bytes per resource",
                    false);
        } finally {
            failing.close();
            tooLarge.close();
        }
    }

    /** A store whose every operation fails as the given exception says. */
    private record FailingWatchStore(StorageException failure) implements WatchStore {
        @Override
        public void put(WatchKey key, WatchData data) {
            throw failure;
        }

        @Override
        public Optional<WatchData> get(WatchKey key) {
            throw failure;
        }

        @Override
        public boolean delete(WatchKey key) {
            throw failure;
        }

        @Override
        public List<WatchData> list(WatchScope scope) {
            throw failure;
        }
    }
}
