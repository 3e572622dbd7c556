package com.bkbcs.storage.application.service;

import com.bkbcs.storage.adapters.memory.InMemoryResourceStore;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.Documents;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.Namespaces;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.QueryResult;
import com.bkbcs.storage.application.port.in.query.RunTypedQueryUseCase.TypedQuery;
import com.bkbcs.storage.domain.Env;
import com.bkbcs.storage.domain.ErrorKind;
import com.bkbcs.storage.domain.ResourceKey;
import com.bkbcs.storage.domain.StorageException;
import com.bkbcs.storage.domain.query.Page;
import com.bkbcs.storage.domain.query.Projection;
import com.bkbcs.storage.domain.query.ResourceFilter;
import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class RunTypedQueryServiceTest {
    private static final Instant T = Instant.parse("2020-01-01T00:00:00Z");
    private final InMemoryResourceStore store = new InMemoryResourceStore();
    private final RunTypedQueryService service = new RunTypedQueryService(store);

    private QueryResult query(String env, String kind, Map<String, String> parameters, Page page) {
        return service.query(new TypedQuery(Env.of(env), kind, "c1", parameters, ResourceFilter.ALL, Projection.ALL, page));
    }

    private static List<Object> names(QueryResult result) {
        try (Stream<Map<String, Object>> documents = ((Documents) result).documents()) {
            return documents.map(d -> d.get("resourceName")).toList();
        }
    }

    @Test
    void applicationExcludesProcessesAndProcessSelectsThem() {
        store.upsert(ResourceKey.namespaced("c1", "ns", "application", "app"), Map.of("kind", "application"), T);
        store.upsert(ResourceKey.namespaced("c1", "ns", "application", "plain"), Map.of("status", "Running"), T);
        store.upsert(ResourceKey.namespaced("c1", "ns", "application", "proc"), Map.of("kind", "process"), T);

        assertThat(names(query("mesos", "application", Map.of(), Page.ALL))).containsExactly("app", "plain");
        assertThat(names(query("mesos", "process", Map.of(), Page.ALL))).containsExactly("proc");
    }

    @Test
    void k8sEndpointsReadBothTypeSpellingsAndPageTheirConcatenation() {
        store.upsert(ResourceKey.namespaced("c1", "ns", "Endpoints", "a"), Map.of(), T);
        store.upsert(ResourceKey.namespaced("c1", "ns", "Endpoints", "b"), Map.of(), T);
        store.upsert(ResourceKey.namespaced("c1", "ns", "EndPoints", "legacy"), Map.of(), T);
        store.upsert(ResourceKey.namespaced("c2", "ns", "Endpoints", "other-cluster"), Map.of(), T);

        assertThat(names(query("k8s", "endpoints", Map.of(), Page.ALL))).containsExactly("a", "b", "legacy");
        assertThat(names(query("k8s", "endpoints", Map.of(), Page.of(1, 1)))).containsExactly("b");
        assertThat(names(query("k8s", "endpoints", Map.of(), Page.of(2, 5)))).containsExactly("legacy");
    }

    @Test
    void kindParametersFilter() {
        store.upsert(ResourceKey.namespaced("c1", "ns", "Pod", "running"),
                Map.of("status", Map.of("phase", "Running", "hostIP", "10.0.0.1")), T);
        store.upsert(ResourceKey.namespaced("c1", "ns", "Pod", "pending"), Map.of("status", Map.of("phase", "Pending")), T);

        assertThat(names(query("k8s", "pod", Map.of("status", "Running,Failed"), Page.ALL))).containsExactly("running");
        assertThat(names(query("k8s", "pod", Map.of("hostIp", "10.0.0.2"), Page.ALL))).isEmpty();
    }

    @Test
    void namespaceKindsAnswerWithNamespaceNames() {
        store.upsert(ResourceKey.namespaced("c1", "web", "taskgroup", "t"), Map.of(), T);
        store.upsert(ResourceKey.namespaced("c1", "api", "service", "s"), Map.of(), T);
        store.upsert(ResourceKey.namespaced("c1", "hidden", "IPPoolStatic", "x"), Map.of(), T);
        store.upsert(ResourceKey.clusterScoped("c1", "Namespace", "web"), Map.of("status", Map.of("phase", "Active")), T);

        assertThat(query("mesos", "namespace", Map.of(), Page.ALL)).isEqualTo(new Namespaces(List.of("api", "web")));
        assertThat(query("k8s", "namespace", Map.of("used", "1"), Page.ALL))
                .isEqualTo(new Namespaces(List.of("api", "hidden", "web")));
        assertThat(names(query("k8s", "namespace", Map.of("used", "0"), Page.ALL))).containsExactly("web");
    }

    @Test
    void unknownKindIsNotFound() {
        assertThatThrownBy(() -> query("k8s", "taskgroup", Map.of(), Page.ALL))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.NOT_FOUND))
                .hasMessageContaining("k8s/taskgroup");
    }
}
