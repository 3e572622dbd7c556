package com.bkbcs.storage.bootstrap;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;

class DocOutputTest {
    private static List<String> differences(String doc, String body) {
        return new DocOutput(doc).differences(new DocOutput.Answer(200, Map.of(), body), false);
    }

    @Test
    void jsonIsComparedAsJsonWhateverItsLayoutAndMemberOrder() {
        assertThat(differences("{\n  \"a\": [1, 2.50],\n  \"b\": null\n}", "{\"b\":null,\"a\":[1,2.5]}")).isEmpty();
    }

    @Test
    void namesEveryDifferenceByItsPath() {
        assertThat(differences("{\"data\":[{\"name\":\"web\"}],\"code\":0}", "{\"data\":[{\"name\":\"db\",\"x\":1}],\"total\":1}"))
                .containsExactlyInAnyOrder("/data/0/name: expected \"web\", was \"db\"", "/data/0/x: not in the doc, was 1",
                        "/code: missing", "/total: not in the doc, was 1");
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " :: ", textBlock = """
            {"createTime":"2026-11-27T08:55:17.228Z"} :: {"createTime":"2030-01-01T00:00:00.000Z"}
            {"updateTime":"2026-11-27T08:55:17.228Z"} :: {"updateTime":"2017-10-09T15:37:44+08:00"}
            {"_id":"6b09498d39d18198cbedf57e"}        :: {"_id":"000000000000000000000001"}
            {"revision":118}                          :: {"revision":3}
            {"a":{"revision":1}}                      :: {"a":{"revision":0}}
            """)
    void masksTimesObjectIdsAndRevisions(String doc, String answer) {
        assertThat(differences(doc, answer)).isEmpty();
    }

    @ParameterizedTest
    @CsvSource(delimiterString = " :: ", textBlock = """
            {"createTime":"2026-11-27T08:55:17.228Z"}      :: {"createTime":"yesterday"}
            {"eventTime":"2017-10-31T04:12:10.000Z"}       :: {"eventTime":"2017-10-31T04:12:11.000Z"}
            {"_id":"BCS-K8S-40000/default/Pod/web-1"}      :: {"_id":"BCS-K8S-40000/default/Pod/web-2"}
            {"_id":"6b09498d39d18198cbedf57e"}             :: {"_id":"BCS-K8S-40000/default/Pod/web-2"}
            {"revision":3}                                 :: {"revision":-1}
            {"revision":3}                                 :: {"revision":"3"}
            """)
    void masksOnlyTheseMembersAndOnlyValuesOfTheirShape(String doc, String answer) {
        assertThat(differences(doc, answer)).hasSize(1);
    }

    @Test
    void threeDotsInAnObjectStandForAnyOtherMembers() {
        String doc = "{\"type\":\"MODIFIED\",\"object\":{\"_id\":\"p\", ... ,\"data\":{\"phase\":\"Running\"}, ... }}";

        assertThat(differences(doc, "{\"type\":\"MODIFIED\",\"object\":{\"_id\":\"p\",\"clusterId\":\"c\",\"data\":{\"phase\":\"Running\"}}}"))
                .isEmpty();
        assertThat(differences(doc, "{\"type\":\"MODIFIED\",\"object\":{\"_id\":\"p\",\"data\":{\"phase\":\"Pending\"}}}"))
                .containsExactly("/object/data/phase: expected \"Running\", was \"Pending\"");
        assertThat(DocOutput.withElisionMarkers("{\"a\":\"...\", ... }")).isEqualTo("{\"a\":\"...\", \"...\":\"...\" }");
    }

    @Test
    void aStreamIsASequenceOfJsonValues() {
        String doc = "{\"type\":\"ADDED\",\"revision\":2}\n{\"type\":\"DELETED\",\"revision\":4}";

        assertThat(differences(doc, "{\"type\":\"ADDED\",\"revision\":2}\n{\"type\":\"DELETED\",\"revision\":4}\n")).isEmpty();
        assertThat(differences(doc, "{\"type\":\"ADDED\",\"revision\":2}\n")).containsExactly("expected 2 JSON value(s), got 1");
    }

    @Test
    void textThatIsNotJsonIsComparedLineByLine() {
        assertThat(differences("# HELP up\nup 1", "# HELP up  \nup 1\n")).isEmpty();
        assertThat(differences("# HELP up\nup 1", "# HELP up\nup 0")).containsExactly("the text differs");
        assertThat(differences("{\"result\":true}", "<html>")).containsExactly("the answer is not JSON");
    }

    @Test
    void withIncludeTheStatusAndTheHeadersShownMustMatch() {
        DocOutput doc = new DocOutput("HTTP/1.1 404 Not Found\nContent-Type: application/json\n\n{\"result\":false}");
        Map<String, List<String>> headers = Map.of("content-type", List.of("application/json"), "date", List.of("now"));

        assertThat(doc.differences(new DocOutput.Answer(404, headers, "{\"result\":false}"), true)).isEmpty();
        assertThat(doc.differences(new DocOutput.Answer(400, Map.of(), "{\"result\":false}"), true))
                .containsExactly("status: expected 404, was 400", "header Content-Type: expected application/json, was absent");
    }
}
