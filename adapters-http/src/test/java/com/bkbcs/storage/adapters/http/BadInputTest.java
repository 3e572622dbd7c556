package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.ResourceKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;

import java.net.http.HttpRequest;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input the dynamic routes handle gets a 4xx with the whole envelope checked, and the
 * store is left exactly as it was (a seeded resource is watched through each request).
 */
class BadInputTest extends DynamicApiFixture {
    private static final String BASE = BASES.get(1);
    private static final String SEED_DATA = "{\"metadata\": {\"name\": \"web\", \"labels\": {\"app\": \"web\"}}}";

    private ResourceKey seeded;
    private ResourceKey seededClusterScoped;
    private Snapshot before;

    @BeforeEach
    void seedOneResource() {
        seeded = seed("ns", "Pod", "web", SEED_DATA);
        seededClusterScoped = seedClusterScoped("Node", "node", SEED_DATA);
        before = snapshot(seeded, seededClusterScoped);
    }

    private void assertStoreUnchanged() {
        assertThat(snapshot(seeded, seededClusterScoped)).isEqualTo(before);
        assertThat(store.find(seeded)).isPresent();
    }

    private String one() {
        return nsPath(BASE, "ns", "Pod") + "/web";
    }

    private String list() {
        return nsPath(BASE, "ns", "Pod");
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    // ---- PUT bodies -------------------------------------------------------------------------

    static Stream<Arguments> badPutBodies() {
        String deep = "{\"data\": " + "[".repeat(100) + "]".repeat(100) + "}";
        return Stream.of(
                Arguments.of("", "the request body must not be empty"),
                Arguments.of("  \n ", "the request body must not be empty"),
                Arguments.of("[1, 2]", "the request body must be a JSON object"),
                Arguments.of("\"data\"", "the request body must be a JSON object"),
                Arguments.of("42", "the request body must be a JSON object"),
                Arguments.of("null", "the request body must be a JSON object"),
                Arguments.of("true", "the request body must be a JSON object"),
                Arguments.of("{}", "the request body must have a 'data' member"),
                Arguments.of("{\"Data\": 1, \"metadata\": {}}", "unknown body member 'Data'; this route takes data"),
                Arguments.of("{\"metadata\": {}}", "unknown body member 'metadata'; this route takes data"),
                Arguments.of("{\"data\": 1, \"_method\": \"DELETE\"}", "unknown body member '_method'; this route takes data"),
                Arguments.of("{\"data\": 1e999}", "numbers must be finite"),
                Arguments.of(deep, "data is nested deeper than 90 levels"));
    }

    @ParameterizedTest
    @MethodSource("badPutBodies")
    void putRejectsBodiesThatAreNotAnObjectWithData(String body, String why) {
        assertFailure(http.put(one(), body), 400, 10003, "Put resource failed: " + why, false);
        assertFailure(http.put(clusterPath(BASE, "Node") + "/node", body), 400, 10003, "Put resource failed: " + why,
                false);
        assertStoreUnchanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"data\": ",
            "{\"data\": 1} trailing",
            "{\"data\": 1}{}",
            "{data: 1}",
            "{\"data\": NaN}",
            "{\"data\": 'single'}",
            "{\"data\": [1,]}",
    })
    void putRejectsMalformedJson(String body) {
        assertFailureStartingWith(http.put(one(), body), 400, 10003,
                "Put resource failed: the request body is not valid JSON: ", false);
        assertStoreUnchanged();
    }

    @Test
    void putRejectsInvalidUtf8() {
        byte[] body = {'{', '"', 'd', 'a', 't', 'a', '"', ':', '"', (byte) 0xC0, (byte) 0xAF, '"', '}'};
        assertFailure(http.send("PUT", one(), HttpRequest.BodyPublishers.ofByteArray(body)), 400, 10003,
                "Put resource failed: the request body is not valid UTF-8", false);
        body[9] = (byte) 0xFF;
        assertFailure(http.send("PUT", one(), HttpRequest.BodyPublishers.ofByteArray(body)), 400, 10003,
                "Put resource failed: the request body is not valid UTF-8", false);
        assertStoreUnchanged();
    }

    // ---- list and batch-delete query parameters ----------------------------------------------

    static Stream<Arguments> badFilterParameters() {
        return Stream.of(
                Arguments.of("extra=" + b64("{\"$where\": \"1\"}"), "a field path segment must not start with '$': $where"),
                Arguments.of("extra=" + b64("{\"data.metadata.$gt\": 1}"), "a field path segment must not start with '$': $gt"),
                Arguments.of("extra=" + b64("{\"data.metadata.name\": {\"$ne\": \"x\"}}"),
                        "extra value of 'data.metadata.name' must be a string, number, boolean, null or an array of those, not an object"),
                Arguments.of("extra=" + b64("{\"data.metadata.name\": []}"),
                        "extra value of 'data.metadata.name' must not be an empty array"),
                Arguments.of("extra=" + b64("{\"data.metadata.name\": [[\"web\"]]}"),
                        "condition values must be strings, numbers, booleans or null"),
                Arguments.of("extra=" + b64("{\"data..name\": 1}"), "a field path must not have empty segments"),
                Arguments.of("extra=" + b64("[{\"data.metadata.name\": \"web\"}]"), "extra must be base64 of a JSON object"),
                Arguments.of("extra=" + b64("\"data\""), "extra must be base64 of a JSON object"),
                Arguments.of("extra=" + b64("null"), "extra must be base64 of a JSON object"),
                Arguments.of("$where=1", "parameter names must not contain segments starting with '$': $where"),
                Arguments.of("data.$ne=x", "parameter names must not contain segments starting with '$': data.$ne"),
                Arguments.of("unknown.$or=x", "parameter names must not contain segments starting with '$': unknown.$or"),
                Arguments.of("%24regex=x", "parameter names must not contain segments starting with '$': $regex"),
                Arguments.of("data..name=web", "a field path must not have empty segments"),
                Arguments.of("labelSelector=" + Http.encode("app in (web"), "labelSelector 'app in (web': unbalanced parentheses"),
                Arguments.of("labelSelector=" + Http.encode("$app=web"), "labelSelector '$app=web': label keys must not start with '$'"),
                Arguments.of("labelSelector=" + Http.encode("app=web,"), "labelSelector 'app=web,': empty requirement"));
    }

    @ParameterizedTest
    @MethodSource("badFilterParameters")
    void listRejectsFiltersThatCannotBeApplied(String query, String why) {
        assertFailure(http.get(list() + "?" + query), 400, 10006, "List resource failed: " + why, true);
        assertFailure(http.get(allPath(BASE, "Pod") + "?" + query), 400, 10006, "List resource failed: " + why, true);
        assertStoreUnchanged();
    }

    @ParameterizedTest
    @MethodSource("badFilterParameters")
    void batchDeleteRejectsFiltersThatCannotBeApplied(String query, String why) {
        assertFailure(http.delete(list() + "?" + query), 400, 10005, "Delete resource failed: " + why, false);
        assertFailure(http.delete(clusterPath(BASE, "Node") + "?" + query), 400, 10005,
                "Delete resource failed: " + why, false);
        assertFailure(http.delete(allPath(BASE, "Pod") + "?" + query), 400, 10005,
                "Delete resource failed: " + why, false);
        assertStoreUnchanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "!!!notbase64      | extra is not base64: ",
            "%E4%BD%A0         | extra is not base64: ",
            "bm90IGpzb24=      | extra is not valid JSON: ",
            "e30=e30=          | extra is not base64: ",
            "eyJhIjox          | extra is not valid JSON: ",
    })
    void listAndBatchDeleteRejectExtraThatIsNotBase64OfJson(String extra, String why) {
        assertFailureStartingWith(http.get(list() + "?extra=" + extra), 400, 10006, "List resource failed: " + why, true);
        assertFailureStartingWith(http.delete(list() + "?extra=" + extra), 400, 10005, "Delete resource failed: " + why,
                false);
        assertStoreUnchanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "offset=-1          | offset must be a non-negative integer: -1",
            "offset=abc         | offset must be a non-negative integer: abc",
            "offset=1.5         | offset must be a non-negative integer: 1.5",
            "offset=+1          | offset must be a non-negative integer:  1",
            "offset=99999999999 | offset must be a non-negative integer: 99999999999",
            "limit=-5           | limit must be a non-negative integer: -5",
            "limit=ten          | limit must be a non-negative integer: ten",
            "limit=2147483648   | limit must be a non-negative integer: 2147483648",
            "field=data.$x      | a field path segment must not start with '$': $x",
            "field=data..x      | a field path must not have empty segments",
            "field=.data        | a field path must not have empty segments",
    })
    void listRejectsBadPagingAndProjection(String query, String why) {
        assertFailure(http.get(list() + "?" + query), 400, 10006, "List resource failed: " + why, true);
        assertStoreUnchanged();
    }

    @Test
    void getOneRejectsBadProjectionAndOperatorParameters() {
        assertFailure(http.get(one() + "?field=data.$where"), 400, 10004,
                "Get resource failed: a field path segment must not start with '$': $where", false);
        assertFailure(http.get(one() + "?$where=1"), 400, 10004,
                "Get resource failed: parameter names must not contain segments starting with '$': $where", false);
        assertFailure(http.put(one() + "?$set=1", "{\"data\": 2}"), 400, 10003,
                "Put resource failed: parameter names must not contain segments starting with '$': $set", false);
        assertFailure(http.delete(one() + "?x.$y=1"), 400, 10005,
                "Delete resource failed: parameter names must not contain segments starting with '$': x.$y", false);
        assertStoreUnchanged();
    }

    // ---- batch-delete times and bodies --------------------------------------------------------

    static Stream<Arguments> badBatchDeletes() {
        String notATime = " is not a time (unix seconds, 'yyyy-MM-dd HH:mm:ss' or RFC 3339): ";
        return Stream.of(
                Arguments.of("?updateTimeBegin=yesterday", null, "updateTimeBegin" + notATime + "yesterday"),
                Arguments.of("?updateTimeEnd=99999999999999", null, "updateTimeEnd" + notATime + "99999999999999"),
                Arguments.of("?updateTimeEnd=2018-13-01T00:00:00Z", null, "updateTimeEnd" + notATime + "2018-13-01T00:00:00Z"),
                Arguments.of("?updateTimeBegin=2000&updateTimeEnd=1000", null, "time range of updateTime ends before it begins"),
                Arguments.of("", "{\"updateTimeEnd\": \"soon\"}", "updateTimeEnd" + notATime + "soon"),
                Arguments.of("", "{\"updateTimeBegin\": true}", "updateTimeBegin must be unix seconds (a number or a string): true"),
                Arguments.of("", "{\"updateTimeBegin\": [1]}", "updateTimeBegin must be unix seconds (a number or a string): [1]"),
                Arguments.of("", "{\"updateTimeBegin\": {\"$gt\": 1}}",
                        "updateTimeBegin must be unix seconds (a number or a string): {$gt=1}"),
                Arguments.of("", "{\"updateTimeBegin\": 1.5}", "updateTimeBegin must be whole unix seconds: 1.5"),
                Arguments.of("", "{\"updateTimeBegin\": 2000, \"updateTimeEnd\": 1000}",
                        "time range of updateTime ends before it begins"),
                Arguments.of("", "[1]", "the request body must be a JSON object"),
                Arguments.of("", "\"x\"", "the request body must be a JSON object"),
                Arguments.of("", "null", "the request body must be a JSON object"));
    }

    @ParameterizedTest
    @MethodSource("badBatchDeletes")
    void batchDeleteRejectsBadTimesAndBodies(String query, String body, String why) {
        for (String path : List.of(list(), clusterPath(BASE, "Node"), allPath(BASE, "Pod"))) {
            assertFailure(http.send("DELETE", path + query, body), 400, 10005, "Delete resource failed: " + why, false);
        }
        assertStoreUnchanged();
    }

    @Test
    void batchDeleteRejectsMalformedJsonBody() {
        assertFailureStartingWith(http.send("DELETE", list(), "{\"updateTimeBegin\": "), 400, 10005,
                "Delete resource failed: the request body is not valid JSON: ", false);
        assertStoreUnchanged();
    }

    // ---- path segments ------------------------------------------------------------------------

    /** Each route with one of its segments replaced, and the error its operation reports. */
    static Stream<Arguments> invalidSegments() {
        String tooLong = "n".repeat(254);
        List<Arguments> cases = new ArrayList<>();
        String[][] segments = {
                {"a%2Fb", "must not contain '/'"},
                {"a%24b", "must not contain '$'"},
                {"%24set", "must not contain '$'"},
                {"a%01b", "must not contain control characters"},
                {"a%7Fb", "must not contain control characters"},
                {"a%C2%85b", "must not contain control characters"},
                {tooLong, "is longer than 253 characters"},
        };
        for (String[] segment : segments) {
            String bad = segment[0];
            String why = segment[1];
            String ns = BASE + "/dynamic/namespace_resources/clusters/";
            String cl = BASE + "/dynamic/cluster_resources/clusters/";
            String all = BASE + "/dynamic/all_resources/clusters/";
            cases.add(Arguments.of("PUT", ns + "c/namespaces/ns/Pod/" + bad, 10003, "Put resource failed: resourceName " + why, false));
            cases.add(Arguments.of("GET", ns + "c/namespaces/ns/Pod/" + bad, 10004, "Get resource failed: resourceName " + why, false));
            cases.add(Arguments.of("DELETE", ns + "c/namespaces/ns/Pod/" + bad, 10005, "Delete resource failed: resourceName " + why, false));
            cases.add(Arguments.of("PUT", ns + bad + "/namespaces/ns/Pod/x", 10003, "Put resource failed: clusterId " + why, false));
            cases.add(Arguments.of("PUT", ns + "c/namespaces/" + bad + "/Pod/x", 10003, "Put resource failed: namespace " + why, false));
            cases.add(Arguments.of("PUT", cl + "c/" + bad + "/x", 10003, "Put resource failed: resourceType " + why, false));
            cases.add(Arguments.of("GET", cl + "c/Node/" + bad, 10004, "Get resource failed: resourceName " + why, false));
            cases.add(Arguments.of("DELETE", cl + bad + "/Node/x", 10005, "Delete resource failed: clusterId " + why, false));
            cases.add(Arguments.of("GET", ns + "c/namespaces/" + bad + "/Pod", 10006, "List resource failed: namespace " + why, true));
            cases.add(Arguments.of("GET", cl + "c/" + bad, 10006, "List resource failed: resourceType " + why, true));
            cases.add(Arguments.of("GET", all + bad + "/Pod", 10006, "List resource failed: clusterId " + why, true));
            cases.add(Arguments.of("DELETE", ns + "c/namespaces/" + bad + "/Pod", 10005, "Delete resource failed: namespace " + why, false));
            cases.add(Arguments.of("DELETE", cl + "c/" + bad, 10005, "Delete resource failed: resourceType " + why, false));
            cases.add(Arguments.of("DELETE", all + "c/" + bad, 10005, "Delete resource failed: resourceType " + why, false));
        }
        return cases.stream();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("invalidSegments")
    void invalidPathSegmentsAreBadInput(String method, String path, int code, String message, boolean listData) {
        String body = method.equals("PUT") ? "{\"data\": 1}" : null;
        assertFailure(http.send(method, path, body), 400, code, message, listData);
        assertStoreUnchanged();
    }

    @Test
    void longestValidNameIsAccepted() {
        String longest = "n".repeat(253);
        assertSuccess(http.put(nsPath(BASE, "ns", "Pod") + "/" + longest, "{\"data\": 1}"));
        assertThat(names(http.get(list() + "?resourceName=" + longest))).containsExactly(longest);
    }

    @ParameterizedTest
    @CsvSource({"PUT", "GET", "DELETE"})
    void nulInAPathSegmentIsRefusedByJettyWithTheEnvelope(String method) {
        Http.Reply reply = http.raw(method + " " + nsPath(BASE, "ns", "Pod") + "/a%00b HTTP/1.1\r\nHost: x\r\n"
                + "Content-Type: application/json\r\nContent-Length: 11\r\nConnection: close\r\n\r\n{\"data\": 1}");
        // Jetty's parser refuses the request line before the method is known: the code is the default's
        assertThat(reply.contentType()).startsWith("application/json");
        assertFailureStartingWith(reply, 400, 10004, "Get resource failed: the HTTP server rejected the request: ", false);
        assertThat(reply.json().path("message").asText()).contains("Illegal character");
        assertStoreUnchanged();
    }

    @Test
    void malformedPercentEncodingGetsTheEnvelope() {
        Http.Reply inPath = http.raw("GET " + nsPath(BASE, "ns", "Pod") + "/a%ZZ HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(inPath.status()).isEqualTo(400);
        assertThat(inPath.json().path("result").asBoolean()).isFalse();
        Http.Reply badUtf8 = http.raw("GET " + nsPath(BASE, "ns", "Pod") + "/a%C0%AF HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertThat(badUtf8.status()).isEqualTo(400);
        assertThat(badUtf8.json().path("result").asBoolean()).isFalse();
        assertStoreUnchanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "resourceName=%ZZ          | the query string has a malformed percent escape: %ZZ",
            "resourceName=web%2        | the query string has a malformed percent escape: web%2",
            "resourceName=%C0%AF       | the query string is not valid UTF-8: %C0%AF",
            "data.metadata.name=%E4%BD | the query string is not valid UTF-8: %E4%BD",
            "%ZZ=web                   | the query string has a malformed percent escape: %ZZ",
    })
    void malformedQueryStringEncodingIsBadInputAndNeverDropsAFilter(String query, String why) {
        Http.Reply reply = http.raw("DELETE " + list() + "?" + query + " HTTP/1.1\r\nHost: x\r\n"
                + "Connection: close\r\n\r\n");
        assertFailure(reply, 400, 10005, "Delete resource failed: " + why, false);
        assertFailure(http.raw("GET " + list() + "?" + query + " HTTP/1.1\r\nHost: x\r\nConnection: close\r\n\r\n"),
                400, 10006, "List resource failed: " + why, true);
        assertStoreUnchanged();
    }

    @Test
    void uriLongerThanJettyAcceptsGetsTheEnvelope() {
        Http.Reply reply = http.get(one() + "x".repeat(10_000));
        assertThat(reply.status()).isEqualTo(414);
        assertFailureStartingWith(reply, 414, 10004, "Get resource failed: the HTTP server rejected the request: ",
                false);
        assertStoreUnchanged();
    }

    @Test
    void emptyPathSegmentsMatchNoRoute() {
        assertFailure(http.put(nsPath(BASE, "", "Pod") + "/x", "{\"data\": 1}"), 404, 10003,
                "Put resource failed: no such route: PUT " + nsPath(BASE, "", "Pod") + "/x", false);
        assertFailure(http.get(clusterPath(BASE, "") + "/x"), 404, 10004,
                "Get resource failed: no such route: GET " + clusterPath(BASE, "") + "/x", false);
        assertStoreUnchanged();
    }

    // ---- unknown routes and wrong methods -----------------------------------------------------

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "GET,    /bcsstorage/v1/mesos/dynamic/unknown,                                 10004, Get resource failed",
            "GET,    /bcsstorage/v1/docker/dynamic/cluster_resources/clusters/c/Node,      10004, Get resource failed",
            "GET,    /bcsstorage/v1/K8S/dynamic/cluster_resources/clusters/c/Node,         10004, Get resource failed",
            "PUT,    /bcsstorage/v2/k8s/dynamic/cluster_resources/clusters/c/Node/n,       10003, Put resource failed",
            "PUT,    /bcsapi/v4/storage/k8s/dynamic/cluster_resources/clusters/c/Node/n/x, 10003, Put resource failed",
            "DELETE, /k8s/dynamic/cluster_resources/clusters/c/Node/n,                     10005, Delete resource failed",
            "DELETE, /nothing,                                                             10005, Delete resource failed",
            "POST,   /index.html,                                                          10003, Put resource failed",
            "GET,    /bcsstorage/v1/healthz,                                               10004, Get resource failed",
    })
    void unknownRoutesAre404WithTheEnvelope(String method, String path, int code, String failure) {
        String body = method.equals("GET") || method.equals("DELETE") ? null : "{\"data\": 1}";
        assertFailure(http.send(method, path, body), 404, code, failure + ": no such route: " + method + " " + path,
                false);
        assertStoreUnchanged();
    }

    @ParameterizedTest(name = "{0} {1}")
    @CsvSource({
            "POST,   /dynamic/namespace_resources/clusters/c/namespaces/ns/Pod/web, 10003, Put resource failed",
            "PATCH,  /dynamic/namespace_resources/clusters/c/namespaces/ns/Pod/web, 10003, Put resource failed",
            "PUT,    /dynamic/namespace_resources/clusters/c/namespaces/ns/Pod,     10003, Put resource failed",
            "POST,   /dynamic/cluster_resources/clusters/c/Node,                    10003, Put resource failed",
            "PUT,    /dynamic/all_resources/clusters/c/Pod,                         10003, Put resource failed",
            "OPTIONS,/dynamic/all_resources/clusters/c/Pod,                         10004, Get resource failed",
    })
    void wrongMethodsAre405WithTheEnvelope(String method, String path, int code, String failure) {
        String full = BASE + path.replace("/c/", "/" + cluster + "/");
        assertFailure(http.send(method, full, "{\"data\": 1}"), 405, code,
                failure + ": method " + method + " is not allowed on " + full, false);
        assertStoreUnchanged();
    }

    @Test
    void wrongMethodOnHealthzIs405() {
        assertFailure(http.send("DELETE", "/healthz", (String) null), 405, 10005,
                "Delete resource failed: method DELETE is not allowed on /healthz", false);
        assertStoreUnchanged();
    }
}
