package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.List;

import static org.assertj.core.api.Assertions.assertThat;

class AlarmRoutesTest extends ReportsApiFixture {

    private String alarm(String type, long receivedTime, String namespace, String module) {
        return """
                {"clusterId": "%1$s", "namespace": "%4$s", "message": "about %2$s", "source": "127.0.0.4:52328",
                 "module": "%5$s", "type": "%2$s", "receivedTime": %3$d, "data": ["%2$s"]}"""
                .formatted(cluster, type, receivedTime, namespace, module);
    }

    private void post(String prefix, String body) {
        DynamicApiFixture.assertSuccess(http.send("POST", prefix + "/alarms", body));
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void postThenListGivesTheDocumentWithRfc3339TimesAndTheTotal(String prefix) {
        post(prefix, """
                {"clusterId": "%s", "namespace": "test", "message": "developer health test message",
                 "source": "127.0.0.4:52328", "module": "", "type": "weixin", "receivedTime": 1510774481}""".formatted(cluster));

        Http.Reply reply = http.get(prefix + "/alarms?clusterId=" + cluster);

        String id = reply.json().path("data").path(0).path("_id").asText();
        DynamicApiFixture.assertReply(reply, 200, """
                {"result": true, "code": 0, "message": "success", "data": [{
                  "_id": "%s", "clusterId": "%s", "namespace": "test", "message": "developer health test message",
                  "source": "127.0.0.4:52328", "module": "", "type": "weixin", "receivedTime": "2017-11-15T19:34:41.000Z",
                  "data": null, "createTime": "%s"}], "total": 1}""".formatted(id, cluster, T0_TEXT));
        List<String> fields = new ArrayList<>();
        reply.json().path("data").path(0).fieldNames().forEachRemaining(fields::add);
        assertThat(fields).containsExactly("_id", "clusterId", "namespace", "message", "source", "module", "type",
                "receivedTime", "data", "createTime");
    }

    @Test
    void filtersTimesPagingAndProjectionWorkAsForEvents() {
        String prefix = PREFIXES.get(1);
        post(prefix, alarm("a", 100, "ns1", "bcs-health"));
        post(prefix, alarm("b", 300, "ns2", "bcs-health"));
        post(prefix, alarm("c", 200, "ns1", "scheduler"));
        post(prefix, alarm("d", 300, "ns3", "scheduler"));
        String list = prefix + "/alarms?clusterId=" + cluster;

        assertThat(values(http.get(list), "type")).containsExactly("d", "b", "c", "a");
        assertThat(values(http.get(list + "&namespace=ns1,ns3"), "type")).containsExactly("d", "c", "a");
        assertThat(values(http.get(list + "&module=scheduler&namespace=ns1"), "type")).containsExactly("c");
        assertThat(values(http.get(list + "&source=127.0.0.4:52328&type=a,b"), "type")).containsExactly("b", "a");
        assertThat(values(http.get(list + "&timeBegin=200&timeEnd=" + Http.encode("1970-01-01 00:05:00")), "type"))
                .containsExactly("d", "b", "c");
        assertThat(values(http.get(list + "&extra=" + Http.extra("{\"data\": \"a\"}")), "type")).containsExactly("a");
        Http.Reply page = http.get(list + "&offset=1&length=2&field=type");
        DynamicApiFixture.assertReply(page, 200, """
                {"result": true, "code": 0, "message": "success", "data": [{"type": "b"}, {"type": "c"}], "total": 4}""");
        assertThat(events.size()).isZero();
    }

    @Test
    void putIsNotAnAlarmRoute() {
        DynamicApiFixture.assertFailure(http.put(PREFIXES.get(0) + "/alarms", alarm("x", 1, "ns", "m")), 405, 10003,
                "Put resource failed: method PUT is not allowed on /bcsstorage/v1/alarms", false);
    }
}
