package com.bkbcs.storage.domain;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;

import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

class NamesTest {

    @ParameterizedTest
    @ValueSource(strings = {"BCS-K8S-40000", "kube-system", "Pod", "app.kubernetes.io", "名字", "a:b@c", "x"})
    void acceptsNames(String name) {
        assertThat(Names.require("clusterId", name)).isEqualTo(name);
    }

    static Stream<Arguments> badNames() {
        return Stream.of(
                Arguments.of("", "must not be empty"),
                Arguments.of("a".repeat(254), "longer than 253"),
                Arguments.of("a/b", "must not contain '/'"),
                Arguments.of("$where", "must not contain '$'"),
                Arguments.of("a$b", "must not contain '$'"),
                Arguments.of("a\u0000b", "control characters"),
                Arguments.of("a\nb", "control characters"),
                Arguments.of("a\u007fb", "control characters"));
    }

    @ParameterizedTest
    @MethodSource("badNames")
    void rejectsBadNamesAsBadInput(String name, String why) {
        assertThatThrownBy(() -> Names.require("resourceName", name))
                .isInstanceOfSatisfying(StorageException.class, e -> assertThat(e.kind()).isEqualTo(ErrorKind.BAD_INPUT))
                .hasMessageStartingWith("resourceName ")
                .hasMessageContaining(why);
    }

    @ParameterizedTest
    @ValueSource(ints = {253})
    void acceptsTheLongestName(int length) {
        assertThat(Names.require("namespace", "n".repeat(length))).hasSize(length);
    }
}
