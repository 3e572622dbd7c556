package com.bkbcs.storage.adapters.http;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicInteger;

import static org.assertj.core.api.Assertions.assertThat;

class HostRoutesTest extends ReportsApiFixture {
    private static final AtomicInteger SUBNETS = new AtomicInteger();
    private String net;

    private String ip(int host) {
        if (net == null) {
            net = "10." + SUBNETS.incrementAndGet() + ".0.";
        }
        return net + host;
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void hostLifecycle(String prefix) {
        String one = prefix + "/host/" + ip(1);

        DynamicApiFixture.assertSuccess(http.put(one, "{\"clusterId\": \"" + cluster + "\", \"data\": {\"cpu\": 8}}"));
        clock.advance(Duration.ofSeconds(1));
        DynamicApiFixture.assertSuccess(http.put(one, "{\"ip\": \"" + ip(1) + "\", \"clusterId\": \"" + cluster
                + "\", \"data\": {\"cpu\": 16}}"));

        DynamicApiFixture.assertReply(http.get(one), 200, """
                {"result": true, "code": 0, "message": "success", "data": {
                  "_id": "%1$s", "ip": "%1$s", "clusterId": "%2$s", "data": {"cpu": 16},
                  "createTime": "%3$s", "updateTime": "2018-03-14T10:01:39.892Z"}}""".formatted(ip(1), cluster, T0_TEXT));
        DynamicApiFixture.assertReply(http.get(prefix + "/host/clusters/" + cluster), 200, """
                {"result": true, "code": 0, "message": "success", "data": [{
                  "_id": "%1$s", "ip": "%1$s", "clusterId": "%2$s", "data": {"cpu": 16},
                  "createTime": "%3$s", "updateTime": "2018-03-14T10:01:39.892Z"}]}""".formatted(ip(1), cluster, T0_TEXT));

        DynamicApiFixture.assertSuccess(http.delete(one));
        DynamicApiFixture.assertFailure(http.get(one), 404, 10004, "Get resource failed: host does not exist", false);
        DynamicApiFixture.assertSuccess(http.delete(one));
        assertThat(values(http.get(prefix + "/host/clusters/" + cluster), "ip")).isEmpty();
    }

    @Test
    void putWithoutClusterStoresAnUnownedHostAndDataDefaultsToNull() {
        String prefix = PREFIXES.get(1);
        DynamicApiFixture.assertSuccess(http.put(prefix + "/host/" + ip(1), "{}"));

        DynamicApiFixture.assertReply(http.get(prefix + "/host/" + ip(1)), 200, """
                {"result": true, "code": 0, "message": "success", "data": {
                  "_id": "%1$s", "ip": "%1$s", "clusterId": "", "data": null, "createTime": "%2$s", "updateTime": "%2$s"}}"""
                .formatted(ip(1), T0_TEXT));
    }

    @ParameterizedTest
    @MethodSource("prefixes")
    void postAddsHostsAndPutMakesTheClusterOwnExactlyThem(String prefix) {
        String members = prefix + "/host/clusters/" + cluster;
        DynamicApiFixture.assertSuccess(http.put(prefix + "/host/" + ip(1), "{\"clusterId\": \"" + cluster + "\", \"data\": 1}"));
        DynamicApiFixture.assertSuccess(http.put(prefix + "/host/" + ip(2), "{\"clusterId\": \"elsewhere\", \"data\": 2}"));
        clock.advance(Duration.ofSeconds(1));

        DynamicApiFixture.assertSuccess(http.send("POST", members, "{\"ips\": [\"" + ip(2) + "\", \"" + ip(3) + "\"]}"));
        assertThat(values(http.get(members), "ip")).containsExactly(ip(1), ip(2), ip(3));
        DynamicApiFixture.assertReply(http.get(prefix + "/host/" + ip(3)), 200, """
                {"result": true, "code": 0, "message": "success", "data": {"_id": "%1$s", "ip": "%1$s", "clusterId": "%2$s",
                 "data": null, "createTime": "2018-03-14T10:01:39.892Z", "updateTime": "2018-03-14T10:01:39.892Z"}}"""
                .formatted(ip(3), cluster));

        DynamicApiFixture.assertSuccess(http.put(members, "{\"ips\": [\"" + ip(3) + "\", \"" + ip(4) + "\"]}"));
        assertThat(values(http.get(members), "ip")).containsExactly(ip(3), ip(4));
        Http.Reply released = http.get(prefix + "/host/" + ip(1));
        assertThat(released.json().path("data").path("clusterId").asText()).isEmpty();
        assertThat(released.json().path("data").path("data").asInt()).isEqualTo(1);
        assertThat(values(http.get(members + "?field=ip&offset=1&limit=1"), "ip")).containsExactly(ip(4));
        assertThat(values(http.get(members + "?extra=" + Http.extra("{\"data\": null}")), "ip")).containsExactly(ip(3), ip(4));

        DynamicApiFixture.assertSuccess(http.put(members, "{\"ips\": []}"));
        assertThat(values(http.get(members), "ip")).isEmpty();
    }
}
