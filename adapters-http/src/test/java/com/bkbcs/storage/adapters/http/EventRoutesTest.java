package com.bkbcs.storage.adapters.http;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class EventRoutesTest extends ReportsApiFixture {

    private String event(String type, long eventTime, String level, String name) {
        return """
                {"id": "ev-%1$s", "env": "k8s", "kind": "pod", "level": "%3$s", "component": "kubelet",
                 "type": "%1$s", "describe": "about %1$s", "clusterId": "%4$s", "eventTime": %2$d,
                 "extraInfo": {"name": "%5$s", "namespace": "default", "kind": "application"}, "data": {"n": "%1$s"}}"""
                .formatted(type, eventTime, level, cluster, name);
    }

    private void put(String prefix, String body) {
        DynamicApiFixture.assertSuccess(http.put(prefix + "/events", body));
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void putThenListGivesTheDocumentWithRfc3339TimesAndTheTotal(String prefix) {
        put(prefix, """
                {"id": "", "env": "mesos", "kind": "rc", "level": "warning", "component": "kublet", "type": "killing",
                 "describe": "wow its killing itself", "clusterId": "%s", "eventTime": 1506686400,
                 "extraInfo": {"name": "app", "namespace": "test", "kind": "application"}, "data": {"a": "1", "b": "2"}}"""
                .formatted(cluster));

        Http.Reply reply = http.get(prefix + "/events?clusterId=" + cluster);

        String id = reply.json().path("data").path(0).path("_id").asText();
        assertThat(id).matches("[0-9a-f]{24}");
        DynamicApiFixture.assertReply(reply, 200, """
                {"result": true, "code": 0, "message": "success", "data": [{
                  "_id": "%s", "id": "", "env": "mesos", "kind": "rc", "level": "warning", "component": "kublet",
                  "type": "killing", "describe": "wow its killing itself", "clusterId": "%s",
                  "eventTime": "2017-09-29T12:00:00.000Z",
                  "extraInfo": {"name": "app", "namespace": "test", "kind": "application"},
                  "data": {"a": "1", "b": "2"}, "createTime": "%s"}], "total": 1}""".formatted(id, cluster, T0_TEXT));
        List<String> fields = new ArrayList<>();
        reply.json().path("data").path(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("_id", "id", "env", "kind", "level", "component", "type", "describe",
                "clusterId", "eventTime", "extraInfo", "data", "createTime");
        List<String> envelope = new ArrayList<>();
        reply.json().fieldNames().forEachRemaining(envelope::add);
        assertThat(envelope).containsExactly("result", "code", "message", "data", "total");
    }

    @Test
    void aMinimalEventTakesZeroValuesAndGosZeroTimeAndDuplicatesAreKept() {
        String prefix = PREFIXES.get(1);
        put(prefix, "{\"clusterId\": \"" + cluster + "\", \"eventTime\": -62135596800}");
        put(prefix, "{\"clusterId\": \"" + cluster + "\", \"eventTime\": -62135596800, \"data\": null, \"extraInfo\": null}");

        Http.Reply reply = http.get(prefix + "/events?clusterId=" + cluster);

        assertThat(total(reply)).isEqualTo(2);
        JsonNode first = reply.json().path("data").path(0);
        ObjectNode expected = (ObjectNode) Http.json("""
                {"id": "", "env": "", "kind": "", "level": "", "component": "", "type": "", "describe": "",
                 "clusterId": "%s", "eventTime": "0001-01-01T00:00:00.000Z",
                 "extraInfo": {"name": "", "namespace": "", "kind": ""}, "data": null, "createTime": "%s"}"""
                .formatted(cluster, T0_TEXT));
        expected.set("_id", first.path("_id"));
        assertThat(first).isEqualTo(expected);
        assertThat(reply.json().path("data").path(1).path("_id")).isNotEqualTo(first.path("_id"));
    }

    @Test
    void listsNewestFirstByEventTimeAndTheLaterStoredFirstAmongEqualTimes() {
        String prefix = PREFIXES.get(0);
        put(prefix, event("a", 100, "normal", "x"));
        put(prefix, event("b", 300, "normal", "x"));
        put(prefix, event("c", 200, "normal", "x"));
        put(prefix, event("d", 300, "normal", "x"));

        Http.Reply reply = http.get(prefix + "/events?clusterId=" + cluster);

        assertThat(values(reply, "type")).containsExactly("d", "b", "c", "a");
        assertThat(values(reply, "eventTime")).containsExactly("1970-01-01T00:05:00.000Z", "1970-01-01T00:05:00.000Z",
                "1970-01-01T00:03:20.000Z", "1970-01-01T00:01:40.000Z");
    }

    @Test
    void everyDocumentedFilterTakesACommaListAndTheyAllHold() {
        String prefix = PREFIXES.get(1);
        String other = cluster + "-other";
        put(prefix, event("t1", 1, "warning", "web"));
        put(prefix, event("t2", 2, "normal", "web"));
        put(prefix, event("t3", 3, "warning", "db"));
        put(prefix, """
                {"env": "mesos", "kind": "rc", "level": "warning", "component": "scheduler", "type": "t4",
                 "clusterId": "%s", "eventTime": 4, "extraInfo": {"name": "web", "namespace": "kube-system", "kind": "deployment"}}"""
                .formatted(other));
        String both = "clusterId=" + cluster + "," + other;

        assertThat(values(http.get(prefix + "/events?" + both), "type")).containsExactly("t4", "t3", "t2", "t1");
        assertThat(values(http.get(prefix + "/events?" + both + "&level=warning"), "type")).containsExactly("t4", "t3", "t1");
        assertThat(values(http.get(prefix + "/events?" + both + "&env=mesos"), "type")).containsExactly("t4");
        assertThat(values(http.get(prefix + "/events?" + both + "&kind=rc,pod&type=t1,t4"), "type")).containsExactly("t4", "t1");
        assertThat(values(http.get(prefix + "/events?" + both + "&component=scheduler"), "type")).containsExactly("t4");
        assertThat(values(http.get(prefix + "/events?" + both + "&extraInfo.name=web&level=warning"), "type"))
                .containsExactly("t4", "t1");
        assertThat(values(http.get(prefix + "/events?" + both + "&extraInfo.namespace=kube-system"), "type")).containsExactly("t4");
        assertThat(values(http.get(prefix + "/events?" + both + "&extraInfo.kind=application"), "type"))
                .containsExactly("t3", "t2", "t1");
        assertThat(values(http.get(prefix + "/events?clusterId=" + other), "type")).containsExactly("t4");
        assertThat(values(http.get(prefix + "/events?" + both + "&extra=" + Http.extra("{\"data.n\": [\"t2\", \"t3\"]}")), "type"))
                .containsExactly("t3", "t2");
        assertThat(values(http.get(prefix + "/events?" + both + "&data.n=t1"), "type")).containsExactly("t1");
        assertThat(values(http.get(prefix + "/events?" + both + "&level=nothing"), "type")).isEmpty();
        assertThat(values(http.get(prefix + "/events?" + both + "&access_token=x&bk_app_code=a&bk_app_secret=s&bk_username=u"),
                "type")).hasSize(4);
        assertThat(values(http.get(prefix + "/events?type=t1,t2,t3,t4&extraInfo.name=web,db"), "clusterId"))
                .containsOnly(cluster, other).hasSize(4);
    }

    @Test
    void timeBeginAndTimeEndBoundEventTimeInclusivelyInEveryAcceptedForm() {
        String prefix = PREFIXES.get(0);
        put(prefix, event("early", 1509423100, "normal", "x"));
        put(prefix, event("begin", 1509423130, "normal", "x"));
        put(prefix, event("end", 1509423200, "normal", "x"));
        put(prefix, event("late", 1509423201, "normal", "x"));
        String list = prefix + "/events?clusterId=" + cluster;

        assertThat(values(http.get(list + "&timeBegin=1509423130&timeEnd=1509423200"), "type")).containsExactly("end", "begin");
        assertThat(values(http.get(list + "&timeBegin=" + Http.encode("2017-10-31 04:12:10")), "type"))
                .containsExactly("late", "end", "begin");
        assertThat(values(http.get(list + "&timeEnd=" + Http.encode("2017-10-31T12:13:20+08:00")), "type"))
                .containsExactly("end", "begin", "early");
        assertThat(values(http.get(list + "&timeBegin=0&timeEnd=0"), "type")).hasSize(4);
        assertThat(total(http.get(list + "&timeBegin=1509423201"))).isEqualTo(1);
    }

    @Test
    void offsetAndLengthPageAfterFilteringWhileTotalCountsEveryMatch() {
        String prefix = PREFIXES.get(1);
        for (int i = 0; i < 7; i++) {
            put(prefix, event("t" + i, 100 + i % 3, i % 2 == 0 ? "warning" : "normal", "x"));
            clock.advance(Duration.ofMillis(1));
        }
        String list = prefix + "/events?clusterId=" + cluster;
        List<String> all = values(http.get(list), "type");

        List<String> paged = new ArrayList<>();
        for (int offset = 0; offset < 9; offset += 3) {
            Http.Reply page = http.get(list + "&offset=" + offset + "&length=3");
            assertThat(total(page)).isEqualTo(7);
            paged.addAll(values(page, "type"));
        }
        assertThat(paged).isEqualTo(all).hasSize(7);
        Http.Reply warnings = http.get(list + "&level=warning&offset=1&length=2");
        assertThat(total(warnings)).isEqualTo(4);
        assertThat(values(warnings, "type")).hasSize(2);
        assertThat(values(http.get(list + "&limit=2"), "type")).isEqualTo(all.subList(0, 2));
        assertThat(values(http.get(list + "&length=0"), "type")).isEqualTo(all);
        Http.Reply past = http.get(list + "&offset=50");
        assertThat(values(past, "type")).isEmpty();
        assertThat(total(past)).isEqualTo(7);
    }

    @Test
    void fieldProjectsEachEvent() {
        String prefix = PREFIXES.get(0);
        put(prefix, event("p", 1, "normal", "web"));

        DynamicApiFixture.assertReply(http.get(prefix + "/events?clusterId=" + cluster + "&field=type,extraInfo.name,data,eventTime"),
                200, """
                {"result": true, "code": 0, "message": "success", "total": 1, "data": [
                  {"type": "p", "eventTime": "1970-01-01T00:00:01.000Z", "extraInfo": {"name": "web"}, "data": {"n": "p"}}]}""");
    }

    @Test
    void anEmptyListStillCarriesItsTotal() {
        DynamicApiFixture.assertReply(http.get(PREFIXES.get(1) + "/events?clusterId=" + cluster), 200, """
                {"result": true, "code": 0, "message": "success", "data": [], "total": 0}""");
    }
}
