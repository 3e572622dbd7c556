package com.bkbcs.storage.domain;

import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.math.BigDecimal;
import java.math.BigInteger;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class JsonTreeTest {

    @Test
    void freezeCopiesDeeplyAndForbidsChanges() {
        Map<String, Object> inner = new HashMap<>();
        inner.put("k", "v");
        List<Object> list = new ArrayList<>(Arrays.asList(inner, null, 1));
        Map<String, Object> root = new HashMap<>();
        root.put("list", list);

        @SuppressWarnings("unchecked")
        Map<String, Object> frozen = (Map<String, Object>) JsonTree.freeze(root);
        inner.put("k", "changed");
        list.add(2);

        assertThat(frozen).isEqualTo(Map.of("list", Arrays.asList(Map.of("k", "v"), null, 1)));
        assertThatThrownBy(() -> frozen.put("x", 1)).isInstanceOf(UnsupportedOperationException.class);
    }

    @Test
    void freezeRejectsNonJsonValuesAndTooDeepNesting() {
        assertThatThrownBy(() -> JsonTree.freeze(new Object())).isInstanceOf(StorageException.class);
        assertThatThrownBy(() -> JsonTree.freeze(Double.NaN)).isInstanceOf(StorageException.class);
        Object deep = "leaf";
        for (int i = 0; i <= JsonTree.MAX_DEPTH; i++) {
            deep = List.of(deep);
        }
        Object tooDeep = deep;
        assertThatThrownBy(() -> JsonTree.freeze(tooDeep)).hasMessageContaining("nested deeper");
        assertThat(JsonTree.freeze(((List<?>) deep).get(0))).isNotNull();
    }

    static Stream<Arguments> paths() {
        Map<String, Object> doc = Map.of("data", Map.of(
                "metadata", Map.of("name", "p", "ownerReferences", List.of(Map.of("name", "rs1"), Map.of("name", "rs2"), "x")),
                "tags", List.of("a", "b")));
        return Stream.of(
                Arguments.of(doc, List.of("data", "metadata", "name"), List.of("p")),
                Arguments.of(doc, List.of("data", "metadata", "ownerReferences", "name"), List.of("rs1", "rs2")),
                Arguments.of(doc, List.of("data", "tags"), List.of(List.of("a", "b"))),
                Arguments.of(doc, List.of("data", "missing"), List.of()),
                Arguments.of(doc, List.of("data", "metadata", "name", "deeper"), List.of()));
    }

    @ParameterizedTest
    @MethodSource("paths")
    void resolveWalksIntoArrays(Object doc, List<String> path, List<Object> expected) {
        assertThat(JsonTree.resolve(doc, path)).isEqualTo(expected);
    }

    static Stream<Arguments> scalars() {
        return Stream.of(
                Arguments.of(3, 3L, true),
                Arguments.of(3, 3.0, true),
                Arguments.of(new BigInteger("3"), 3, true),
                Arguments.of(new BigDecimal("1.50"), 1.5, true),
                Arguments.of(3, "3", false),
                Arguments.of("a", "a", true),
                Arguments.of(true, "true", false),
                Arguments.of(null, null, true),
                Arguments.of(null, "x", false));
    }

    @ParameterizedTest
    @MethodSource("scalars")
    void sameScalarComparesNumbersByValue(Object a, Object b, boolean same) {
        assertThat(JsonTree.sameScalar(a, b)).isEqualTo(same);
        assertThat(JsonTree.sameScalar(b, a)).isEqualTo(same);
    }
}
