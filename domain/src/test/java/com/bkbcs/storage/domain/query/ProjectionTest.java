package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.Timeout;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class ProjectionTest {
    private static final Map<String, Object> DOC = Map.of(
            "_id", "c/ns/Pod/p",
            "resourceName", "p",
            "data", Map.of(
                    "metadata", Map.of("name", "p", "labels", Map.of("app", "web")),
                    "status", Map.of("containerStatuses", List.of(
                            Map.of("containerID", "c1", "ready", true),
                            Map.of("ready", false),
                            Map.of("containerID", "c3"),
                            "not-an-object")),
                    "empty", Map.of()));

    private static Projection of(String... paths) {
        return new Projection(Arrays.stream(paths).map(FieldPath::parse).toList());
    }

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(of(), DOC),
                Arguments.of(of("resourceName"), Map.of("resourceName", "p")),
                Arguments.of(of("data.metadata.name", "resourceName"),
                        Map.of("resourceName", "p", "data", Map.of("metadata", Map.of("name", "p")))),
                Arguments.of(of("data.status.containerStatuses.containerID"),
                        Map.of("data", Map.of("status", Map.of("containerStatuses",
                                List.of(Map.of("containerID", "c1"), Map.of("containerID", "c3")))))),
                Arguments.of(of("data.nothing", "data.metadata.name.deeper"), Map.of()),
                Arguments.of(of("data.empty"), Map.of("data", Map.of("empty", Map.of()))),
                Arguments.of(of("data.metadata", "data.metadata.name"),
                        Map.of("data", Map.of("metadata", DOC_METADATA()))),
                Arguments.of(of("_id"), Map.of("_id", "c/ns/Pod/p")));
    }

    @SuppressWarnings("unchecked")
    private static Object DOC_METADATA() {
        return ((Map<String, Object>) DOC.get("data")).get("metadata");
    }

    @ParameterizedTest
    @MethodSource("table")
    void keepsOnlyWhatThePathsName(Projection projection, Map<String, Object> expected) {
        assertThat(projection.apply(DOC)).isEqualTo(expected);
    }

    @Test
    void dropsPathsCoveredByAnotherPath() {
        assertThat(of("data.metadata.name", "data", "data").paths()).containsExactly(FieldPath.parse("data"));
    }

    @Test
    void coverageIsDecidedByPrefixesNotBySharedText() {
        assertThat(of("data.a.b", "data.ab", "data.a", "resourceName", "data.a.b.c").paths())
                .containsExactly(FieldPath.parse("data.ab"), FieldPath.parse("data.a"), FieldPath.parse("resourceName"));
        assertThat(of("a.b", "a.b", "a.c").paths()).containsExactly(FieldPath.parse("a.b"), FieldPath.parse("a.c"));
    }

    /** Tens of thousands of paths are checked in linear time; the pairwise check took minutes of CPU. */
    @Test
    @Timeout(value = 20, unit = TimeUnit.SECONDS)
    void manyPathsAreCheckedInLinearTime() {
        List<FieldPath> paths = new ArrayList<>();
        for (int i = 0; i < 100_000; i++) {
            paths.add(FieldPath.of("data", "p" + i, "x"));
            paths.add(FieldPath.of("data", "p" + i));
        }
        assertThat(new Projection(paths).paths()).hasSize(100_000).allMatch(path -> path.size() == 2);
    }

    @Test
    void rejectsOperatorSegments() {
        assertThatThrownBy(() -> of("data.$slice")).isInstanceOf(StorageException.class);
    }
}
