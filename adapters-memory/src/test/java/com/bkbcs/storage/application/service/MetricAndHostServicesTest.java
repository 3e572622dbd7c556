package com.bkbcs.storage.application.service;

import com.bkbcs.storage.adapters.memory.InMemoryHostStore;
import com.bkbcs.storage.adapters.memory.InMemoryMetricStore;
import com.bkbcs.storage.application.port.in.host.AssignHostsUseCase.AssignHostsCommand;
import com.bkbcs.storage.application.port.in.host.DeleteHostUseCase.DeleteHostCommand;
import com.bkbcs.storage.application.port.in.host.GetHostUseCase.GetHostQuery;
import com.bkbcs.storage.application.port.in.host.PutHostUseCase.PutHostCommand;
import com.bkbcs.storage.application.port.in.metric.DeleteMetricUseCase.DeleteMetricCommand;
import com.bkbcs.storage.application.port.in.metric.GetMetricUseCase.GetMetricQuery;
import com.bkbcs.storage.application.port.in.metric.PutMetricUseCase.PutMetricCommand;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.host.Host;
import com.bkbcs.storage.domain.host.HostQuery;
import com.bkbcs.storage.domain.metric.MetricKey;
import com.bkbcs.storage.domain.metric.MetricQuery;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Projection;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class MetricAndHostServicesTest {
    private final SettableClock clock = new SettableClock(Instant.parse("2020-01-01T00:00:00.123456Z"));
    private final InMemoryMetricStore metrics = new InMemoryMetricStore();
    private final InMemoryHostStore hosts = new InMemoryHostStore();
    private final MetricService metricService = new MetricService(metrics, clock);
    private final HostService hostService = new HostService(hosts, clock);

    @Test
    void metricsAreUpsertedWithMillisecondTimesProjectedAndNotFoundWhenAbsent() {
        MetricKey key = new MetricKey("c", "ns", "cpu", "web");
        metricService.put(new PutMetricCommand(key, Map.of("v", 1)));
        clock.set(Instant.parse("2020-01-02T00:00:00.999999Z"));
        metricService.put(new PutMetricCommand(key, Map.of("v", 2)));

        Map<String, Object> document = metricService.get(new GetMetricQuery(key, Projection.ALL));
        assertThat(document).containsEntry("createTime", Instant.parse("2020-01-01T00:00:00.123Z"))
                .containsEntry("updateTime", Instant.parse("2020-01-02T00:00:00.999Z"))
                .containsEntry("data", Map.of("v", 2));
        assertThat(metricService.get(new GetMetricQuery(key, new Projection(List.of(FieldPath.of("name"))))))
                .isEqualTo(Map.of("name", "web"));
        assertThat(metricService.list(MetricQuery.all("c")).toList()).hasSize(1);
        assertThat(metricService.clusterIds()).containsExactly("c");

        metricService.delete(new DeleteMetricCommand(key));
        metricService.delete(new DeleteMetricCommand(key));
        assertThatThrownBy(() -> metricService.get(new GetMetricQuery(key, Projection.ALL)))
                .isInstanceOfSatisfying(StorageException.class, e -> {
                    assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND);
                    assertThat(e.getMessage()).isEqualTo("metric does not exist");
                });
        assertThat(metricService.clusterIds()).isEmpty();
    }

    @Test
    void hostsArePutAssignedReleasedAndDeleted() {
        hostService.put(new PutHostCommand("10.0.0.1", "c", Map.of("cpu", 8)));
        hostService.assign(new AssignHostsCommand("c", List.of("10.0.0.2", "10.0.0.2", "10.0.0.3"), true));

        assertThat(hostService.list(HostQuery.all("c")).map(doc -> doc.get("ip")).toList())
                .containsExactly("10.0.0.2", "10.0.0.3");
        assertThat(hostService.get(new GetHostQuery("10.0.0.1", Projection.ALL)))
                .containsEntry("clusterId", Host.NO_CLUSTER).containsEntry("data", Map.of("cpu", 8));
        hostService.assign(new AssignHostsCommand("c", List.of("10.0.0.1"), false));
        assertThat(hostService.list(HostQuery.all("c")).toList()).hasSize(3);

        hostService.delete(new DeleteHostCommand("10.0.0.1"));
        hostService.delete(new DeleteHostCommand("10.0.0.1"));
        assertThatThrownBy(() -> hostService.get(new GetHostQuery("10.0.0.1", Projection.ALL)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void commandsValidateNames() {
        assertThatThrownBy(() -> new PutHostCommand("a/b", "c", null)).isInstanceOf(StorageException.class)
                .hasMessage("ip must not contain '/'");
        assertThatThrownBy(() -> new PutHostCommand("10.0.0.1", "c$", null)).isInstanceOf(StorageException.class)
                .hasMessage("clusterId must not contain '$'");
        assertThatThrownBy(() -> new AssignHostsCommand("c", List.of("ok", ""), true)).isInstanceOf(StorageException.class)
                .hasMessage("ip must not be empty");
        assertThatThrownBy(() -> new MetricKey("c", "ns", "t", "x".repeat(254))).isInstanceOf(StorageException.class)
                .hasMessage("name is longer than 253 characters");
        assertThat(new PutHostCommand("10.0.0.1", Host.NO_CLUSTER, null).clusterId()).isEmpty();
    }
}
