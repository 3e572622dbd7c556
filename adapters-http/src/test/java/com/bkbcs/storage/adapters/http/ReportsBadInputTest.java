package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.host.Host;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static java.nio.charset.StandardCharsets.UTF_8;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input of the event, alarm, metric and host routes gets a 4xx with the whole envelope
 * checked, and nothing stored changes: journal sizes, metric count, and seeded hosts are watched
 * through each request.
 */
class ReportsBadInputTest extends ReportsApiFixture {
    private static final String P = PREFIXES.get(0);

    private record Snapshot(int events, int alarms, int metrics, int hosts, List<Optional<Host>> watched) {
    }

    private Snapshot before;

    @BeforeEach
    void seed() {
        DynamicApiFixture.assertSuccess(http.put(P + "/host/" + cluster + "-h1", "{\"clusterId\": \"" + cluster + "\", \"data\": 1}"));
        DynamicApiFixture.assertSuccess(http.put(P + "/host/" + cluster + "-h2", "{\"clusterId\": \"" + cluster + "\"}"));
        DynamicApiFixture.assertSuccess(http.put(P + "/metric/clusters/" + cluster + "/namespaces/ns/cpu/m", "{\"data\": 1}"));
        before = snapshot();
    }

    private Snapshot snapshot() {
        return new Snapshot(events.size(), alarms.size(), metrics.size(), hosts.size(),
                List.of(hosts.find(cluster + "-h1"), hosts.find(cluster + "-h2")));
    }

    private void assertNothingChanged() {
        assertThat(snapshot()).isEqualTo(before);
    }

    private static String b64(String text) {
        return Base64.getEncoder().encodeToString(text.getBytes(UTF_8));
    }

    // ---- bodies of PUT /events and POST /alarms -------------------------------------------------

    static Stream<Arguments> badEventBodies() {
        Stream<Arguments> texts = Stream.of("id", "env", "kind", "level", "component", "type", "describe", "clusterId")
                .map(name -> Arguments.of("{\"" + name + "\": 1}", name + " must be a string, was the number 1"));
        return Stream.concat(texts, Stream.of(
                Arguments.of("", "the request body must not be empty"),
                Arguments.of("[{\"eventTime\": 1}]", "the request body must be a JSON object"),
                Arguments.of("null", "the request body must be a JSON object"),
                Arguments.of("\"event\"", "the request body must be a JSON object"),
                Arguments.of("{\"eventTime\": \"1509423130\"}", "eventTime must be an integer within int64 (unix seconds), was a string"),
                Arguments.of("{\"eventTime\": 1509423130.5}", "eventTime must be an integer within int64 (unix seconds), was the number 1.5094231305E9"),
                Arguments.of("{\"eventTime\": 1e3}", "eventTime must be an integer within int64 (unix seconds), was the number 1000.0"),
                Arguments.of("{\"eventTime\": true}", "eventTime must be an integer within int64 (unix seconds), was a boolean"),
                Arguments.of("{\"eventTime\": 9223372036854775808}",
                        "eventTime must be an integer within int64 (unix seconds), was the number 9223372036854775808"),
                Arguments.of("{\"eventTime\": {}}", "eventTime must be an integer within int64 (unix seconds), was an object"),
                Arguments.of("{\"level\": [\"warning\"]}", "level must be a string, was an array"),
                Arguments.of("{\"extraInfo\": \"app\"}", "extraInfo must be an object, was a string"),
                Arguments.of("{\"extraInfo\": {\"name\": 1}}", "extraInfo.name must be a string, was the number 1"),
                Arguments.of("{\"extraInfo\": {\"namespace\": false}}", "extraInfo.namespace must be a string, was a boolean"),
                Arguments.of("{\"extraInfo\": {\"kind\": []}}", "extraInfo.kind must be a string, was an array"),
                Arguments.of("{\"data\": 1e999}", "numbers must be finite"),
                Arguments.of("{\"data\": " + "[".repeat(100) + "]".repeat(100) + "}", "data is nested deeper than 90 levels")));
    }

    @ParameterizedTest
    @MethodSource("badEventBodies")
    void putEventsRejectsWrongTypesAndStoresNothing(String body, String why) {
        DynamicApiFixture.assertFailure(http.put(P + "/events", body), 400, 10003, "Put resource failed: " + why, false);
        assertNothingChanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"receivedTime\": \"1510774481\"}|receivedTime must be an integer within int64 (unix seconds), was a string",
            "{\"receivedTime\": 1.0}|receivedTime must be an integer within int64 (unix seconds), was the number 1.0",
            "{\"clusterId\": null, \"namespace\": 7}|namespace must be a string, was the number 7",
            "{\"message\": {}}|message must be a string, was an object",
            "{\"source\": true}|source must be a string, was a boolean",
            "{\"module\": [1]}|module must be a string, was an array",
            "{\"type\": 2}|type must be a string, was the number 2",
            "[]|the request body must be a JSON object",
    })
    void postAlarmsRejectsWrongTypesAndStoresNothing(String body, String why) {
        DynamicApiFixture.assertFailure(http.send("POST", P + "/alarms", body), 400, 10003, "Put resource failed: " + why, false);
        assertNothingChanged();
    }

    @ParameterizedTest
    @ValueSource(strings = {"/events", "/alarms"})
    void malformedJsonIsRefused(String path) {
        DynamicApiFixture.assertFailureStartingWith(http.send(path.equals("/events") ? "PUT" : "POST", P + path,
                "{\"eventTime\": 1,}"), 400, 10003, "Put resource failed: the request body is not valid JSON: ", false);
        assertNothingChanged();
    }

    // ---- list parameters of /events and /alarms ---------------------------------------------

    static Stream<Arguments> badListParameters() {
        return Stream.of(
                Arguments.of("offset=-1", "offset must be a non-negative integer: -1"),
                Arguments.of("offset=1.5", "offset must be a non-negative integer: 1.5"),
                Arguments.of("length=abc", "length must be a non-negative integer: abc"),
                Arguments.of("length=99999999999", "length must be a non-negative integer: 99999999999"),
                Arguments.of("limit=x", "limit must be a non-negative integer: x"),
                Arguments.of("timeBegin=yesterday",
                        "timeBegin is not a time (unix seconds, 'yyyy-MM-dd HH:mm:ss' or RFC 3339): yesterday"),
                Arguments.of("timeEnd=2017-13-01", "timeEnd is not a time (unix seconds, 'yyyy-MM-dd HH:mm:ss' or RFC 3339): 2017-13-01"),
                Arguments.of("extra=" + b64("[1]"), "extra must be base64 of a JSON object"),
                Arguments.of("extra=" + b64("{\"$where\": 1}"), "a field path segment must not start with '$': $where"),
                Arguments.of("extra=" + b64("{\"data.a\": {\"$ne\": 1}}"),
                        "extra value of 'data.a' must be a string, number, boolean, null or an array of those, not an object"),
                Arguments.of("field=data.%24x", "a field path segment must not start with '$': $x"),
                Arguments.of("%24where=1", "parameter names must not contain segments starting with '$': $where"));
    }

    @ParameterizedTest
    @MethodSource("badListParameters")
    void listsRefuseBadParameters(String query, String why) {
        for (String path : List.of("/events", "/alarms")) {
            DynamicApiFixture.assertFailure(http.get(P + path + "?" + query), 400, 10006, "List resource failed: " + why, true);
        }
        assertNothingChanged();
    }

    @Test
    void aTimeRangeEndingBeforeItBeginsIsRefused() {
        DynamicApiFixture.assertFailure(http.get(P + "/events?timeBegin=200&timeEnd=100"), 400, 10006,
                "List resource failed: time range of eventTime ends before it begins", true);
        DynamicApiFixture.assertFailure(http.get(P + "/alarms?timeBegin=200&timeEnd=100"), 400, 10006,
                "List resource failed: time range of receivedTime ends before it begins", true);
        DynamicApiFixture.assertFailureStartingWith(http.get(P + "/events?extra=!!!"), 400, 10006,
                "List resource failed: extra is not base64: ", true);
    }

    // ---- metrics ---------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{}|the request body must have a 'data' member",
            "{\"Data\": 1}|unknown body member 'Data'; this route takes data",
            "[1]|the request body must be a JSON object",
            "''|the request body must not be empty",
            "{\"data\": 1e999}|numbers must be finite",
    })
    void putMetricNeedsAnObjectWithData(String body, String why) {
        String one = P + "/metric/clusters/" + cluster + "/namespaces/ns/cpu/m";
        DynamicApiFixture.assertFailure(http.put(one, body.equals("''") ? "" : body), 400, 10003, "Put resource failed: " + why, false);
        assertThat(http.get(one).json().path("data").path("data").asInt()).isEqualTo(1);
        assertNothingChanged();
    }

    @Test
    void metricPathSegmentsFollowTheNameRule() {
        String base = P + "/metric/clusters/" + cluster + "/namespaces/";
        DynamicApiFixture.assertFailure(http.put(base + "n%24s/cpu/m", "{\"data\": 1}"), 400, 10003,
                "Put resource failed: namespace must not contain '$'", false);
        DynamicApiFixture.assertFailure(http.get(base + "ns/cpu/" + "x".repeat(254)), 400, 10004,
                "Get resource failed: name is longer than 253 characters", false);
        DynamicApiFixture.assertFailure(http.delete(base + "ns/%01/m"), 400, 10005,
                "Delete resource failed: type must not contain control characters", false);
        DynamicApiFixture.assertFailure(http.get(P + "/metric/clusters/%24x"), 400, 10006,
                "List resource failed: clusterId must not contain '$'", true);
        DynamicApiFixture.assertFailure(http.get(P + "/metric/clusters/" + cluster + "?offset=-2"), 400, 10006,
                "List resource failed: offset must be a non-negative integer: -2", true);
        assertNothingChanged();
    }

    // ---- hosts -----------------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"clusterId\": 5}|clusterId must be a string, was the number 5",
            "{\"clusterId\": \"a/b\"}|clusterId must not contain '/'",
            "{\"clusterId\": \"x$\"}|clusterId must not contain '$'",
            "{\"ip\": 1}|ip must be a string, was the number 1",
            "[]|the request body must be a JSON object",
            "''|the request body must not be empty",
    })
    void putHostRejectsWrongTypesAndBadClusters(String body, String why) {
        DynamicApiFixture.assertFailure(http.put(P + "/host/" + cluster + "-h1", body.equals("''") ? "" : body), 400, 10003,
                "Put resource failed: " + why, false);
        assertNothingChanged();
    }

    @Test
    void hostPathSegmentsFollowTheNameRule() {
        DynamicApiFixture.assertFailure(http.put(P + "/host/a%24b", "{}"), 400, 10003, "Put resource failed: ip must not contain '$'", false);
        DynamicApiFixture.assertFailure(http.get(P + "/host/a%24b"), 400, 10004, "Get resource failed: ip must not contain '$'", false);
        DynamicApiFixture.assertFailure(http.delete(P + "/host/a%2Fb"), 400, 10005, "Delete resource failed: ip must not contain '/'", false);
        DynamicApiFixture.assertFailure(http.get(P + "/host/clusters/%24x"), 400, 10006,
                "List resource failed: clusterId must not contain '$'", true);
        assertNothingChanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "{\"ips\": \"10.0.0.1\"}|ips must be a list of strings, was a string",
            "{\"ips\": [1]}|ips must be a list of strings, had the number 1",
            "{\"ips\": [\"10.0.0.1\", null]}|ips must be a list of strings, had null or absent",
            "{\"ips\": {\"10.0.0.1\": true}}|ips must be a list of strings, was an object",
            "{\"ips\": null}|ips must be a list of strings, was null or absent",
            "{}|ips must be a list of strings, was null or absent",
            "{\"ips\": [\"ok\", \"\"]}|ip must not be empty",
            "{\"ips\": [\"a$b\"]}|ip must not contain '$'",
            "[\"10.0.0.1\"]|the request body must be a JSON object",
    })
    void membershipNeedsAListOfValidIps(String body, String why) {
        for (String method : List.of("PUT", "POST")) {
            DynamicApiFixture.assertFailure(http.send(method, P + "/host/clusters/" + cluster, body), 400, 10003,
                    "Put resource failed: " + why, false);
        }
        DynamicApiFixture.assertFailure(http.send("PUT", P + "/host/clusters/a%24", "{\"ips\": []}"), 400, 10003,
                "Put resource failed: clusterId must not contain '$'", false);
        assertNothingChanged();
    }

    // ---- unknown is an error ------------------------------------------------------------------

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "PUT|/events|{\"eventTime\": 1, \"evenTime\": 2}|body member 'evenTime'",
            "PUT|/events|{\"extraInfo\": {\"name\": \"a\", \"nmae\": \"b\"}}|body member of extraInfo 'nmae'",
            "POST|/alarms|{\"message\": \"m\", \"receviedTime\": 1}|body member 'receviedTime'",
            "PUT|/events?_method=DELETE|{}|parameter '_method'",
            "POST|/alarms?clusterId=x|{}|parameter 'clusterId'",
            "PUT|/metric/clusters/{c}/namespaces/ns/cpu/m|{\"data\": 2, \"namespace\": \"ns\"}|body member 'namespace'",
            "PUT|/metric/clusters/{c}/namespaces/ns/cpu/m?field=data|{\"data\": 2}|parameter 'field'",
            "PUT|/host/{c}-h1|{\"clusterId\": \"other\", \"lables\": {}}|body member 'lables'",
            "PUT|/host/{c}-h1?clusterId=other|{\"data\": 2}|parameter 'clusterId'",
            "PUT|/host/clusters/{c}|{\"ips\": [\"{c}-h1\"], \"ip\": \"{c}-h2\"}|body member 'ip'",
            "POST|/host/clusters/{c}|{\"ipss\": [\"{c}-h3\"]}|body member 'ipss'",
            "PUT|/host/clusters/{c}?force=1|{\"ips\": []}|parameter 'force'"})
    void writesRefuseUndocumentedParametersAndMembers(String method, String path, String body, String unknown) {
        DynamicApiFixture.assertFailureStartingWith(http.send(method, P + path.replace("{c}", cluster),
                body.replace("{c}", cluster)), 400, 10003, "Put resource failed: unknown " + unknown + "; this route takes ",
                false);
        assertNothingChanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/metric/clusters/{c}/namespaces/ns/cpu/m?type=cpu|parameter 'type'",
            "/host/{c}-h1?clusterId=x|parameter 'clusterId'",
            "/host/{c}-h2?_method=PUT|parameter '_method'"})
    void deletesOfOneTakeNoParameters(String path, String unknown) {
        DynamicApiFixture.assertFailure(http.delete(P + path.replace("{c}", cluster)), 400, 10005,
                "Delete resource failed: unknown " + unknown + "; this route takes none", false);
        assertNothingChanged();
    }

    @ParameterizedTest
    @CsvSource(delimiter = '|', value = {
            "/events?namespace=ns|parameter 'namespace'",
            "/events?extraInfo.nmae=web|parameter 'extraInfo.nmae'",
            "/events?timebegin=1|parameter 'timebegin'",
            "/alarms?level=warning|parameter 'level'",
            "/alarms?lenght=1|parameter 'lenght'",
            "/metric/clusters/{c}?nmae=m|parameter 'nmae'",
            "/metric/clusters/{c}?labelSelector=a|parameter 'labelSelector'",
            "/metric/clusters?clusterId=x|parameter 'clusterId'",
            "/host/clusters/{c}?ip=x|parameter 'ip'",
            "/host/{c}-h1?fields=data|parameter 'fields'"})
    void readsRefuseUndocumentedParameters(String path, String unknown) {
        boolean list = !path.startsWith("/host/{c}-");
        DynamicApiFixture.assertFailureStartingWith(http.get(P + path.replace("{c}", cluster)), 400, list ? 10006 : 10004,
                (list ? "List" : "Get") + " resource failed: unknown " + unknown + "; this route takes ", list);
        assertNothingChanged();
    }

    @Test
    void gatewayParametersAreAcceptedEverywhere() {
        String gateway = "?access_token=t&bk_app_code=c&bk_app_secret=s&bk_username=u";
        DynamicApiFixture.assertSuccess(http.put(P + "/events" + gateway, "{\"clusterId\": \"" + cluster + "\"}"));
        DynamicApiFixture.assertSuccess(http.send("POST", P + "/alarms" + gateway, "{\"clusterId\": \"" + cluster + "\"}"));
        assertThat(values(http.get(P + "/events" + gateway + "&clusterId=" + cluster), "clusterId")).hasSize(1);
        assertThat(values(http.get(P + "/alarms" + gateway + "&clusterId=" + cluster), "clusterId")).hasSize(1);
        assertThat(http.get(P + "/metric/clusters/" + cluster + "/namespaces/ns/cpu/m" + gateway).status()).isEqualTo(200);
        assertThat(values(http.get(P + "/metric/clusters/" + cluster + gateway), "name")).containsExactly("m");
        assertThat(http.get(P + "/metric/clusters" + gateway).status()).isEqualTo(200);
        assertThat(http.get(P + "/host/" + cluster + "-h1" + gateway + "&offset=0&limit=1").status()).isEqualTo(200);
        assertThat(values(http.get(P + "/host/clusters/" + cluster + gateway), "ip")).hasSize(2);
        DynamicApiFixture.assertSuccess(http.send("POST", P + "/host/clusters/" + cluster + gateway,
                "{\"ips\": [\"" + cluster + "-h1\"]}"));
    }
}
