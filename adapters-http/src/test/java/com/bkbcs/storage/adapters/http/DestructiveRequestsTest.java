package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ResourceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

/**
 * No request destroys data it did not name: a misspelt or undocumented parameter or body member is
 * a 400 naming it before anything is read or written (it must never widen a batch delete to the
 * whole scope), and the method is the request line's whatever override header or parameter a
 * request carries. Each case checks the answer and that the store is unchanged.
 */
class DestructiveRequestsTest extends DynamicApiFixture {
    private static final String BASE = BASES.get(1);
    private ResourceKey web;
    private ResourceKey db;
    private ResourceKey node;
    private Snapshot before;

    @BeforeEach
    void seedThree() {
        web = seed("ns", "Pod", "web", "{\"metadata\": {\"name\": \"web\", \"labels\": {\"app\": \"a\"}}}");
        db = seed("ns", "Pod", "db", "{\"metadata\": {\"name\": \"db\", \"labels\": {\"app\": \"b\"}}}");
        node = seedClusterScoped("Pod", "n1", "{\"metadata\": {\"name\": \"n1\"}}");
        before = snapshot(web, db, node);
    }

    private void assertUnchanged() {
        assertThat(snapshot(web, db, node)).isEqualTo(before);
        assertThat(before.watched().values()).allMatch(java.util.Optional::isPresent);
    }

    private String list() {
        return nsPath(BASE, "ns", "Pod");
    }

    static Stream<Arguments> misspeltBatchDeletes() {
        return Stream.of(
                Arguments.of("?lableSelector=app%3Da", null, "parameter 'lableSelector'"),
                Arguments.of("?name=web", null, "parameter 'name'"),
                Arguments.of("?limit=1", null, "parameter 'limit'"),
                Arguments.of("?offset=1", null, "parameter 'offset'"),
                Arguments.of("?field=x", null, "parameter 'field'"),
                Arguments.of("?updateTimeend=1", null, "parameter 'updateTimeend'"),
                Arguments.of("?resourcename=web", null, "parameter 'resourcename'"),
                Arguments.of("?labelselector=app%3Da", null, "parameter 'labelselector'"),
                Arguments.of("?Extra=eyJhIjoxfQ%3D%3D", null, "parameter 'Extra'"),
                Arguments.of("?_method=GET", null, "parameter '_method'"),
                Arguments.of("?lableSelector=", null, "parameter 'lableSelector'"),
                Arguments.of("", "{\"updateTimeend\": 1}", "body member 'updateTimeend'"),
                Arguments.of("", "{\"extra\": \"eyJhIjoxfQ==\"}", "body member 'extra'"),
                Arguments.of("", "{\"labelSelector\": \"app=a\"}", "body member 'labelSelector'"),
                Arguments.of("", "{\"updateTimeBegin\": 1, \"data\": null}", "body member 'data'"));
    }

    @ParameterizedTest
    @MethodSource("misspeltBatchDeletes")
    void aMisspeltFilterOfABatchDeleteIsRefusedAndDeletesNothing(String query, String body, String unknown) {
        for (String scope : new String[]{list(), clusterPath(BASE, "Pod"), allPath(BASE, "Pod")}) {
            assertFailureStartingWith(http.send("DELETE", scope + query, body), 400, 10005,
                    "Delete resource failed: unknown " + unknown + "; this route takes ", false);
        }
        assertUnchanged();
    }

    @Test
    void theErrorNamesWhatTheRouteTakes() {
        assertFailure(http.delete(list() + "?lableSelector=app%3Da"), 400, 10005, "Delete resource failed: unknown "
                + "parameter 'lableSelector'; this route takes data.<path>, extra, labelSelector, namespace, resourceName, "
                + "updateTimeBegin, updateTimeEnd", false);
        assertFailure(http.get(list() + "?lableSelector=app%3Da"), 400, 10006, "List resource failed: unknown "
                + "parameter 'lableSelector'; this route takes data.<path>, extra, field, labelSelector, limit, namespace, "
                + "offset, resourceName", true);
        assertFailure(http.delete(list() + "/web?force=true"), 400, 10005,
                "Delete resource failed: unknown parameter 'force'; this route takes none", false);
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"?labelSelector=app%3Db", "?extra=eyJhIjoxfQ%3D%3D", "?data.metadata.name=db", "?field=data",
            "?name=web", "?_method=GET"})
    void deleteOfOneResourceTakesNoParameters(String query) {
        assertFailureStartingWith(http.delete(list() + "/web" + query), 400, 10005,
                "Delete resource failed: unknown parameter", false);
        assertFailureStartingWith(http.delete(clusterPath(BASE, "Pod") + "/n1" + query), 400, 10005,
                "Delete resource failed: unknown parameter", false);
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"?fields=data", "?feild=resourceName", "?_method=DELETE", "?selector=app%3Da"})
    void readsRefuseUnknownParametersToo(String query) {
        assertFailureStartingWith(http.get(list() + query), 400, 10006, "List resource failed: unknown parameter", true);
        assertFailureStartingWith(http.get(list() + "/web" + query), 400, 10004, "Get resource failed: unknown parameter",
                false);
        assertUnchanged();
    }

    @Test
    void putTakesNoParametersAndOnlyData() {
        assertFailureStartingWith(http.put(list() + "/web?_method=DELETE", "{\"data\": 1}"), 400, 10003,
                "Put resource failed: unknown parameter '_method'", false);
        assertFailure(http.put(list() + "/web", "{\"data\": 1, \"labels\": {}}"), 400, 10003,
                "Put resource failed: unknown body member 'labels'; this route takes data", false);
        assertUnchanged();
    }

    @Test
    void whatRealCallersSendStillWorks() {
        String gateway = "access_token=t&bk_app_code=c&bk_app_secret=s&bk_username=u";
        // a single GET with the paging real callers send, and the gateway's parameters everywhere
        assertThat(http.get(list() + "/web?field=resourceName&offset=0&limit=1&" + gateway).json()
                .path("data").path("resourceName").asText()).isEqualTo("web");
        assertThat(names(http.get(list() + "?labelSelector=app%3Da&field=resourceName&offset=0&limit=10&" + gateway)))
                .containsExactly("web");
        assertSuccess(http.put(list() + "/new?" + gateway, "{\"data\": {\"a\": 1}}"));
        assertSuccess(http.delete(list() + "/new?" + gateway));
        // the agents' batch delete: bounds in a JSON body, zero meaning no bound
        assertSuccess(http.send("DELETE", list() + "?labelSelector=app%3Dnobody&" + gateway,
                "{\"updateTimeBegin\": 0, \"updateTimeEnd\": 0}"));
        assertUnchanged();
        assertSuccess(http.send("DELETE", list() + "?resourceName=db&updateTimeBegin=&" + gateway, ""));
        assertThat(store.find(db)).isEmpty();
        assertThat(store.find(web)).isPresent();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-Method-Override", "X-HTTP-Method", "x-http-method-override"})
    void aGetWithAMethodOverrideHeaderIsAGet(String header) {
        Http.Reply one = http.send("GET", list() + "/web", (String) null, Map.of(header, "DELETE"));
        assertThat(one.status()).as(one.body()).isEqualTo(200);
        assertThat(one.json().path("data").path("resourceName").asText()).isEqualTo("web");
        assertThat(names(http.send("GET", list(), (String) null, Map.of(header, "DELETE")))).containsExactlyInAnyOrder("web", "db");
        assertThat(names(http.send("GET", allPath(BASE, "Pod"), (String) null, Map.of(header, "DELETE")))).hasSize(3);
        assertUnchanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"X-HTTP-Method-Override", "X-Method-Override", "X-HTTP-Method"})
    void aPostWithAMethodOverrideHeaderIsAPost(String header) {
        for (String override : new String[]{"PUT", "DELETE"}) {
            Http.Reply reply = http.send("POST", list() + "/web", "{\"data\": 2}", Map.of(header, override));
            assertFailure(reply, 405, 10003, "Put resource failed: method POST is not allowed on " + list() + "/web", false);
            assertFailure(http.send("POST", list(), (String) null, Map.of(header, override)), 405, 10003,
                    "Put resource failed: method POST is not allowed on " + list(), false);
        }
        assertUnchanged();
    }

    @Test
    void aMethodParameterIsUnknownNotAnOverride() {
        assertFailureStartingWith(http.get(list() + "/web?_method=DELETE"), 400, 10004,
                "Get resource failed: unknown parameter '_method'", false);
        assertFailureStartingWith(http.get(list() + "?_method=DELETE"), 400, 10006,
                "List resource failed: unknown parameter '_method'", true);
        assertUnchanged();
    }
}
