package com.bkbcs.storage.domain;

import org.junit.jupiter.api.Test;

import java.time.Instant;
import java.util.List;
import java.util.Map;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ResourceKeyTest {

    @Test
    void idsOfNamespacedAndClusterScopedResourcesNeverCollide() {
        ResourceKey namespaced = ResourceKey.namespaced("c1", "Pod", "x", "y");
        ResourceKey clusterScoped = ResourceKey.clusterScoped("c1", "Pod", "x");
        assertThat(namespaced.id()).isEqualTo("c1/Pod/x/y");
        assertThat(clusterScoped.id()).isEqualTo("c1/Pod/x");
        assertThat(namespaced.id()).isNotEqualTo(clusterScoped.id());
    }

    @Test
    void validatesEverySegment() {
        assertThatThrownBy(() -> ResourceKey.namespaced("c1", "", "Pod", "p")).hasMessageContaining("namespace");
        assertThatThrownBy(() -> ResourceKey.clusterScoped("c1", "Po/d", "p")).hasMessageContaining("resourceType");
    }

    @Test
    void scopesContainTheirResourcesOnly() {
        ResourceKey inNs = ResourceKey.namespaced("c1", "ns", "Pod", "p");
        ResourceKey clusterLevel = ResourceKey.clusterScoped("c1", "Pod", "p");
        ResourceKey otherType = ResourceKey.namespaced("c1", "ns", "pod", "p");
        ResourceKey otherCluster = ResourceKey.namespaced("c2", "ns", "Pod", "p");

        assertThat(ResourceScope.namespace("c1", "ns", "Pod").contains(inNs)).isTrue();
        assertThat(ResourceScope.namespace("c1", "ns", "Pod").contains(clusterLevel)).isFalse();
        assertThat(ResourceScope.cluster("c1", "Pod").contains(clusterLevel)).isTrue();
        assertThat(ResourceScope.cluster("c1", "Pod").contains(inNs)).isFalse();
        assertThat(ResourceScope.all("c1", "Pod").contains(inNs)).isTrue();
        assertThat(ResourceScope.all("c1", "Pod").contains(clusterLevel)).isTrue();
        assertThat(ResourceScope.all("c1", "Pod").contains(otherType)).isFalse();
        assertThat(ResourceScope.all("c1", "Pod").contains(otherCluster)).isFalse();
    }

    @Test
    void documentFormListsFieldsInOrderAndOmitsNamespaceOfClusterScopedResources() {
        Instant t = Instant.parse("2018-03-14T10:01:38.892Z");
        Resource resource = new Resource(ResourceKey.clusterScoped("c1", "Node", "n1"), Map.of("a", List.of(1)), t, t);
        assertThat(resource.toDocument().keySet())
                .containsExactly("_id", "clusterId", "resourceType", "resourceName", "data", "createTime", "updateTime");
        assertThat(resource.toDocument().get("data")).isEqualTo(Map.of("a", List.of(1)));
    }
}
