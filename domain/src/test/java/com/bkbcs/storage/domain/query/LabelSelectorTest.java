package com.bkbcs.storage.domain.query;

import com.bkbcs.storage.domain.StorageException;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class LabelSelectorTest {
    private static FieldPath label(String key) {
        return LabelSelector.LABELS.child(key);
    }

    static Stream<Arguments> selectors() {
        return Stream.of(
                Arguments.of("app=web", List.of(new Condition.AnyOf(label("app"), List.of("web")))),
                Arguments.of("app==web", List.of(new Condition.AnyOf(label("app"), List.of("web")))),
                Arguments.of("app != web", List.of(new Condition.NoneOf(label("app"), List.of("web")))),
                Arguments.of("env in (prod, qa)", List.of(new Condition.AnyOf(label("env"), List.of("prod", "qa")))),
                Arguments.of("env notin (dev)", List.of(new Condition.NoneOf(label("env"), List.of("dev")))),
                Arguments.of("app.kubernetes.io/name", List.of(new Condition.Exists(label("app.kubernetes.io/name"), true))),
                Arguments.of("!canary", List.of(new Condition.Exists(label("canary"), false))),
                Arguments.of("app=web,env in (a,b),!canary", List.of(
                        new Condition.AnyOf(label("app"), List.of("web")),
                        new Condition.AnyOf(label("env"), List.of("a", "b")),
                        new Condition.Exists(label("canary"), false))),
                Arguments.of("tier=", List.of(new Condition.AnyOf(label("tier"), List.of("")))));
    }

    @ParameterizedTest
    @MethodSource("selectors")
    void parsesKubernetesSyntax(String selector, List<Condition> expected) {
        assertThat(LabelSelector.parse(selector)).isEqualTo(expected);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "a=b,", "env in (a,b", "env in a,b)", "=b", "a=b=c", "$where=1", "env in (a,,b)", "a b"})
    void rejectsWhatItCannotParse(String selector) {
        assertThatThrownBy(() -> LabelSelector.parse(selector))
                .isInstanceOf(StorageException.class)
                .hasMessageStartingWith("labelSelector");
    }
}
