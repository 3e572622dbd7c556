package com.bkbcs.storage.domain.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.util.List;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class ParameterValuesTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of(List.of("web"), List.of("web")),
                Arguments.of(List.of("3"), List.of("3", 3L)),
                Arguments.of(List.of("-7"), List.of("-7", -7L)),
                Arguments.of(List.of("1.5"), List.of("1.5", 1.5)),
                Arguments.of(List.of("007"), List.of("007")),
                Arguments.of(List.of("true", "x"), List.of("true", true, "x")),
                Arguments.of(List.of("99999999999999999999"), List.of("99999999999999999999", 1.0E20)));
    }

    @ParameterizedTest
    @MethodSource("table")
    void textStandsForItselfAndTheValueItSpells(List<String> items, List<Object> expected) {
        assertThat(ParameterValues.candidates(items)).isEqualTo(expected);
    }
}
