package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ConditionTest {
    private static final Instant T = Instant.parse("2020-01-01T00:00:00Z");
    private static final Map<String, Object> DOC = Map.of(
            "resourceName", "p1",
            "updateTime", T,
            "data", Map.of(
                    "replicas", 3,
                    "metadata", Map.of(
                            "labels", Map.of("app.kubernetes.io/name", "web"),
                            "ownerReferences", List.of(Map.of("name", "rs1"), Map.of("name", "rs2"))),
                    "tags", List.of("a", "b")));

    private static Condition.AnyOf anyOf(String path, Object... values) {
        return new Condition.AnyOf(FieldPath.parse(path), Arrays.asList(values));
    }

    private static Condition.NoneOf noneOf(String path, Object... values) {
        return new Condition.NoneOf(FieldPath.parse(path), Arrays.asList(values));
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(anyOf("resourceName", "p1"), true),
                Arguments.of(anyOf("resourceName", "p2", "p1"), true),
                Arguments.of(anyOf("resourceName", "p2"), false),
                Arguments.of(anyOf("data.replicas", 3L), true),
                Arguments.of(anyOf("data.replicas", 3.0), true),
                Arguments.of(anyOf("data.replicas", "3"), false),
                Arguments.of(anyOf("data.metadata.labels.app\uff0ekubernetes\uff0eio/name", "web"), true),
                Arguments.of(anyOf("data.metadata.ownerReferences.name", "rs2"), true),
                Arguments.of(anyOf("data.metadata.ownerReferences.name", "rs3"), false),
                Arguments.of(anyOf("data.tags", "b"), true),
                Arguments.of(anyOf("data.missing", (Object) null), true),
                Arguments.of(anyOf("data.missing", "x"), false),
                Arguments.of(noneOf("data.tags", "c"), true),
                Arguments.of(noneOf("data.tags", "a"), false),
                Arguments.of(noneOf("data.missing", "x"), true),
                Arguments.of(new Condition.Exists(FieldPath.parse("data.metadata.labels"), true), true),
                Arguments.of(new Condition.Exists(FieldPath.parse("data.metadata.annotations"), true), false),
                Arguments.of(new Condition.Exists(FieldPath.parse("data.metadata.annotations"), false), true),
                Arguments.of(between("updateTime", T, T), true),
                Arguments.of(between("updateTime", T.plusMillis(1), null), false),
                Arguments.of(between("updateTime", null, T.minusMillis(1)), false),
                Arguments.of(between("updateTime", null, null), true),
                Arguments.of(between("resourceName", null, null), false));
    }

    private static Condition.Between between(String path, Instant from, Instant to) {
        return new Condition.Between(FieldPath.parse(path), Optional.ofNullable(from), Optional.ofNullable(to));
    }

    @ParameterizedTest
    @MethodSource("table")
    void referenceSemantics(Condition condition, boolean matches) {
        assertThat(condition.test(DOC)).isEqualTo(matches);
    }

    @Test
    void rejectsEmptyValueListsStructuredValuesAndReversedRanges() {
        assertThatThrownBy(() -> anyOf("data.x")).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> anyOf("data.x", Map.of("$gt", 1))).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> between("updateTime", T, T.minusSeconds(1))).hasMessageContaining("ends before");
    }

    @Test
    void filterNeedsEveryCondition() {
        ResourceFilter both = ResourceFilter.ALL.and(List.of(anyOf("resourceName", "p1"), anyOf("data.tags", "a")));
        ResourceFilter oneFails = both.and(List.of(anyOf("data.tags", "z")));
        assertThat(ResourceFilter.ALL.matches(DOC)).isTrue();
        assertThat(both.matches(DOC)).isTrue();
        assertThat(oneFails.matches(DOC)).isFalse();
    }
}
