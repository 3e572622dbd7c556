package com.bkbcs.storage.domain.query;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

import java.time.Instant;
import java.util.Optional;
import java.util.stream.Stream;

import static org.assertj.core.api.Assertions.assertThat;

class TimeValuesTest {

    static Stream<Arguments> table() {
        return Stream.of(
                Arguments.of("2017-10-16T07:34:52Z", Optional.of(Instant.parse("2017-10-16T07:34:52Z"))),
                Arguments.of("2017-10-09T15:37:44+08:00", Optional.of(Instant.parse("2017-10-09T07:37:44Z"))),
                Arguments.of("2017-10-11T09:51:16.786921704+08:00", Optional.of(Instant.parse("2017-10-11T01:51:16.786921704Z"))),
                Arguments.of("0001-01-01T00:00:00Z", Optional.of(Instant.parse("0001-01-01T00:00:00Z"))),
                Arguments.of("2017-10-11 09:55:24", Optional.of(Instant.parse("2017-10-11T09:55:24Z"))),
                Arguments.of(1509423130, Optional.of(Instant.parse("2017-10-31T04:12:10Z"))),
                Arguments.of(0L, Optional.of(Instant.EPOCH)),
                Arguments.of(1.5, Optional.of(Instant.ofEpochSecond(1, 500_000_000))),
                Arguments.of(Instant.EPOCH, Optional.of(Instant.EPOCH)),
                Arguments.of("", Optional.empty()),
                Arguments.of("Running", Optional.empty()),
                Arguments.of(true, Optional.empty()),
                Arguments.of(1.0e20, Optional.empty()));
    }

    @ParameterizedTest
    @MethodSource("table")
    void readsReportedTimesAsInstants(Object value, Optional<Instant> expected) {
        assertThat(TimeValues.instantOf(value)).isEqualTo(expected);
    }
}
