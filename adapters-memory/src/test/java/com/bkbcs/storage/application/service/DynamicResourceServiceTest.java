package com.bkbcs.storage.application.service;

import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourceUseCase.DeleteResourceCommand;
import com.bkbcs.storage.application.port.in.dynamic.DeleteResourcesUseCase.DeleteResourcesCommand;
import com.bkbcs.storage.application.port.in.dynamic.GetResourceUseCase.GetResourceQuery;
import com.bkbcs.storage.application.port.in.dynamic.PutResourceUseCase.PutResourceCommand;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.ResourceScope;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.query.FieldPath;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import com.bkbcs.storage.domain.query.ResourceQuery;
import org.junit.jupiter.api.Test;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class DynamicResourceServiceTest {
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final MutableClock clock = new MutableClock(Instant.parse("2020-01-01T00:00:00.123456Z"));
    private final DynamicResourceService service = new DynamicResourceService(store, clock);
    private final ResourceKey pod = ResourceKey.namespaced("c1", "ns", "Pod", "p1");

    @Test
    void putStampsMillisecondTimesAndKeepsCreateTimeOnReplace() {
        service.put(new PutResourceCommand(pod, Map.of("v", 1, "old", true)));
        clock.now = Instant.parse("2020-01-02T00:00:00.999999Z");
        service.put(new PutResourceCommand(pod, Map.of("v", 2)));

        Map<String, Object> document = service.get(new GetResourceQuery(pod, Projection.ALL));
        assertThat(document.get("createTime")).isEqualTo(Instant.parse("2020-01-01T00:00:00.123Z"));
        assertThat(document.get("updateTime")).isEqualTo(Instant.parse("2020-01-02T00:00:00.999Z"));
        assertThat(document.get("data")).isEqualTo(Map.of("v", 2));
        assertThat(store.size()).isEqualTo(1);
    }

    @Test
    void getProjectsAndReportsAbsenceAsNotFound() {
        service.put(new PutResourceCommand(pod, Map.of("metadata", Map.of("name", "p1", "uid", "u"))));

        Map<String, Object> projected = service.get(new GetResourceQuery(pod,
                new Projection(List.of(FieldPath.parse("data.metadata.name")))));
        assertThat(projected).isEqualTo(Map.of("data", Map.of("metadata", Map.of("name", "p1"))));

        ResourceKey absent = ResourceKey.namespaced("c1", "ns", "Pod", "nope");
        assertThatThrownBy(() -> service.get(new GetResourceQuery(absent, Projection.ALL)))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND));
    }

    @Test
    void deleteIsIdempotent() {
        service.put(new PutResourceCommand(pod, null));
        service.delete(new DeleteResourceCommand(pod));
        service.delete(new DeleteResourceCommand(pod));
        assertThat(store.size()).isZero();
    }

    @Test
    void batchDeleteHonoursUpdateTimeBoundsInclusively() {
        ResourceKey early = ResourceKey.namespaced("c1", "ns", "Pod", "early");
        ResourceKey late = ResourceKey.namespaced("c1", "ns", "Pod", "late");
        clock.now = Instant.parse("2020-01-01T00:00:00Z");
        service.put(new PutResourceCommand(early, 1));
        clock.now = Instant.parse("2020-01-01T00:00:10Z");
        service.put(new PutResourceCommand(late, 2));
        service.put(new PutResourceCommand(ResourceKey.namespaced("c1", "other", "Pod", "x"), 3));

        long removed = service.deleteAll(new DeleteResourcesCommand(ResourceScope.namespace("c1", "ns", "Pod"),
                ResourceFilter.ALL, Optional.empty(), Optional.of(Instant.parse("2020-01-01T00:00:00Z"))));

        assertThat(removed).isEqualTo(1);
        try (Stream<Map<String, Object>> left = service.list(ResourceQuery.all(ResourceScope.all("c1", "Pod")))) {
            assertThat(left.map(d -> d.get("resourceName"))).containsExactly("late", "x");
        }
    }

    @Test
    void listReturnsDocumentsOfTheScopeInIdOrder() {
        service.put(new PutResourceCommand(ResourceKey.namespaced("c1", "b", "Pod", "p"), 1));
        service.put(new PutResourceCommand(ResourceKey.namespaced("c1", "a", "Pod", "p"), 2));
        service.put(new PutResourceCommand(ResourceKey.clusterScoped("c1", "Pod", "z"), 3));

        try (Stream<Map<String, Object>> namespaced = service.list(ResourceQuery.all(ResourceScope.namespace("c1", "a", "Pod")))) {
            assertThat(namespaced.map(d -> d.get("_id"))).containsExactly("c1/a/Pod/p");
        }
        try (Stream<Map<String, Object>> all = service.list(ResourceQuery.all(ResourceScope.all("c1", "Pod")))) {
            assertThat(all.map(d -> d.get("_id"))).containsExactly("c1/Pod/z", "c1/a/Pod/p", "c1/b/Pod/p");
        }
    }

    private static final class MutableClock extends Clock {
        private Instant now;

        private MutableClock(Instant now) {
            this.now = now;
        }

        @Override
        public ZoneOffset getZone() {
            return ZoneOffset.UTC;
        }

        @Override
        public Clock withZone(java.time.ZoneId zone) {
            return this;
        }

        @Override
        public Instant instant() {
            return now;
        }
    }
}
