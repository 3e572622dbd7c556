package com.bkbcs.storage.adapters.zookeeper;

import com.fasterxml.jackson.annotation.JsonProperty;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.json.JsonMapper;

import java.io.IOException;
import java.util.Objects;

/**
 * What an instance registers about itself, in the JSON the original BCS services register (its
 * {@code ServerInfo}) and the BCS gateway reads: where to reach the API and its metrics, by which
 * scheme, which build, which process.
 *
 * @param ip           the address others reach the API on
 * @param port         the API's port
 * @param metricPort   the port serving {@code /metrics} ({@code port} when they share it)
 * @param hostname     the machine's (or pod's) host name
 * @param scheme       {@code http} or {@code https}
 * @param version      the service's version
 * @param cluster      the cluster the instance serves; empty: bcs-storage serves every cluster
 * @param pid          the process id
 * @param externalIp   the address from outside the network the instance is in (as {@code ip} unless told)
 * @param externalPort the port from outside
 */
@JsonPropertyOrder({"ip", "port", "metric_port", "hostname", "scheme", "version", "cluster", "pid", "external_ip",
        "external_port"})
public record EndpointInfo(@JsonProperty("ip") String ip,
                           @JsonProperty("port") int port,
                           @JsonProperty("metric_port") int metricPort,
                           @JsonProperty("hostname") String hostname,
                           @JsonProperty("scheme") String scheme,
                           @JsonProperty("version") String version,
                           @JsonProperty("cluster") String cluster,
                           @JsonProperty("pid") long pid,
                           @JsonProperty("external_ip") String externalIp,
                           @JsonProperty("external_port") int externalPort) {
    public EndpointInfo {
        requireText("ip", ip);
        requirePort("port", port);
        requirePort("metric_port", metricPort);
        Objects.requireNonNull(hostname, "hostname");
        if (!"http".equals(scheme) && !"https".equals(scheme)) {
            throw new IllegalArgumentException("scheme must be http or https, was " + scheme);
        }
        requireText("version", version);
        Objects.requireNonNull(cluster, "cluster");
        requireText("external_ip", externalIp);
        requirePort("external_port", externalPort);
    }

    private static final ObjectMapper JSON = JsonMapper.builder().build();

    /** The znode value: this as compact UTF-8 JSON. */
    public byte[] toJson() {
        try {
            return JSON.writeValueAsBytes(this);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("an endpoint cannot be written as JSON", e);
        }
    }

    /** Reads a znode value back, as the gateway (or a test) does. */
    public static EndpointInfo fromJson(byte[] json) {
        try {
            return JSON.readValue(json, EndpointInfo.class);
        } catch (IOException e) {
            throw new IllegalArgumentException("not an endpoint: " + e.getMessage(), e);
        }
    }

    /** {@code ip:port}: how this instance is named in logs, metrics and the leader election. */
    public String address() {
        return (ip.indexOf(':') >= 0 ? "[" + ip + "]" : ip) + ":" + port;
    }

    private static void requireText(String name, String value) {
        if (value == null || value.isBlank()) {
            throw new IllegalArgumentException(name + " must not be empty");
        }
    }

    private static void requirePort(String name, int port) {
        if (port < 1 || port > 65_535) {
            throw new IllegalArgumentException(name + " must be within 1..65535, was " + port);
        }
    }
}
