package com.bkbcs.storage.adapters.http;

import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.watch.WatchData;
import com.bkbcs.storage.domain.watch.WatchKey;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.Stream;

import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertFailure;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertFailureStartingWith;
import static com.bkbcs.storage.adapters.http.DynamicApiFixture.assertSuccess;
import static org.assertj.core.api.Assertions.assertThat;

/**
 * Every bad input the watch routes handle gets a 4xx with the whole envelope checked, and the store
 * is left exactly as it was (a seeded entry is watched through each request).
 */
class WatchBadInputTest extends WatchApiFixture {
    private static final String BASE = BASES.get(1);

    private WatchKey seeded;
    private Optional<WatchData> seededData;
    private int size;

    @BeforeEach
    void seedOneEntry() {
        seeded = seed(Env.K8S, "ns", "Pod", "web", "{\"metadata\": {\"name\": \"web\"}}");
        seededData = store.get(seeded);
        size = store.size();
    }

    private void assertStoreUnchanged() {
        assertThat(store.get(seeded)).isEqualTo(seededData).isPresent();
        assertThat(store.size()).isEqualTo(size);
    }

    private String one() {
        return typePath(BASE, "ns", "Pod") + "/web";
    }

    static Stream<Arguments> badPutBodies() {
        return Stream.of(
                Arguments.of("", "the request body must not be empty"),
                Arguments.of("not json", "the request body is not valid JSON: "),
                Arguments.of("{\"data\": 1", "the request body is not valid JSON: "),
                Arguments.of("{\"data\": 1} {}", "the request body is not valid JSON: "),
                Arguments.of("[1, 2]", "the request body must be a JSON object"),
                Arguments.of("\"data\"", "the request body must be a JSON object"),
                Arguments.of("null", "the request body must be a JSON object"),
                Arguments.of("{}", "the request body must have a 'data' member"),
                Arguments.of("{\"Data\": 1, \"metadata\": {}}", "unknown body member 'Data'; this route takes data"),
                Arguments.of("{\"metadata\": {}}", "unknown body member 'metadata'; this route takes data"),
                Arguments.of("{\"data\": 1, \"_method\": \"DELETE\"}", "unknown body member '_method'; this route takes data"),
                Arguments.of("{\"data\": " + "[".repeat(100) + "]".repeat(100) + "}", "data is nested deeper than 90 levels"));
    }

    @ParameterizedTest
    @MethodSource("badPutBodies")
    void putRejectsBodiesThatAreNotAnObjectWithData(String body, String why) {
        assertFailureStartingWith(http.put(one(), body), 400, 10003, "Put resource failed: " + why, false);
        assertFailureStartingWith(http.put(typePath(BASE, "ns", "Pod") + "/new", body), 400, 10003,
                "Put resource failed: " + why, false);
        assertStoreUnchanged();
    }

    /** Each route with one of its segments replaced, and the error its operation reports. */
    static Stream<Arguments> invalidSegments() {
        List<Arguments> cases = new ArrayList<>();
        String[][] segments = {
                {"a%2Fb", "must not contain '/'"},
                {"%2E%2E", "must not be '..'"},
                {"%2E", "must not be '.'"},
                {"a%24b", "must not contain '$'"},
                {"a%01b", "must not contain control characters"},
                {"a%C2%85b", "must not contain control characters"},
                {"smile%F0%9F%98%80", "must not contain surrogate, private-use or special characters (U+D83D)"},
                {"n".repeat(254), "is longer than 253 characters"},
        };
        String base = BASE + "/watch/clusters/";
        for (String[] segment : segments) {
            String bad = segment[0];
            String why = segment[1];
            cases.add(Arguments.of("PUT", base + "c/namespaces/ns/Pod/" + bad, 10003, "Put resource failed: resourceName " + why, false));
            cases.add(Arguments.of("GET", base + "c/namespaces/ns/Pod/" + bad, 10004, "Get resource failed: resourceName " + why, false));
            cases.add(Arguments.of("DELETE", base + "c/namespaces/ns/Pod/" + bad, 10005, "Delete resource failed: resourceName " + why, false));
            cases.add(Arguments.of("PUT", base + bad + "/namespaces/ns/Pod/x", 10003, "Put resource failed: clusterId " + why, false));
            cases.add(Arguments.of("PUT", base + "c/namespaces/" + bad + "/Pod/x", 10003, "Put resource failed: namespace " + why, false));
            cases.add(Arguments.of("PUT", base + "c/namespaces/ns/" + bad + "/x", 10003, "Put resource failed: resourceType " + why, false));
            cases.add(Arguments.of("DELETE", base + "c/namespaces/" + bad + "/Pod/x", 10005, "Delete resource failed: namespace " + why, false));
            cases.add(Arguments.of("GET", base + "c/namespaces/" + bad + "/Pod", 10006, "List resource failed: namespace " + why, true));
            cases.add(Arguments.of("GET", base + "c/namespaces/ns/" + bad, 10006, "List resource failed: resourceType " + why, true));
            cases.add(Arguments.of("GET", base + bad + "/namespaces/ns/Pod", 10006, "List resource failed: clusterId " + why, true));
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
    void aBadSegmentIsReportedBeforeABadBody() {
        assertFailure(http.put(typePath(BASE, "ns", "Pod") + "/a%2Fb", "not json"), 400, 10003,
                "Put resource failed: resourceName must not contain '/'", false);
        assertStoreUnchanged();
    }

    @Test
    void theLongestNamesAreAccepted() {
        String longest = "n".repeat(253);
        String path = BASE + "/watch/clusters/" + longest + "/namespaces/" + longest + "/" + longest + "/" + longest;
        assertSuccess(http.put(path, "{\"data\": 1}"));
        assertThat(http.get(path).json().get("data").asInt()).isEqualTo(1);
    }
}
